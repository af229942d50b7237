import Foundation
import Testing

@testable import SurveyFiles

/// The Parquet writer's pieces against bytes worked out by hand from the specifications (Thrift's
/// compact protocol; Parquet's Encodings.md, whose own bit-packing example is used), and the file's
/// frame and errors. The whole files are read back by pyarrow, Polars, DuckDB and pandas in
/// `scripts/crosscheck-exports.sh` (CI).
@Suite struct ParquetWriterTests {
    @Test func thriftCompactFieldsAreEncodedAsTheProtocolSays() {
        var w = ThriftCompactWriter()
        w.i32(1, 1)  // delta 1, type 5 (i32): 0x15; zigzag(1) = 2
        w.i64(3, 100)  // delta 2, type 6: 0x26; zigzag(100) = 200 = 0xC8 0x01
        w.string(4, "ab")  // delta 1, type 8: 0x18; length 2; the bytes
        w.bool(7, true)  // delta 3, type 1 (true): 0x31
        w.structure(10) { s in s.i32(1, -1) }  // delta 3, type 12: 0x3C; inside 0x15, zigzag(-1) = 1; stop
        w.list(12, i32: [1, 2])  // delta 2, type 9: 0x29; 2 elements of type 5: 0x25; 2, 4
        w.i32(100, 5)  // delta 88: long form, type 0x05, zigzag(100) as varint 0xC8 0x01; zigzag(5) = 10
        w.end()
        #expect(
            w.bytes == [
                0x15, 0x02, 0x26, 0xC8, 0x01, 0x18, 0x02, 0x61, 0x62, 0x31, 0x3C, 0x15, 0x01, 0x00, 0x29, 0x25, 0x02,
                0x04, 0x05, 0xC8, 0x01, 0x0A, 0x00,
            ])
    }

    @Test func aListOfFifteenOrMoreUsesTheLongHeader() {
        var w = ThriftCompactWriter()
        w.list(1, strings: Array(repeating: "x", count: 15))
        // delta 1, type 9: 0x19; 0xF0 | 8 (binary), then the size 15 as a varint; each "x" as 1, 'x'
        #expect(Array(w.bytes.prefix(3)) == [0x19, 0xF8, 0x0F])
        #expect(w.bytes.count == 3 + 15 * 2)
    }

    @Test func runsAndBitPackedGroupsAreEncodedAsTheSpecificationSays() {
        var levels = RLEHybridEncoder(bitWidth: 1)
        for v: UInt32 in [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1] { levels.append(v) }
        levels.finish()
        // A run of eight 1s (header 8 << 1 = 16, the value in one byte), then two bit-packed groups
        // (header 2 << 1 | 1 = 5): 0,1,0,1,0,1,0,1 low bit first = 0xAA, then 1,1,1 padded = 0x07.
        #expect(levels.bytes == [0x10, 0x01, 0x05, 0xAA, 0x07])

        // Encodings.md's example: 0 … 7 at bit width 3 pack into 10001000 11000110 11111010.
        var packed = RLEHybridEncoder(bitWidth: 3)
        for v: UInt32 in 0...7 { packed.append(v) }
        packed.finish()
        #expect(packed.bytes == [0x03, 0x88, 0xC6, 0xFA])

        // Fewer than eight equal values alone: one short run.
        var short = RLEHybridEncoder(bitWidth: 2)
        for _ in 0..<5 { short.append(3) }
        short.finish()
        #expect(short.bytes == [0x0A, 0x03])
        #expect(RLEHybridEncoder.bitWidth(for: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(for: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(for: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(for: 256) == 9)
    }

    static func table() -> OutputTable {
        OutputTable(columns: [
            OutputColumn(name: "id", kind: .integer(range: nil)), OutputColumn(name: "share", kind: .real),
            OutputColumn(name: "why", kind: .text(maxBytes: nil)),
        ])
    }

    @Test func theFileIsFramedByMagicAndItsFooterLength() throws {
        let sink = MemorySinkForTests()
        let writer = try ParquetFileWriter(sink: sink, name: "t.parquet", table: Self.table(), codec: .none)
        for k in 0..<10 {
            try writer.integer(k)
            try writer.real(Double(k) / 4)
            if k % 3 == 0 { try writer.missing(letter: 0) } else { try writer.text("reason \(k % 2)") }
            try writer.endRow()
        }
        try writer.finish()
        let bytes = sink.bytes
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let n = bytes.count
        let footer = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        #expect(footer > 0 && footer < n - 12)
        // The footer starts with FileMetaData's version (field 1, i32 1) and ends with its stop byte.
        #expect(Array(bytes[(n - 8 - footer)..<(n - 8 - footer + 2)]) == [0x15, 0x02])
        #expect(bytes[n - 9] == 0)
    }

    @Test func cellsThatDoNotFitTheirColumnAreLocatedErrors() throws {
        let writer = try ParquetFileWriter(sink: MemorySinkForTests(), name: "t.parquet", table: Self.table())
        let text = try #require(throws: SurveyError.self) { try writer.text("x") }
        #expect(text.code == .invalidValue && text.variable == "id" && text.line == 1)
        try writer.integer(1)
        let notFinite = try #require(throws: SurveyError.self) { try writer.real(.nan) }
        #expect(notFinite.variable == "share")
        let short = try #require(throws: SurveyError.self) { try writer.endRow() }
        #expect(short.reason.contains("1 cells, not the 3"))
        let empty = try #require(throws: SurveyError.self) {
            _ = try ParquetFileWriter(sink: MemorySinkForTests(), name: "e.parquet", table: OutputTable(columns: []))
        }
        #expect(empty.code == .invalidArgument)
        let twice = try #require(throws: SurveyError.self) {
            _ = try ParquetFileWriter(
                sink: MemorySinkForTests(), name: "d.parquet",
                table: OutputTable(columns: [.init(name: "a", kind: .real), .init(name: "a", kind: .real)]))
        }
        #expect(twice.variable == "a")
    }

    @Test func rowGroupsAreCutAtTheirBound() throws {
        var limits = ParquetFileWriter.Limits()
        limits.rowGroupRows = 4
        limits.pageRows = 3
        let sink = MemorySinkForTests()
        let writer = try ParquetFileWriter(sink: sink, name: "t.parquet", table: Self.table(), limits: limits)
        for k in 0..<10 {
            try writer.integer(k)
            try writer.real(1)
            try writer.text("a")
            try writer.endRow()
        }
        try writer.finish()
        // Three row groups (4, 4, 2 rows): FileMetaData field 4 is a list of three structures (0x39 = delta
        // 1 from field 3, type 9; then 0x3C = 3 elements of type 12) right after num_rows 10 (0x16 0x14).
        let footer = sink.bytes
        #expect(footer.indices.contains { i in i + 3 < footer.count && Array(footer[i..<(i + 4)]) == [0x16, 0x14, 0x19, 0x3C] })
    }
}

/// Bytes kept in memory, for tests.
final class MemorySinkForTests: ByteSink {
    private(set) var bytes: [UInt8] = []
    func write(_ raw: UnsafeRawBufferPointer) throws(SurveyError) { bytes.append(contentsOf: raw) }
    func finish() throws(SurveyError) {}
}
