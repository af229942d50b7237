/// Typed rows as CSV (`CSVWriter`): whole numbers in decimal, reals in full (integral ones without a
/// decimal point, others in the shortest form that reads back exactly), text as it is (quoted where
/// needed), a missing cell empty (never `.`). The header row is the columns' names.
public final class CSVRowWriter: RowWriter {
    private let writer: CSVWriter

    /// Writes into `writer`, starting with the header of `table`'s column names.
    public init(writer: CSVWriter, table: OutputTable) throws(SurveyError) {
        self.writer = writer
        try writer.row(table.columns.map(\.name))
    }

    public var keepsMissingLetters: Bool { false }

    public func integer(_ value: Int) throws(SurveyError) {
        RowCells.withDecimal(value) { writer.field($0) }
    }

    public func real(_ value: Double) throws(SurveyError) {
        guard value.isFinite else { return writer.emptyField() }
        RowCells.withNumber(value) { writer.field($0) }
    }

    public func text(_ value: String) throws(SurveyError) { writer.field(value) }

    public func missing(letter: UInt8) throws(SurveyError) { writer.emptyField() }

    public func endRow() throws(SurveyError) { try writer.endRow() }

    public func finish() throws(SurveyError) { try writer.flush() }
}
