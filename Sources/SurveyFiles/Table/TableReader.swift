/// Reads one table file, streaming: its header, then its rows, decoding only the
/// projected columns. One per format (the delimited reader, and later Stata and SPSS);
/// every layer above SurveyFiles reads through this and nothing else.
public protocol TableReader: AnyObject {
    /// The file.
    var input: DataInput { get }
    /// Called now and then with (file bytes consumed, file size) while reading rows.
    var onProgress: ((Int, Int?) -> Void)? { get set }

    /// Reads only what comes before the rows: names, storage, labels.
    ///
    /// - Throws: `SurveyError` naming the file and the byte offset (or line).
    func readHeader() throws(SurveyError) -> TableHeader

    /// Reads every row, calling `row` with the projected cells.
    ///
    /// - Parameters:
    ///   - project: given the header, returns the columns to decode (it may throw,
    ///     for instance when a required variable is absent).
    ///   - row: called for each row, in file order.
    /// - Returns: the rows and decompressed bytes read.
    /// - Throws: `SurveyError` naming the file, line or byte offset, and variable, or
    ///   whatever `project` or `row` throw.
    @discardableResult
    func read(project: (TableHeader) throws -> ColumnProjection, row: (RowCells) throws -> Void) throws -> TableSummary
}

/// A file format ukpanel reads: how to recognise it from its first bytes, and how
/// to make a reader. Add one with `TableFormats.register(_:)`.
public protocol TableFormat: Sendable {
    /// A short name (`tab`), used in messages and by `ReadOptions.format`.
    var name: String { get }
    /// Whether a file starting with `prefix` (its first bytes, decompressed; fewer
    /// than asked for when the file is short) is in this format.
    func recognises(_ prefix: UnsafeRawBufferPointer) -> Bool
    /// A reader of `input`.
    func reader(for input: DataInput, options: ReadOptions) -> any TableReader
}
