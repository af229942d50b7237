import SurveyFiles
import SurveyPanel
import SurveySchema

/// The harmonised variables of an export and how each becomes cells: the value (missing when
/// there is none) and, for every non-identifier, a `NAME_missing` column naming the reason (missing
/// when there is a value). A writer that keeps the reason in the value itself (Stata's `.a`–`.z`)
/// gets the reason columns of text variables only.
public struct HarmonisedColumns: Sendable {
    /// The variables, in schema order.
    public let variables: [HarmonisedVariable]

    /// `role`'s variables of `schema`, without `excluded` (identifiers the export writes itself),
    /// or only those named in `only` and those in `keeping` (the design's), in schema order.
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(
        schema: Schema, role: String, excluded: Set<String> = [], only: [String]? = nil, keeping: [String] = []
    ) throws(SurveyError) {
        let all = schema.variables(in: role).filter { !excluded.contains($0.name) }
        guard let only else {
            variables = all
            return
        }
        let known = Set(all.map(\.name))
        for name in only where !known.contains(name) && !excluded.contains(name) {
            throw SurveyError(
                .missingVariable, file: "--vars", variable: name,
                reason: "not a harmonised variable of the \(schema.survey) schema",
                hint: ClosestNames.hint(for: name, in: all.map(\.name)) ?? "see `ukpanel schema show \(schema.survey)`")
        }
        let wanted = Set(only + keeping)
        variables = all.filter { wanted.contains($0.name) }
    }

    /// Whether `variable` gets a `_missing` column (everything but identifiers).
    public static func hasReasonColumn(_ variable: HarmonisedVariable) -> Bool { variable.type != .id }

    /// Where each variable sits in a file's decoded values.
    public func positions(in layout: FileLayout) -> [Int?] {
        variables.map { layout.position(of: $0.name) }
    }

    /// The columns, each variable followed by its reason column; `suffix` is appended to both names and
    /// `labelSuffix` to both labels. Where the schema gives a variable no label or no codes, the files'
    /// own (`fileLabels`, under the name `fileName(v)` has in them) fill in; `source(v)` says where it
    /// comes from.
    public func columns(
        suffix: String = "", labelSuffix: String = "", fileLabels: FileLabels = FileLabels(),
        fileName: (HarmonisedVariable) -> String? = { $0.source }, source: (HarmonisedVariable) -> String
    ) -> [ExportColumn] {
        var columns: [ExportColumn] = []
        for v in variables {
            let from = v.isDerived ? "derived: " + v.derive.map(\.from).joined(separator: ", then ") : source(v)
            let inFile = v.isDerived ? nil : fileName(v)
            let label = v.label.isEmpty ? inFile.flatMap(fileLabels.label) ?? "" : v.label
            var codes = v.codes
            var complete = v.codesComplete && !codes.isEmpty
            if v.codes.isEmpty, v.type == .code, let fromFile = inFile.flatMap(fileLabels.codes) {
                codes = fromFile
                complete = false
            }
            let sorted = codes.keys.sorted().map { (code: $0, label: codes[$0] ?? "") }
            var kind = ExportColumn.kind(of: v.type.rawValue, codes: sorted)
            if v.type == .code && !complete { kind = .integer(range: nil) }
            columns.append(
                ExportColumn(
                    name: v.name + suffix, label: label + labelSuffix, type: v.type.rawValue, kind: kind, codes: sorted,
                    source: from, confidence: v.confidence.rawValue))
            if Self.hasReasonColumn(v) {
                columns.append(
                    .reason(of: v.name, suffix: suffix, labelSuffix: labelSuffix, isReason: v.type != .text))
            }
        }
        return columns
    }

    /// Writes the cells of one row's `values` (located by `positions`) to `writer`.
    public func write(_ values: [HarmonisedValue], positions: [Int?], to writer: some RowWriter) throws(SurveyError) {
        for (k, variable) in variables.enumerated() {
            let value = positions[k].map { values[$0] } ?? .missing(.notInFile)
            try Self.write(value, of: variable, to: writer)
        }
    }

    /// Writes the cells of a row with no record: every value missing for `reason` (`letter`).
    public func writeAbsent(reason: String, letter: UInt8, to writer: some RowWriter) throws(SurveyError) {
        for v in variables {
            try writer.missing(letter: letter)
            if Self.writesReason(v, to: writer) { try writer.text(reason) }
        }
    }

    /// Whether `variable`'s reason column is written for `writer`.
    static func writesReason(_ variable: HarmonisedVariable, to writer: some RowWriter) -> Bool {
        hasReasonColumn(variable) && (!writer.keepsMissingLetters || variable.type == .text)
    }

    /// Writes a value's cell and, where its reason has a column, its reason cell.
    public static func write(_ value: HarmonisedValue, of variable: HarmonisedVariable, to writer: some RowWriter)
        throws(SurveyError)
    {
        try write(value, reasonColumn: writesReason(variable, to: writer), to: writer)
    }

    /// Writes a value's cell (a missing one with its reason's letter) and, when `reasonColumn`, the
    /// reason cell after it (the reason, or nothing when there is a value).
    public static func write(_ value: HarmonisedValue, reasonColumn: Bool, to writer: some RowWriter)
        throws(SurveyError)
    {
        switch value {
        case .int(let v): try writer.integer(v)
        case .number(let v): try writer.real(v)
        case .text(let t): try writer.text(t)
        case .missing(let reason): try writer.missing(letter: MissingLetters.letter(reason))
        }
        guard reasonColumn else { return }
        if case .missing(let reason) = value {
            try writer.text(reason.rawValue)
        } else {
            try writer.missing(letter: 0)
        }
    }
}
