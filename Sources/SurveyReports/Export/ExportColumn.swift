import SurveyFiles
import SurveySchema

/// One column of an export: what the typed writers need (name, kind, label, code labels) and
/// what the data dictionary says of it (type, codes, source, confidence).
public struct ExportColumn: Sendable {
    /// The column's name.
    public var name: String
    /// What it holds, in words.
    public var label: String
    /// Its values' kind.
    public var kind: OutputColumn.Kind
    /// The dictionary's word for its type (`id`, `int`, `code`, `number`, `text`).
    public var type: String
    /// Its codes' labels, in the order the dictionary lists them.
    public var codes: [(code: Int, label: String)]
    /// What the dictionary's codes cell says in place of codes (a reason column's reasons).
    public var codesNote: String?
    /// Where it comes from.
    public var source: String
    /// How sure the schema is of that.
    public var confidence: String
    /// Whether it is a numeric variable's `NAME_missing` column, which a format that keeps the
    /// reason in the value itself (Stata's `.a`–`.z`) leaves out.
    public var isReason: Bool

    /// A column; `kind` follows from `type` unless given.
    public init(
        name: String, label: String, type: String, kind: OutputColumn.Kind? = nil,
        codes: [(code: Int, label: String)] = [], codesNote: String? = nil, source: String = "",
        confidence: String = "", isReason: Bool = false
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.kind = kind ?? Self.kind(of: type, codes: codes)
        self.codes = codes
        self.codesNote = codesNote
        self.source = source
        self.confidence = confidence
        self.isReason = isReason
    }

    /// The kind of values of a dictionary type: codes bounded by their labels' range.
    static func kind(of type: String, codes: [(code: Int, label: String)]) -> OutputColumn.Kind {
        switch type {
        case "number": return .real
        case "text": return .text(maxBytes: nil)
        case "code":
            guard let low = codes.map(\.code).min(), let high = codes.map(\.code).max() else { return .integer(range: nil) }
            return .integer(range: low...high)
        default: return .integer(range: nil)
        }
    }

    /// The column as the typed writers see it.
    public var output: OutputColumn {
        OutputColumn(
            name: name, kind: kind, label: label,
            valueLabels: Dictionary(codes.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The codes as the dictionary writes them: `1=label; 2=label`.
    public var codesText: String { codesNote ?? codes.map { "\($0.code)=\($0.label)" }.joined(separator: "; ") }

    /// Its row of the data dictionary.
    public var dictionaryRow: [String] { [name, label, type, codesText, source, confidence] }

    /// The reason column of `variable` (`NAME_missing`, then `suffix`): which reason its value is
    /// missing for; `isReason` unless the variable is text.
    public static func reason(
        of variable: String, suffix: String = "", labelSuffix: String = "", isReason: Bool = true
    ) -> ExportColumn {
        ExportColumn(
            name: variable + "_missing" + suffix,
            label: "Why \(variable) is empty\(labelSuffix) (empty when it has a value)", type: "text",
            kind: .text(maxBytes: MissingLetters.longestReason),
            codesNote: MissingReason.allCases.map(\.rawValue).joined(separator: ", "), isReason: isReason)
    }

    /// The columns a writer gets of `columns`: all, or, when it keeps reasons in the values (Stata's
    /// `.a`–`.z`), all but the reason columns of numeric variables.
    public static func written(_ columns: [ExportColumn], keepingLetters: Bool) -> [ExportColumn] {
        keepingLetters ? columns.filter { !$0.isReason } : columns
    }
}

extension Schema {
    /// The kind of the code variable `name`'s values: whole numbers within its codes when the codes
    /// are its only values (a complete list), else whole numbers of any size.
    func codeKind(_ name: String) -> OutputColumn.Kind {
        guard let v = variable(name), v.codesComplete, let low = v.codes.keys.min(), let high = v.codes.keys.max() else {
            return .integer(range: nil)
        }
        return .integer(range: low...high)
    }
}
