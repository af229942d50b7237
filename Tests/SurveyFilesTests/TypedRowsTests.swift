import Foundation
import Testing

@testable import SurveyFiles

/// The typed row writers other than Parquet: rows recorded and replayed unchanged, CSV cells as the
/// exports have always written them, and the Stata types, names and missing letters a `.dta` gets
/// (read back by pandas, pyreadstat and R haven in `scripts/crosscheck-exports.sh`).
@Suite struct TypedRowsTests {
    static func writeCells(_ writer: some RowWriter) throws {
        try writer.integer(-5)
        try writer.integer(1 << 40)
        try writer.real(2.5)
        try writer.real(3)
        try writer.real(0.1 + 0.2)
        try writer.text("a,b")
        try writer.missing(letter: 4)
        try writer.missing(letter: 0)
    }

    @Test func aRecordedRowReplaysItsCellsUnchanged() throws {
        let recorder = RowRecorder(keepsMissingLetters: false)
        try Self.writeCells(recorder)
        let row = recorder.take()
        #expect(recorder.take() == RecordedRow())
        let again = RowRecorder(keepsMissingLetters: false)
        try row.replay(into: again)
        #expect(again.take() == row)
        // Into CSV: whole numbers as they are, an integral real without a point, others in their
        // shortest exact form, text quoted where needed, missing cells empty.
        let sink = MemorySinkForTests()
        let csv = CSVWriter(sink: sink)
        let table = OutputTable(columns: (0..<8).map { OutputColumn(name: "c\($0)", kind: .text(maxBytes: nil)) })
        let writer = try CSVRowWriter(writer: csv, table: table)
        try row.replay(into: writer)
        try writer.endRow()
        try writer.finish()
        #expect(
            String(decoding: sink.bytes, as: UTF8.self)
                == "c0,c1,c2,c3,c4,c5,c6,c7\n-5,1099511627776,2.5,3,0.30000000000000004,\"a,b\",,\n")
    }

    @Test func stataTypesAreTheNarrowestThatHoldTheValues() {
        #expect(StataRowWriter.type(for: .integer(range: -9...100)) == .byte)
        #expect(StataRowWriter.type(for: .integer(range: -9...101)) == .int)
        #expect(StataRowWriter.type(for: .integer(range: -32_767...32_740)) == .int)
        #expect(StataRowWriter.type(for: .integer(range: 0...32_741)) == .long)
        #expect(StataRowWriter.type(for: .integer(range: 0...2_147_483_621)) == .double)
        #expect(StataRowWriter.type(for: .integer(range: nil)) == .double)
        #expect(StataRowWriter.type(for: .real) == .double)
        #expect(StataRowWriter.type(for: .text(maxBytes: 12)) == .str(12))
        #expect(StataRowWriter.type(for: .text(maxBytes: 2046)) == .strL)
        #expect(StataRowWriter.type(for: .text(maxBytes: nil)) == .strL)
    }

    @Test(arguments: ["1st", "a-b", "", String(repeating: "x", count: 33), "é"])
    func aNameStataRefusesIsAnError(_ name: String) throws {
        let error = try #require(throws: SurveyError.self) { try StataRowWriter.checkName(name, file: "x.dta") }
        #expect(error.code == .invalidArgument && error.variable == name)
    }

    @Test func aDtaHoldsItsValuesAndMissingLetters() throws {
        let folder = try makeTemporaryFolder()
        let table = OutputTable(
            columns: [
                OutputColumn(name: "code", kind: .integer(range: 1...3), label: "A code", valueLabels: [1: "one"]),
                OutputColumn(name: "weight", kind: .real, label: "A weight"),
                OutputColumn(name: "id", kind: .integer(range: nil)),
                OutputColumn(name: "why", kind: .text(maxBytes: 12)),
            ],
            missingLetters: [1: "dont_know", 4: "inapplicable"])
        let file = try AtomicOutputFile(path: folder + "/t.dta")
        let writer = try StataRowWriter(file: file, table: table)
        try writer.integer(3)
        try writer.real(0.25)
        try writer.integer(68_001_367)
        try writer.text("first")
        try writer.endRow()
        try writer.missing(letter: 4)
        try writer.missing(letter: 1)
        try writer.missing(letter: 0)
        try writer.missing(letter: 0)
        try writer.endRow()
        let tooBig = try #require(throws: SurveyError.self) { try writer.integer(1 << 60) }
        #expect(tooBig.variable == "code" && tooBig.line == 3)
        try writer.finish()
        try file.commit()
        // ukpanel's own reader (itself checked against pandas and pyreadstat) reads it back.
        let reader = try TableFormats.reader(for: DataInput(path: folder + "/t.dta"), options: ReadOptions())
        let header = try reader.readHeader()
        #expect(header.columns.map(\.name) == ["code", "weight", "id", "why"])
        #expect(header.columns.map(\.storage) == [.integer(bytes: 1), .real(bytes: 8), .real(bytes: 8), .text(width: 12)])
        #expect(header.columns.first?.label == "A code")
        #expect(header.valueLabels(ofColumn: 0)?[1] == "one")
        var rows: [[String]] = []
        var missing: [[FormatMissing?]] = []
        try reader.read(project: { _ in .all(columnCount: 4) }) { row in
            rows.append((0..<4).map { row.string($0) })
            missing.append((0..<4).map { row.formatMissing($0) })
        }
        #expect(rows[0] == ["3", "0.25", "68001367", "first"])
        #expect(missing[1][0] == .extended(4) && missing[1][1] == .extended(1) && missing[1][2] == .system)
        #expect(rows[1][3] == "")
    }
}
