/// A problem with a schema file or a mapping: says which file, where, and what.
public struct SchemaError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The schema file (or `--map` for a command-line mapping).
    public var origin: String
    /// The 1-based line in the schema file, when known.
    public var line: Int?
    /// The harmonised variable concerned, when there is one.
    public var variable: String?
    /// What is wrong.
    public var reason: String

    /// A schema error.
    public init(origin: String, line: Int? = nil, variable: String? = nil, reason: String) {
        self.origin = origin
        self.line = line
        self.variable = variable
        self.reason = reason
    }

    public var description: String {
        var text = origin
        if let line { text += ", line \(line)" }
        text += ": "
        if let variable { text += "variable '\(variable)': " }
        return text + reason
    }

    static func invalidWaves(_ text: String) -> SchemaError {
        SchemaError(origin: "waves", reason: "'\(text)' is not a wave list (use letters or numbers: h-n, 8-14, 8,10)")
    }
}
