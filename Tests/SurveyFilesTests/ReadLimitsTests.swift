import Foundation
import Testing

@testable import SurveyFiles

/// Lines, headers and column counts over their limits are located errors reached in bounded
/// memory; a huge name does not make the closest-names hint slow.
@Suite("read limits")
struct ReadLimitsTests {
    @Test(
        "an overlong line is found at its number and offset, however the stream is cut",
        arguments: [1, 3, 7, 50, 64, 200])
    func overlongLine(piece: Int) {
        // Line 1 "ab" (3 bytes with its LF), line 2 "cd", line 3: 100 x's, then more.
        let bytes = Array(("ab\ncd\n" + String(repeating: "x", count: 100) + "\nz\n").utf8)
        var splitter = LineSplitter(maxFirstLineBytes: 10, maxLineBytes: 50)
        var seen: [Int] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + piece)
            bytes[start..<end].withUnsafeBytes { splitter.feed($0) { _, number, _ in seen.append(number) } }
            start = end
        }
        splitter.finish { _, number, _ in seen.append(number) }
        #expect(seen == [1, 2], "nothing is handed out after the long line")
        #expect(splitter.overlong?.number == 3 && splitter.overlong?.offset == 6 && splitter.overlong?.limit == 50)
    }

    @Test("the header line has its own limit")
    func overlongHeader() {
        var splitter = LineSplitter(maxFirstLineBytes: 4, maxLineBytes: 100)
        Array("abcdef\n1\n".utf8).withUnsafeBytes { splitter.feed($0) { _, _, _ in } }
        #expect(splitter.overlong?.number == 1 && splitter.overlong?.limit == 4)
    }

    @Test("a tab file's long line and wide header are limitExceeded errors naming file and line")
    func delimitedLimits() throws {
        let folder = try makeTemporaryFolder()
        try writeFile(
            folder + "/long.tab", Array(("a\tb\n1\t2\n3\t" + String(repeating: "9", count: 5000) + "\n").utf8))
        var options = ReadOptions()
        options.maxLineBytes = 1000
        options.chunkSize = 256
        do {
            try DelimitedTableReader(input: DataInput(path: folder + "/long.tab"), options: options).read(
                project: { ColumnProjection(columnIndices: [0], columnCount: $0.names.count) }, row: { _ in })
            Issue.record("accepted")
        } catch let error as SurveyError {
            #expect(error.code == .limitExceeded && error.line == 3 && error.byteOffset == 8, "\(error)")
            #expect(error.description.contains("longer than 1000 bytes"), "\(error)")
        }
        try writeFile(
            folder + "/wide.tab", Array((Array(repeating: "v", count: 2001).joined(separator: "\t") + "\n").utf8))
        options.maxColumns = 2000
        #expect(throws: SurveyError(.limitExceeded, file: "", reason: "")) {
            _ = try DelimitedTableReader(input: DataInput(path: folder + "/wide.tab"), options: options).readHeader()
        }
        options.maxColumns = 2001
        let header = try DelimitedTableReader(input: DataInput(path: folder + "/wide.tab"), options: options)
            .readHeader()
        #expect(header.names.count == 2001)
    }

    @Test("the closest names to a 10 MB name are found at once", .timeLimit(.minutes(1)))
    func hugeNameHint() {
        let huge = String(repeating: "n_jbstat", count: 1_250_000)
        let names = (0..<2000).map { "n_var\($0)" } + ["n_jbstat", huge]
        let near = ClosestNames.nearest(to: huge, in: names)
        #expect(near.first == huge || near.first == "n_jbstat")
        #expect(ClosestNames.nearest(to: "n_jbstta", in: names).first == "n_jbstat")
    }
}
