import Foundation
import Testing

@testable import SurveyFiles

@Suite("Tab-delimited reading")
struct DelimitedTableReaderTests {
    /// The independent answer: split the text with the standard library.
    static func expected(_ text: String, columns wanted: [String]) -> [[String]] {
        let lines = Array(text.utf8).split(separator: 0x0A)
            .map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let indices = wanted.map { name in header.firstIndex(of: name)! }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return indices.map { cells[$0] }
        }
    }

    func readAll(_ input: DataInput, columns: [String], chunkSize: Int, pipelined: Bool) throws -> [[String]] {
        var options = ReadOptions()
        options.chunkSize = chunkSize
        options.pipelined = pipelined
        let reader = DelimitedTableReader(input: input, options: options)
        var rows: [[String]] = []
        try reader.read(project: { try $0.projection(of: columns, file: input.description) }) { row in
            rows.append((0..<row.count).map { row.string($0) })
        }
        return rows
    }

    static let columns = ["v5", "v0", "v11", "v5"]

    @Test("projected cells are right at every chunk size (every buffer boundary)", arguments: ["\n", "\r\n"])
    func everyChunkSize(lineEnding: String) throws {
        let text = sampleTable(rows: 9, columns: 12, lineEnding: lineEnding)
        let path = try makeTemporaryFolder() + "/t.tab"
        try writeFile(path, Array(text.utf8))
        let expected = Self.expected(text, columns: Self.columns)
        for size in 1...text.utf8.count {
            #expect(
                try readAll(DataInput(path: path), columns: Self.columns, chunkSize: size, pipelined: size % 2 == 0)
                    == expected,
                "chunk size \(size)")
        }
    }

    @Test("gzip and zip inputs give the same rows, pipelined, at small chunk sizes", arguments: [1, 5, 64, 1 << 20])
    func compressedInputs(chunkSize: Int) throws {
        let text = sampleTable(rows: 200, columns: 30)
        let folder = try makeTemporaryFolder()
        let bytes = Array(text.utf8)
        try writeFile(folder + "/t.tab.gz", try gzipMember(Array(bytes[..<500])) + gzipMember(Array(bytes[500...])))
        let sink = try FileSink(creating: folder + "/t.zip")
        let zip = ZipWriter(sink: sink)
        try zip.beginMember("tab/t.tab").write(bytes)
        try zip.finish()
        let columns = ["v29", "v3", "v17"]
        let expected = Self.expected(text, columns: columns)
        #expect(
            try readAll(DataInput(path: folder + "/t.tab.gz"), columns: columns, chunkSize: chunkSize, pipelined: true)
                == expected)
        #expect(
            try readAll(
                DataInput(archive: folder + "/t.zip", member: "tab/t.tab"), columns: columns, chunkSize: chunkSize,
                pipelined: true) == expected)
    }

    @Test("numbers decode from the projected cells")
    func typedCells() throws {
        let path = try makeTemporaryFolder() + "/t.tab"
        try writeFile(
            path, Array("pidp\th_jbstat\th_indinui_xw\tname\n68001367\t2\t0.8734521\tx y\n68004087\t-8\t\tz\n".utf8))
        var seen: [(Int?, Int?, Double?, String, Bool)] = []
        try DelimitedTableReader(input: DataInput(path: path)).read(project: {
            try $0.projection(of: ["pidp", "h_jbstat", "h_indinui_xw", "name"], file: path)
        }) { row in
            seen.append((row.int(0), row.int(1), row.double(2), row.string(3), row.isEmpty(2)))
        }
        #expect(seen.count == 2)
        #expect(seen[0].0 == 68_001_367 && seen[0].1 == 2 && seen[0].2 == 0.8734521 && seen[0].3 == "x y" && !seen[0].4)
        #expect(seen[1].0 == 68_004_087 && seen[1].1 == -8 && seen[1].2 == nil && seen[1].3 == "z" && seen[1].4)
    }

    @Test("a row with the wrong number of fields names the file and line", arguments: [1, 3, 1 << 20])
    func wrongFieldCount(chunkSize: Int) throws {
        let path = try makeTemporaryFolder() + "/bad.tab"
        try writeFile(path, Array("a\tb\tc\n1\t2\t3\n4\t5\n6\t7\t8\n".utf8))
        do {
            _ = try readAll(DataInput(path: path), columns: ["a"], chunkSize: chunkSize, pipelined: true)
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .wrongFieldCount)
            #expect(error.file == path)
            #expect(error.line == 3)
            #expect(error.byteOffset == 12)
            #expect(error.description.contains("2 fields"))
        }
    }

    @Test("a missing variable names the closest names present")
    func missingVariable() throws {
        let path = try makeTemporaryFolder() + "/t.tab"
        try writeFile(path, Array("pidp\th_jbstat\th_jbsemp\th_gor_dv\n1\t2\t3\t4\n".utf8))
        do {
            _ = try readAll(DataInput(path: path), columns: ["h_jbstta"], chunkSize: 1 << 20, pipelined: false)
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .missingVariable)
            #expect(error.variable == "h_jbstta")
            #expect(error.hint?.hasPrefix("the closest variables present are h_jbstat") == true)
        }
    }

    @Test("names match without regard to case when asked")
    func caseInsensitive() throws {
        let path = try makeTemporaryFolder() + "/lfs.tab"
        try writeFile(path, Array("CASENOP\tHOME\tCRYOX7_EUL_Main\n5\t1\t926\n".utf8))
        var options = ReadOptions()
        options.caseInsensitiveNames = true
        var values: [Int?] = []
        try DelimitedTableReader(input: DataInput(path: path), options: options).read(project: {
            try $0.projection(of: ["home", "cryox7_eul_main"], file: path)
        }) { row in values = [row.int(0), row.int(1)] }
        #expect(values == [1, 926])
    }

    @Test("the header alone, with a byte-order mark and CRLF")
    func header() throws {
        let path = try makeTemporaryFolder() + "/t.tab"
        try writeFile(path, [0xEF, 0xBB, 0xBF] + Array("pidp\th_hidp\r\n1\t2\r\n".utf8))
        #expect(try DelimitedTableReader(input: DataInput(path: path)).readHeader().names == ["pidp", "h_hidp"])
    }

    @Test("an empty file and a missing file are clear errors")
    func emptyAndMissing() throws {
        let folder = try makeTemporaryFolder()
        try writeFile(folder + "/empty.tab", [])
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try readAll(DataInput(path: folder + "/empty.tab"), columns: [], chunkSize: 100, pipelined: true)
        }
        #expect(throws: SurveyError(.cannotOpen, file: "", reason: "")) {
            try readAll(DataInput(path: folder + "/nope.tab"), columns: [], chunkSize: 100, pipelined: true)
        }
    }

    @Test("stopping early releases the reading thread")
    func earlyStop() throws {
        let path = try makeTemporaryFolder() + "/t.tab"
        try writeFile(path, Array(sampleTable(rows: 5000, columns: 10).utf8))
        struct Stop: Error {}
        var options = ReadOptions()
        options.chunkSize = 256
        var seen = 0
        #expect(throws: Stop.self) {
            try DelimitedTableReader(input: DataInput(path: path), options: options).read(project: {
                try $0.projection(of: ["v1"], file: path)
            }) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
    }
}
