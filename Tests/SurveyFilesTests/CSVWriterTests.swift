import SurveyFiles
import Testing

@Suite("CSV output")
struct CSVWriterTests {
    static let fields = ["plain", "", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "Ynys Môn", "-9"]

    @Test("RFC 4180: a field is quoted only when it holds a comma, a quote or a line break; quotes doubled")
    func quoting() throws {
        let sink = BytesSink()
        let writer = CSVWriter(sink: sink)
        try writer.row(Self.fields)
        try writer.finish()
        let expected = "plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",Ynys Môn,-9\n"
        #expect(String(decoding: sink.bytes, as: UTF8.self) == expected)
    }

    @Test("encode + encodedFields write the same bytes as field by field")
    func preEncoded() throws {
        let direct = BytesSink()
        let a = CSVWriter(sink: direct)
        try a.row(["1"] + Self.fields + Self.fields)
        try a.finish()
        let encoded = BytesSink()
        let b = CSVWriter(sink: encoded)
        b.field("1")
        b.encodedFields(CSVWriter.encode(Self.fields))
        b.encodedFields(CSVWriter.encode(Self.fields))
        try b.endRow()
        try b.finish()
        #expect(encoded.bytes == direct.bytes)
    }
}
