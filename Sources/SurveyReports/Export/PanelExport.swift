import SurveyFiles
import SurveyPanel
import SurveySchema

/// The harmonised UKHLS panel as tidy CSV, long format: one row per person-wave,
/// streamed wave by wave (memory stays flat whatever the download's size).
///
/// Missing values: the cell is empty and a `NAME_missing` column beside it names
/// the reason (`inapplicable`, `refused`, `not_in_wave`, …); it is empty when
/// there is a value. Identifiers (`pidp`, `hidp`) have no reason column.
public struct PanelExport: Sendable {
    /// The variables exported, in schema order (without `pidp`, which comes first).
    public let variables: [HarmonisedVariable]
    /// The schema.
    public let schema: SurveySchema

    /// An export of `schema`'s `indresp` variables, or only those named in `only` (in schema order).
    ///
    /// - Throws: `SchemaError`-like `SurveyFileError` when a name in `only` is not in the schema.
    public init(schema: SurveySchema, only: [String]? = nil) throws(SurveyFileError) {
        let all = schema.variables(in: "indresp").filter { $0.name != "pidp" }
        if let only {
            let known = Set(all.map(\.name))
            for name in only where !known.contains(name) && name != "pidp" {
                throw SurveyFileError(
                    .missingVariable, file: "--vars", variable: name, reason: "not a harmonised variable of the schema",
                    hint: ClosestNames.hint(for: name, in: all.map(\.name)) ?? "see `ukpanel schema show`")
            }
            let wanted = Set(only)
            variables = all.filter { wanted.contains($0.name) }
        } else {
            variables = all
        }
        self.schema = schema
    }

    /// Whether `variable` gets a `_missing` column.
    static func hasReasonColumn(_ variable: HarmonisedVariable) -> Bool { variable.type != .id }

    /// The header: `pidp`, `wave`, `wave_letter`, then each variable and its reason column.
    public var header: [String] {
        var names = ["pidp", "wave", "wave_letter"]
        for v in variables {
            names.append(v.name)
            if Self.hasReasonColumn(v) { names.append(v.name + "_missing") }
        }
        return names
    }

    /// What one export wrote.
    public struct Summary: Sendable {
        public var rows: Int
        public var rowsByWave: [Int: Int]
    }

    /// Streams `waves` of `download` into `writer`, header first.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        download: UKHLSDownload, waves: [Wave], to writer: CSVWriter, options: DelimitedTableReader.Options = .init(),
        onProgress: ((Wave, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        try writer.row(header)
        var summary = Summary(rows: 0, rowsByWave: [:])
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            var reader = WaveFileReader(schema: schema, wave: wave, input: input, options: options)
            reader.onProgress = onProgress.map { report in { done, total in report(wave, done, total) } }
            // Where each variable sits in a row's values: the same for every row of the file.
            var positions: [Int?]?
            var pidpPosition: Int?
            let waveNumber = String(wave.number)
            var fields: [String] = []
            fields.reserveCapacity(header.count)
            var count = 0
            try reader.forEachRecord { layout, values, row in
                if positions == nil {
                    positions = variables.map { layout.position(of: $0.name) }
                    pidpPosition = layout.position(of: "pidp")
                }
                fields.removeAll(keepingCapacity: true)
                let pidp = pidpPosition.map { values[$0] } ?? .missing(.notInFile)
                guard case .int = pidp else {
                    throw SurveyFileError(
                        .invalidValue, file: input.description, line: row.lineNumber, variable: "pidp",
                        reason: "every row needs a person identifier")
                }
                fields.append(Self.cell(pidp))
                fields.append(waveNumber)
                fields.append(wave.letter)
                for (k, variable) in variables.enumerated() {
                    let value = positions?[k].map { values[$0] } ?? .missing(.notInFile)
                    fields.append(Self.cell(value))
                    if Self.hasReasonColumn(variable) {
                        if case .missing(let reason) = value {
                            fields.append(reason.rawValue)
                        } else {
                            fields.append("")
                        }
                    }
                }
                try writer.row(fields)
                count += 1
            }
            summary.rowsByWave[wave.number] = count
            summary.rows += count
        }
        try writer.flush()
        return summary
    }

    /// A value as CSV text: numbers in full (shortest round-trip form), missing as empty.
    static func cell(_ value: HarmonisedValue) -> String {
        switch value {
        case .int(let v): return String(v)
        case .number(let v):
            if v.rounded() == v, abs(v) < 1e15 { return String(Int(v)) }
            return "\(v)"
        case .text(let t): return t
        case .missing: return ""
        }
    }

    /// The data dictionary: one row per column of the export.
    public func dictionary(waves: [Wave]) -> [[String]] {
        var rows = [["column", "label", "type", "codes", "source_by_wave", "confidence"]]
        rows.append(["pidp", "Cross-wave person identifier", "id", "", "pidp", "confirmed"])
        rows.append(["wave", "Wave number (8 = h … 14 = n)", "int", "", "", "confirmed"])
        rows.append(["wave_letter", "Wave letter (h … n)", "text", "", "", "confirmed"])
        let reasons = MissingReason.allCases.map(\.rawValue).joined(separator: ", ")
        for v in variables {
            let codes = v.codes.keys.sorted().map { "\($0)=\(v.codes[$0] ?? "")" }.joined(separator: "; ")
            let sources =
                v.isDerived
                ? "derived: " + v.derive.map(\.from).joined(separator: ", then ")
                : waves.map { w in "\(w.letter):\(v.sourceName(in: w) ?? "-")" }.joined(separator: " ")
            rows.append([v.name, v.label, v.type.rawValue, codes, sources, v.confidence.rawValue])
            if Self.hasReasonColumn(v) {
                rows.append([
                    v.name + "_missing", "Why \(v.name) is empty (empty when it has a value)", "text", reasons, "", "",
                ])
            }
        }
        return rows
    }
}
