import SurveyFiles

/// A harmonised variable the schema expects in a file (it exists in that wave or quarter) that
/// the file does not have, or has with no valid value in any row: what a report must say out
/// loud instead of printing an empty table.
public struct VariableGap: Sendable, Equatable {
    /// The harmonised name (`wfhdays`).
    public var variable: String
    /// The name looked for in the file (`n_wkhome`).
    public var source: String
    /// The file, as named in messages.
    public var file: String
    /// The names in the file closest to `source`.
    public var closest: [String]
    /// `nil` when the file lacks the column; otherwise the column is there but each of this many
    /// rows holds a missing code (or nothing) in it.
    public var rowsWithoutValue: Int?

    public init(variable: String, source: String, file: String, closest: [String], rowsWithoutValue: Int? = nil) {
        self.variable = variable
        self.source = source
        self.file = file
        self.closest = closest
        self.rowsWithoutValue = rowsWithoutValue
    }
}
