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
        columns = try HarmonisedColumns(schema: schema, role: schema.design.persons, excluded: ["pidp"], only: only)
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

    /// Streams the UKHLS person files of `stream` into `writer`, header first, in the export's format.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        _ stream: PersonFileStream, to writer: CSVWriter, onProgress: ((Wave, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        switch format {
        case .long: return try writeLong(stream, to: writer, onProgress: onProgress)
        case .wide: return try writeWide(stream, to: writer, onProgress: onProgress)
        }
    }

    /// Calls `start` with each file's wave and name, `body` with each row's `pidp` and the cells of the export's
    /// variables (located by positions resolved once per file), and `end` with each file's wave once it is read.
    /// Returns the rows read per file.
    private func forEachRow(
        _ stream: PersonFileStream, onProgress: ((Wave, Int, Int?) -> Void)?, start: (Wave, String) -> Void,
        end: (Wave) -> Void = { _ in }, _ body: (Int, [HarmonisedValue], [Int?]) throws -> Void
    ) throws -> [Int] {
        var positions: [Int?] = []
        var pidpPosition: Int?
        var file = ""
        return try stream.forEach(
            onProgress: onProgress.map { report in
                { file, done, total in if let wave = file.wave { report(wave, done, total) } }
            },
            start: { f, layout throws(SurveyError) in
                guard let wave = f.wave else {
                    throw SurveyError(
                        .invalidValue, file: f.input.description, reason: "the panel export reads UKHLS waves' files")
                }
                positions = columns.positions(in: layout)
                pidpPosition = layout.position(of: "pidp")
                file = f.input.description
                start(wave, file)
            },
            row: { values, row in
                guard let p = pidpPosition, case .int(let pidp) = values[p] else {
                    throw SurveyError(
                        .invalidValue, file: file, line: row.lineNumber, variable: "pidp",
                        reason: "every row needs a person identifier")
                }
                try body(pidp, values, positions)
            },
            end: { f, _ in if let wave = f.wave { end(wave) } })
    }

    private func writeLong(
        _ stream: PersonFileStream, to writer: CSVWriter, onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        let header = self.header
        try writer.row(header)
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        var wave = Wave(number: 1)
        var waveNumber = ""
        let counts = try forEachRow(
            stream, onProgress: onProgress,
            start: { w, _ in
                wave = w
                waveNumber = String(w.number)
            }
        ) { pidp, values, positions in
            fields.removeAll(keepingCapacity: true)
            fields.append(String(pidp))
            fields.append(waveNumber)
            fields.append(wave?.letter ?? "")
            columns.appendCells(values, positions: positions, to: &fields)
            try writer.row(fields)
        }
        var summary = Summary(rows: counts.reduce(0, +), rowsByWave: [:], columns: header.count)
        for (file, count) in zip(stream.files, counts) { if let w = file.wave { summary.rowsByWave[w.number] = count } }
        try writer.flush()
        return summary
    }

    private func writeWide(
        _ stream: PersonFileStream, to writer: CSVWriter, onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        // Each wave's cells per person, already encoded as CSV text (compact: one string per person-wave).
        var cells: [[Int: String]] = []
        var summary = Summary(rows: 0, rowsByWave: [:], columns: 0)
        var fields: [String] = []
        var wave = Wave(number: 1)
        var file = ""
        var byPerson: [Int: String] = [:]
        _ = try forEachRow(
            stream, onProgress: onProgress,
            start: { w, f in
                wave = w
                file = f
            },
            end: { w in
                summary.rowsByWave[w.number] = byPerson.count
                cells.append(byPerson)
                byPerson = [:]
            }
        ) { pidp, values, positions in
            fields.removeAll(keepingCapacity: true)
            fields.append("1")
            columns.appendCells(values, positions: positions, to: &fields)
            if byPerson.updateValue(CSVWriter.encode(fields), forKey: pidp) != nil {
                throw SurveyError(
                    .invalidValue, file: file, variable: "pidp",
                    reason: "person \(pidp) has two rows in wave \(wave?.letter ?? ""); the wide format needs one")
            }
        }
        let waves = stream.files.compactMap(\.wave)
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
    public func dictionary(waves: [Wave], fileLabels: FileLabels = FileLabels()) -> [[String]] {
        var rows = [HarmonisedColumns.dictionaryHeader]
        rows.append(["pidp", "Cross-wave person identifier", "id", "", "pidp", "confirmed"])
        let source = { (v: HarmonisedVariable) in
            waves.map { w in "\(w.letter):\(v.sourceName(in: w) ?? "-")" }.joined(separator: " ")
        }
        switch format {
        case .long:
            rows.append(["wave", "Wave number (8 = h … 14 = n, 15 = o)", "int", "", "", "confirmed"])
            rows.append(["wave_letter", "Wave letter (h … n, o)", "text", "", "", "confirmed"])
            rows += columns.dictionaryRows(
                fileLabels: fileLabels, fileName: { v in waves.lazy.compactMap { v.sourceName(in: $0) }.first },
                source: source)
        case .wide:
            for w in waves {
                rows.append([
                    "in_wave_w\(w.number)", "Interviewed in wave \(w.number) (\(w.letter))", "int",
                    "1=interviewed; 0=no row in the wave (its columns are empty, reasons \(Self.notInterviewed))", "",
                    "",
                ])
                rows += columns.dictionaryRows(
                    suffix: "_w\(w.number)", labelSuffix: ", wave \(w.number) (\(w.letter))", fileLabels: fileLabels,
                    fileName: { $0.sourceName(in: w) }
                ) {
                    v in v.sourceName(in: w) ?? "-"
                }
            }
        }
        return rows
    }
}
