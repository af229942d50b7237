import SurveyFiles
import SurveyPanel
import SurveySchema

/// The harmonised UKHLS panel as a tidy table (CSV, Parquet or Stata, by the writer).
///
/// - `long`: one row per person-wave (`pidp`, `wave`, `wave_letter`, then every
///   variable), streamed wave by wave, so memory stays flat whatever the size.
/// - `wide`: one row per person, sorted by `pidp`; for each wave N an `in_wave_wN`
///   column (1 interviewed, 0 not) and every variable as `NAME_wN`. Each wave's cells
///   are held compactly per person (`RecordedRow`) until the last wave is read.
///
/// Missing values: the cell is missing and a `NAME_missing` column beside it names
/// the reason (`inapplicable`, `refused`, `not_in_wave`, …, and in the wide format
/// `not_interviewed` for a wave the person has no row in); it is empty when there
/// is a value. Identifiers (`pidp`, `hidp`, `pno`) have no reason column. A writer that
/// keeps reasons in the values (Stata's `.a`–`.z`, `MissingLetters`) gets no reason
/// columns for numeric variables.
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
    public static let notInterviewed = MissingLetters.notInterviewedWord

    /// An export of `schema`'s `indresp` variables, or only those named in `only` (in schema order) and,
    /// unless `design` is `false`, the design's (weights, strata, PSU), which any design-based analysis needs.
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(schema: Schema, only: [String]? = nil, format: Format = .long, design: Bool = true) throws(SurveyError) {
        columns = try HarmonisedColumns(
            schema: schema, role: schema.design.persons, excluded: ["pidp"], only: only,
            keeping: design ? schema.design.columns : [])
        self.schema = schema
        self.format = format
    }

    /// The variables exported, in schema order.
    public var variables: [HarmonisedVariable] { columns.variables }

    /// What one export wrote.
    public struct Summary: Sendable {
        /// Rows written (person-waves in long format, persons in wide).
        public var rows: Int
        /// Person-waves read, by wave number.
        public var rowsByWave: [Int: Int]
    }

    /// Streams the UKHLS person files of `stream` into `writer`, in the export's format; the writer
    /// was made for `exportColumns(waves:)` of the stream's waves.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable), or the writer's.
    @discardableResult
    public func write(
        _ stream: PersonFileStream, to writer: some RowWriter, onProgress: ((Wave, Int, Int?) -> Void)? = nil
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
        _ stream: PersonFileStream, to writer: some RowWriter, onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        var waveNumber = 0
        var waveLetter = ""
        let counts = try forEachRow(
            stream, onProgress: onProgress,
            start: { w, _ in
                waveNumber = w.number
                waveLetter = w.letter
            }
        ) { pidp, values, positions in
            try writer.integer(pidp)
            try writer.integer(waveNumber)
            try writer.text(waveLetter)
            try columns.write(values, positions: positions, to: writer)
            try writer.endRow()
        }
        var summary = Summary(rows: counts.reduce(0, +), rowsByWave: [:])
        for (file, count) in zip(stream.files, counts) { if let w = file.wave { summary.rowsByWave[w.number] = count } }
        try writer.finish()
        return summary
    }

    private func writeWide(
        _ stream: PersonFileStream, to writer: some RowWriter, onProgress: ((Wave, Int, Int?) -> Void)?
    ) throws -> Summary {
        // Each wave's cells per person, recorded compactly (one row of bytes per person-wave).
        let recorder = RowRecorder(keepsMissingLetters: writer.keepsMissingLetters)
        var cells: [[Int: RecordedRow]] = []
        var summary = Summary(rows: 0, rowsByWave: [:])
        var wave: Wave?
        var file = ""
        var byPerson: [Int: RecordedRow] = [:]
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
            try recorder.integer(1)
            try columns.write(values, positions: positions, to: recorder)
            if byPerson.updateValue(recorder.take(), forKey: pidp) != nil {
                throw SurveyError(
                    .invalidValue, file: file, variable: "pidp",
                    reason: "person \(pidp) has two rows in wave \(wave?.letter ?? ""); the wide format needs one")
            }
        }
        try recorder.integer(0)
        try columns.writeAbsent(reason: Self.notInterviewed, letter: MissingLetters.notInterviewed, to: recorder)
        let absent = recorder.take()
        var people = Set<Int>()
        for wave in cells { people.formUnion(wave.keys) }
        for pidp in people.sorted() {
            try writer.integer(pidp)
            for wave in cells { try (wave[pidp] ?? absent).replay(into: writer) }
            try writer.endRow()
        }
        summary.rows = people.count
        try writer.finish()
        return summary
    }

    /// Every column of the export for `waves` (reason columns included), with what the dictionary says
    /// of each; `fileLabels` fill in labels and codes the schema lacks.
    public func exportColumns(waves: [Wave], fileLabels: FileLabels = FileLabels()) -> [ExportColumn] {
        var list = [
            ExportColumn(
                name: "pidp", label: "Cross-wave person identifier", type: "id", source: "pidp", confidence: "confirmed")
        ]
        let source = { (v: HarmonisedVariable) in
            waves.map { w in "\(w.letter):\(v.sourceName(in: w) ?? "-")" }.joined(separator: " ")
        }
        switch format {
        case .long:
            list.append(
                ExportColumn(
                    name: "wave", label: "Wave number (8 = h … 14 = n, 15 = o)", type: "int",
                    kind: .integer(range: 1...26), confidence: "confirmed"))
            list.append(
                ExportColumn(
                    name: "wave_letter", label: "Wave letter (h … n, o)", type: "text", kind: .text(maxBytes: 1),
                    confidence: "confirmed"))
            list += columns.columns(
                fileLabels: fileLabels, fileName: { v in waves.lazy.compactMap { v.sourceName(in: $0) }.first },
                source: source)
        case .wide:
            for w in waves {
                list.append(
                    ExportColumn(
                        name: "in_wave_w\(w.number)", label: "Interviewed in wave \(w.number) (\(w.letter))", type: "int",
                        kind: .integer(range: 0...1),
                        codes: [
                            (1, "interviewed"),
                            (0, "no row in the wave (its columns are empty, reasons \(Self.notInterviewed))"),
                        ]))
                list += columns.columns(
                    suffix: "_w\(w.number)", labelSuffix: ", wave \(w.number) (\(w.letter))", fileLabels: fileLabels,
                    fileName: { $0.sourceName(in: w) }
                ) { v in v.sourceName(in: w) ?? "-" }
            }
        }
        return list
    }
}
