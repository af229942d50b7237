/// One column of a typed table that ukpanel writes (CSV, Parquet, Stata `.dta`): its name,
/// the kind of value it holds, its label and the labels of its codes.
public struct OutputColumn: Sendable, Equatable {
    /// What the column's values are.
    public enum Kind: Sendable, Equatable {
        /// Whole numbers; `range`, when known, bounds every value (a Stata writer picks the
        /// narrowest type that holds it).
        case integer(range: ClosedRange<Int>?)
        /// Real numbers (IEEE double).
        case real
        /// UTF-8 text; `maxBytes`, when known, bounds every value's length.
        case text(maxBytes: Int?)
    }

    /// The column's name.
    public var name: String
    /// What its values are.
    public var kind: Kind
    /// What it holds, in words.
    public var label: String
    /// Labels of its codes (integer columns).
    public var valueLabels: [Int: String]

    /// A column; only the name and kind are required.
    public init(name: String, kind: Kind, label: String = "", valueLabels: [Int: String] = [:]) {
        self.name = name
        self.kind = kind
        self.label = label
        self.valueLabels = valueLabels
    }
}

/// What a typed table's writer is told before the first row: the columns, the words for the
/// missing-value letters a writer may carry in the values themselves (Stata's `.a`–`.z`), and
/// key-value metadata a format can keep with the data (Parquet's footer).
public struct OutputTable: Sendable {
    /// The columns, in order.
    public var columns: [OutputColumn]
    /// Words for the missing letters 1–26 (`.a`–`.z`) that cells may carry.
    public var missingLetters: [UInt8: String]
    /// Key-value metadata, in order.
    public var metadata: [(key: String, value: String)]
    /// The table's label.
    public var label: String

    /// A table of `columns`.
    public init(
        columns: [OutputColumn], missingLetters: [UInt8: String] = [:], metadata: [(key: String, value: String)] = [],
        label: String = ""
    ) {
        self.columns = columns
        self.missingLetters = missingLetters
        self.metadata = metadata
        self.label = label
    }
}

/// Writes rows of typed cells, one cell per column in order, then `endRow()`; `finish()` after the
/// last row. CSV, Parquet and Stata `.dta` writers implement it; so does `RecordedRows`, which keeps
/// rows compactly to be written later.
public protocol RowWriter: AnyObject {
    /// Whether a missing cell's letter (`.a`–`.z`) is kept in the value itself (Stata); where it is
    /// not, a table says why a value is missing in a column of its own.
    var keepsMissingLetters: Bool { get }
    /// The next cell: a whole number.
    func integer(_ value: Int) throws(SurveyError)
    /// The next cell: a real number.
    func real(_ value: Double) throws(SurveyError)
    /// The next cell: text.
    func text(_ value: String) throws(SurveyError)
    /// The next cell: missing; `letter` 1–26 says why (`.a`–`.z`), 0 says nothing.
    func missing(letter: UInt8) throws(SurveyError)
    /// Ends the row.
    func endRow() throws(SurveyError)
    /// Writes what follows the last row (a footer, labels); the file is complete after it.
    func finish() throws(SurveyError)
}
