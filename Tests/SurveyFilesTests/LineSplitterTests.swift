import Testing

@testable import SurveyFiles

@Suite("Line splitting")
struct LineSplitterTests {
    /// Lines a plain `split` gives, as the independent answer.
    static func expectedLines(_ text: String) -> [String] {
        // Work on bytes: to String, "\r\n" is one Character and would not split on "\n".
        let bytes = Array(text.utf8)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> String in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        if bytes.last == 0x0A { lines.removeLast() }
        return lines
    }

    static let texts = [
        "a\tb\nc\td\n",
        "a\tb\r\nc\td\r\n",
        "header\n1\n\n2",
        "x\r\n\r\n\r\ny",
        "one line no ending",
        "\n\n",
    ]

    @Test("every split into two pieces gives the same lines", arguments: texts)
    func everySplitPoint(text: String) {
        let bytes = Array(text.utf8)
        let expected = Self.expectedLines(text)
        for cut in 0...bytes.count {
            var splitter = LineSplitter()
            var lines: [String] = []
            var numbers: [Int] = []
            let collect = { (line: UnsafeRawBufferPointer, number: Int, _: Int) in
                lines.append(String(decoding: line, as: UTF8.self))
                numbers.append(number)
            }
            bytes[0..<cut].withUnsafeBytes { splitter.feed($0, collect) }
            bytes[cut...].withUnsafeBytes { splitter.feed($0, collect) }
            splitter.finish(collect)
            #expect(lines == expected, "split at \(cut)")
            #expect(numbers == Array(1...max(expected.count, 1)).prefix(expected.count).map { $0 })
        }
    }

    @Test("byte offsets point at each line's first byte whatever the piece size", arguments: 1...9)
    func offsets(pieceSize: Int) {
        let text = "ab\ncde\r\n\nfghij\nk"
        let bytes = Array(text.utf8)
        var splitter = LineSplitter()
        var offsets: [Int] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            bytes[start..<end].withUnsafeBytes { splitter.feed($0) { _, _, offset in offsets.append(offset) } }
            start = end
        }
        splitter.finish { _, _, offset in offsets.append(offset) }
        #expect(offsets == [0, 3, 8, 9, 15])
    }
}
