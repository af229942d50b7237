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
}
