import Foundation
import TestFixtures
import Testing

@testable import SurveyFiles

@Suite("gzip input")
struct GzipTests {
    static let text = Array(sampleTable(rows: 40, columns: 6).utf8)

    /// Two members back to back, as `cat a.gz b.gz` makes.
    static func twoMembers() throws -> [UInt8] {
        let half = text.count / 2
        return try gzipMember(Array(text[..<half])) + gzipMember(Array(text[half...]), level: 1)
    }

    @Test("several members inflate to the whole text at every read size", arguments: [1, 2, 3, 7, 64, 1000, 1 << 16])
    func multiMemberEveryReadSize(size: Int) throws {
        let compressed = try Self.twoMembers()
        let source = try InflatingByteSource(
            upstream: BytesSource(compressed, readLimit: size), format: .gzip, name: "t.gz",
            inputBufferSize: size)
        #expect(try TestSupport.drain(source, bufferSize: size) == Self.text)
    }

    @Test("every split of the compressed bytes across input buffers")
    func everyCompressedBoundary() throws {
        let compressed = try Self.twoMembers()
        for size in 1...min(compressed.count, 97) {
            let source = try InflatingByteSource(
                upstream: BytesSource(compressed, readLimit: size), format: .gzip, name: "t.gz", inputBufferSize: size)
            #expect(try TestSupport.drain(source, bufferSize: 13) == Self.text, "input pieces of \(size)")
        }
    }

    @Test("a file made by the gzip program reads back")
    func systemGzip() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/t.tab"
        try writeFile(path, Self.text)
        #expect(try run("gzip", ["-9", path]) == 0)
        let source = try DataInput(path: path + ".gz").open()
        #expect(try TestSupport.drain(source, bufferSize: 4096) == Self.text)
    }

    @Test("a truncated file is an error naming the file and byte offset")
    func truncated() throws {
        let compressed = try gzipMember(Self.text)
        let cut = Array(compressed[..<(compressed.count / 2)])
        let source = try InflatingByteSource(upstream: BytesSource(cut), format: .gzip, name: "cut.gz")
        do {
            _ = try TestSupport.drain(source, bufferSize: 4096)
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .truncated)
            #expect(error.file == "cut.gz")
            #expect(error.byteOffset == cut.count)
        }
    }

    @Test("a damaged byte is a corruption error, not wrong data")
    func corrupt() throws {
        var compressed = try gzipMember(Self.text)
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        let source = try InflatingByteSource(upstream: BytesSource(compressed), format: .gzip, name: "bad.gz")
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try TestSupport.drain(source, bufferSize: 4096)
        }
    }

    @Test("garbage after the last member is an error; zero padding is not")
    func trailingBytes() throws {
        let member = try gzipMember(Self.text)
        let padded = try InflatingByteSource(upstream: BytesSource(member + [0, 0, 0, 0]), format: .gzip, name: "p.gz")
        #expect(try TestSupport.drain(padded, bufferSize: 100) == Self.text)
        let garbage = try InflatingByteSource(
            upstream: BytesSource(member + Array("junk".utf8)), format: .gzip, name: "g.gz")
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try TestSupport.drain(garbage, bufferSize: 100)
        }
    }

    @Test("the size limit stops a bomb")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0x30, count: 2 << 20)
        let compressed = try gzipMember(zeros, level: 9)
        let limits = DecompressionLimits(maxOutputBytes: 1 << 20, maxRatio: 1_000_000, ratioGraceBytes: 0)
        let source = try InflatingByteSource(
            upstream: BytesSource(compressed), format: .gzip, name: "b.gz", limits: limits)
        #expect(throws: SurveyError(.decompressionLimit, file: "", reason: "")) {
            try TestSupport.drain(source, bufferSize: 4096)
        }
        let ratio = DecompressionLimits(maxOutputBytes: .max, maxRatio: 100, ratioGraceBytes: 64 << 10)
        let again = try InflatingByteSource(
            upstream: BytesSource(compressed), format: .gzip, name: "b.gz", limits: ratio)
        #expect(throws: SurveyError(.decompressionLimit, file: "", reason: "")) {
            try TestSupport.drain(again, bufferSize: 4096)
        }
    }
}
