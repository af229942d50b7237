import SurveyFiles
import SurveyPanel
import SurveySchema

/// The harmonised UKHLS panel as tidy CSV.
///
/// - `long`: one row per person-wave (`pidp`, `wave`, `wave_letter`, then every
///   variable), streamed wave by wave, so memory stays flat whatever the size.
/// - `wide`: one row per person, sorted by `pidp`; for each wave N an `in_wave_wN`
///   column (1 interviewed, 0 not) and every variable as `NAME_wN`. Each wave's cells
///   are held as encoded CSV text per person until the last wave is read.
///
/// Missing values: the cell is empty and a `NAME_missing` column beside it names
/// the reason (`inapplicable`, `refused`, `not_in_wave`, …, and in the wide format
/// `not_interviewed` for a wave the person has no row in); it is empty when there
/// is a value. Identifiers (`pidp`, `hidp`, `pno`) have no reason column.
public struct PanelExport: Sendable {
    /// Rows per person-wave, or per person.
    public enum Format: String, Sendable, CaseIterable {
        case long, wide
    }

    /// The variables exported (without `pidp`, which comes first).
    public let columns: HarmonisedColumns
    /// The schema.
    public let schema: Schema
    /// Long or wide.
    public let format: Format

    /// The reason written for a wave a person was not interviewed in (wide format).
    public static let notInterviewed = "not_interviewed"

    /// An export of `schema`'s `indresp` variables, or only those named in `only` (in schema order).
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(schema: Schema, only: [String]? = nil, format: Format = .long) throws(SurveyError) {
        columns = try HarmonisedColumns(schema: schema, role: "indresp", excluded: ["pidp"], only: only)
        self.schema = schema
        self.format = format
    }

    /// The variables exported, in schema order.
    public var variables: [HarmonisedVariable] { columns.variables }

    /// The header of the long format.
    public var header: [String] { ["pidp", "wave", "wave_letter"] + columns.header() }

    /// The header of the wide format for `waves`.
    public func wideHeader(waves: [Wave]) -> [String] {
        ["pidp"] + waves.flatMap { ["in_wave_w\($0.number)"] + columns.header(suffix: "_w\($0.number)") }
    }

    /// What one export wrote.
    public struct Summary: Sendable {
        /// Rows written (person-waves in long format, persons in wide).
        public var rows: Int
        /// Person-waves read, by wave number.
        public var rowsByWave: [Int: Int]
        /// Columns written.
        public var columns: Int
    }

    /// Streams `waves` of `download` into `writer`, header first, in the export's format.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        download: UKHLSDownload, waves: [Wave], to writer: CSVWriter, options: ReadOptions = .init(),
        onProgress: ((Wave, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        let present = waves.filter { download.indresp[$0] != nil }
        switch format {
        case .long:
            return try writeLong(
                download: download, waves: present, to: writer, options: options, onProgress: onProgress)
        case .wide:
            return try writeWide(
                download: download, waves: present, to: writer, options: options, onProgress: onProgress)
        }
    }

    /// Calls `body` with each row's `pidp` and the cells of the export's variables.
    private func forEachRow(
        wave: Wave, input: DataInput, options: ReadOptions,
        onProgress: ((Wave, Int, Int?) -> Void)?, _ body: (Int, [HarmonisedValue], [Int?]) throws -> Void
    ) throws {
        var reader = RecordReader(schema: schema, wave: wave, input: input, options: options)
        reader.onProgress = onProgress.map { report in { done, total in report(wave, done, total) } }
        // Where each variable sits in a row's values: the same for every row of the file.
        var positions: [Int?] = []
        var pidpPosition: Int?
        var resolved = false
        try reader.forEachRecord { layout, values, row in
            if !resolved {
                positions = columns.positions(in: layout)
                pidpPosition = layout.position(of: "pidp")
                resolved = true
            }
            guard let p = pidpPosition, case .int(let pidp) = values[p] else {
                throw SurveyError(
                    .invalidValue, file: input.description, line: row.lineNumber, variable: "pidp",
                    reason: "every row needs a person identifier")
            }
            try body(pidp, values, positions)
        }
    }

    private func writeLong(
        download: UKHLSDownload, waves: [Wave], to writer: CSVWriter, options: ReadOptions,
        onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        let header = self.header
        try writer.row(header)
        var summary = Summary(rows: 0, rowsByWave: [:], columns: header.count)
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            let waveNumber = String(wave.number)
            var count = 0
            try forEachRow(wave: wave, input: input, options: options, onProgress: onProgress) {
                pidp, values, positions in
                fields.removeAll(keepingCapacity: true)
                fields.append(String(pidp))
                fields.append(waveNumber)
                fields.append(wave.letter)
                columns.appendCells(values, positions: positions, to: &fields)
                try writer.row(fields)
                count += 1
            }
            summary.rowsByWave[wave.number] = count
            summary.rows += count
        }
        try writer.flush()
        return summary
    }

    private func writeWide(
        download: UKHLSDownload, waves: [Wave], to writer: CSVWriter, options: ReadOptions,
        onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        // Each wave's cells per person, already encoded as CSV text (compact: one string per person-wave).
        var cells: [[Int: String]] = []
        var summary = Summary(rows: 0, rowsByWave: [:], columns: 0)
        var fields: [String] = []
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            var byPerson: [Int: String] = [:]
            try forEachRow(wave: wave, input: input, options: options, onProgress: onProgress) {
                pidp, values, positions in
                fields.removeAll(keepingCapacity: true)
                fields.append("1")
                columns.appendCells(values, positions: positions, to: &fields)
                if byPerson.updateValue(CSVWriter.encode(fields), forKey: pidp) != nil {
                    throw SurveyError(
                        .invalidValue, file: input.description, variable: "pidp",
                        reason: "person \(pidp) has two rows in wave \(wave.letter); the wide format needs one")
                }
            }
            summary.rowsByWave[wave.number] = byPerson.count
            cells.append(byPerson)
        }
        fields.removeAll()
        fields.append("0")
        columns.appendAbsent(reason: Self.notInterviewed, to: &fields)
        let absent = CSVWriter.encode(fields)
        let header = wideHeader(waves: waves)
        summary.columns = header.count
        try writer.row(header)
        var people = Set<Int>()
        for wave in cells { people.formUnion(wave.keys) }
        for pidp in people.sorted() {
            writer.field(String(pidp))
            for wave in cells { writer.encodedFields(wave[pidp] ?? absent) }
            try writer.endRow()
        }
        summary.rows = people.count
        try writer.flush()
        return summary
    }

    /// The data dictionary: one row per column of the export (for `waves`, in the wide format).
    public func dictionary(waves: [Wave]) -> [[String]] {
        var rows = [HarmonisedColumns.dictionaryHeader]
        rows.append(["pidp", "Cross-wave person identifier", "id", "", "pidp", "confirmed"])
        let source = { (v: HarmonisedVariable) in
            waves.map { w in "\(w.letter):\(v.sourceName(in: w) ?? "-")" }.joined(separator: " ")
        }
        switch format {
        case .long:
            rows.append(["wave", "Wave number (8 = h … 14 = n, 15 = o)", "int", "", "", "confirmed"])
            rows.append(["wave_letter", "Wave letter (h … n, o)", "text", "", "", "confirmed"])
            rows += columns.dictionaryRows(source: source)
        case .wide:
            for w in waves {
                rows.append([
                    "in_wave_w\(w.number)", "Interviewed in wave \(w.number) (\(w.letter))", "int",
                    "1=interviewed; 0=no row in the wave (its columns are empty, reasons \(Self.notInterviewed))", "",
                    "",
                ])
                rows += columns.dictionaryRows(suffix: "_w\(w.number)", labelSuffix: ", wave \(w.number) (\(w.letter))")
                {
                    v in v.sourceName(in: w) ?? "-"
                }
            }
        }
        return rows
    }
}
