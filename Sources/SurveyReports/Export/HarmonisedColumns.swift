import SurveyFiles
import SurveyPanel
import SurveySchema

/// The harmonised variables of an export and how each becomes CSV cells: the
/// value (empty when missing) and, for every non-identifier, a `NAME_missing`
/// column naming the reason (empty when there is a value).
public struct HarmonisedColumns: Sendable {
    /// The variables, in schema order.
    public let variables: [HarmonisedVariable]

    /// `role`'s variables of `schema`, without `excluded` (identifiers the export writes itself),
    /// or only those named in `only`, in schema order.
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(schema: Schema, role: String, excluded: Set<String> = [], only: [String]? = nil)
        throws(SurveyError)
    {
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
        let wanted = Set(only)
        variables = all.filter { wanted.contains($0.name) }
    }

    /// Whether `variable` gets a `_missing` column (everything but identifiers).
    public static func hasReasonColumn(_ variable: HarmonisedVariable) -> Bool { variable.type != .id }

    /// The column names, each variable followed by its reason column; `suffix` is appended to both.
    public func header(suffix: String = "") -> [String] {
        var names: [String] = []
        for v in variables {
            names.append(v.name + suffix)
            if Self.hasReasonColumn(v) { names.append(v.name + "_missing" + suffix) }
        }
        return names
    }

    /// Where each variable sits in a file's decoded values.
    public func positions(in layout: FileLayout) -> [Int?] {
        variables.map { layout.position(of: $0.name) }
    }

    /// Appends the cells of one row's `values` (located by `positions`) to `fields`.
    public func appendCells(_ values: [HarmonisedValue], positions: [Int?], to fields: inout [String]) {
        for (k, variable) in variables.enumerated() {
            let value = positions[k].map { values[$0] } ?? .missing(.notInFile)
            Self.append(value, hasReason: Self.hasReasonColumn(variable), to: &fields)
        }
    }

    /// Appends empty cells for a row with no record, each reason column saying `reason`.
    public func appendAbsent(reason: String, to fields: inout [String]) {
        for v in variables {
            fields.append("")
            if Self.hasReasonColumn(v) { fields.append(reason) }
        }
    }

    /// Appends a value's cell and, when `hasReason`, its reason cell.
    public static func append(_ value: HarmonisedValue, hasReason: Bool, to fields: inout [String]) {
        fields.append(cell(value))
        guard hasReason else { return }
        if case .missing(let reason) = value {
            fields.append(reason.rawValue)
        } else {
            fields.append("")
        }
    }

    /// A value as CSV text: numbers in full (shortest round-trip form), missing as empty (never `.`).
    public static func cell(_ value: HarmonisedValue) -> String {
        switch value {
        case .int(let v): return String(v)
        case .number(let v): return number(v)
        case .text(let t): return t
        case .missing: return ""
        }
    }

    /// A number in full: integers without a decimal point, others in shortest round-trip form.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        if v.rounded() == v, abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }

    /// A variable's codes as `1=label; 2=label`.
    public static func codes(_ v: HarmonisedVariable) -> String {
        v.codes.keys.sorted().map { "\($0)=\(v.codes[$0] ?? "")" }.joined(separator: "; ")
    }

    /// The header of a data dictionary.
    public static let dictionaryHeader = ["column", "label", "type", "codes", "source", "confidence"]

    /// Dictionary rows for the variables: `source(v)` says where each comes from; `suffix` as in `header`.
    /// Where the schema gives a variable no label or no codes, the files' own (`fileLabels`,
    /// under the name `fileName(v)` has in them) fill in.
    public func dictionaryRows(
        suffix: String = "", labelSuffix: String = "", fileLabels: FileLabels = FileLabels(),
        fileName: (HarmonisedVariable) -> String? = { $0.source }, source: (HarmonisedVariable) -> String
    )
        -> [[String]]
    {
        let reasons = MissingReason.allCases.map(\.rawValue).joined(separator: ", ")
        var rows: [[String]] = []
        for v in variables {
            let from = v.isDerived ? "derived: " + v.derive.map(\.from).joined(separator: ", then ") : source(v)
            let inFile = v.isDerived ? nil : fileName(v)
            let label = v.label.isEmpty ? inFile.flatMap(fileLabels.label) ?? "" : v.label
            var codes = Self.codes(v)
            if v.codes.isEmpty, v.type == .code, let fromFile = inFile.flatMap(fileLabels.codes) {
                codes = fromFile.keys.sorted().map { "\($0)=\(fromFile[$0] ?? "")" }.joined(separator: "; ")
            }
            rows.append([v.name + suffix, label + labelSuffix, v.type.rawValue, codes, from, v.confidence.rawValue])
            if Self.hasReasonColumn(v) {
                rows.append([
                    v.name + "_missing" + suffix, "Why \(v.name) is empty\(labelSuffix) (empty when it has a value)",
                    "text", reasons, "", "",
                ])
            }
        }
        return rows
    }
}
