import Foundation
import TestFixtures
import Testing

@testable import SurveyFiles

/// Every test runs with both inflaters (ISA-L, the default, and zlib): the same bytes, the same
/// checks, the same errors at the same byte offsets.
@Suite("gzip input")
struct GzipTests {
    static let text = Array(sampleTable(rows: 40, columns: 6).utf8)

    static func limits(_ inflater: Inflater) -> DecompressionLimits {
        var limits = DecompressionLimits.standard
        limits.inflater = inflater
        return limits
    }

    /// Two members back to back, as `cat a.gz b.gz` makes.
    static func twoMembers() throws -> [UInt8] {
        let half = text.count / 2
        return try gzipMember(Array(text[..<half])) + gzipMember(Array(text[half...]), level: 1)
    }

    @Test(
        "several members inflate to the whole text at every read size",
        arguments: Inflater.allCases, [1, 2, 3, 7, 64, 1000, 1 << 16])
    func multiMemberEveryReadSize(inflater: Inflater, size: Int) throws {
        let compressed = try Self.twoMembers()
        let source = try InflatingByteSource(
            upstream: BytesSource(compressed, readLimit: size), format: .gzip, name: "t.gz",
            limits: Self.limits(inflater), inputBufferSize: size)
        #expect(try TestSupport.drain(source, bufferSize: size) == Self.text)
    }

    @Test("every split of the compressed bytes across input buffers", arguments: Inflater.allCases)
    func everyCompressedBoundary(inflater: Inflater) throws {
        let compressed = try Self.twoMembers()
        for size in 1...min(compressed.count, 97) {
            let source = try InflatingByteSource(
                upstream: BytesSource(compressed, readLimit: size), format: .gzip, name: "t.gz",
                limits: Self.limits(inflater), inputBufferSize: size)
            #expect(try TestSupport.drain(source, bufferSize: 13) == Self.text, "input pieces of \(size)")
        }
    }

    @Test("a file made by the gzip program reads back", arguments: Inflater.allCases)
    func systemGzip(inflater: Inflater) throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/t.tab"
        try writeFile(path, Self.text)
        #expect(try run("gzip", ["-9", path]) == 0)
        let source = try DataInput(path: path + ".gz").open(limits: Self.limits(inflater))
        #expect(try TestSupport.drain(source, bufferSize: 4096) == Self.text)
    }

    @Test("a truncated file is an error naming the file and byte offset", arguments: Inflater.allCases)
    func truncated(inflater: Inflater) throws {
        let compressed = try gzipMember(Self.text)
        let cut = Array(compressed[..<(compressed.count / 2)])
        let source = try InflatingByteSource(
            upstream: BytesSource(cut), format: .gzip, name: "cut.gz", limits: Self.limits(inflater))
        do {
            _ = try TestSupport.drain(source, bufferSize: 4096)
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .truncated)
            #expect(error.file == "cut.gz")
            #expect(error.byteOffset == cut.count)
        }
    }

    @Test("a damaged byte is a corruption error, not wrong data", arguments: Inflater.allCases)
    func corrupt(inflater: Inflater) throws {
        var compressed = try gzipMember(Self.text)
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        let source = try InflatingByteSource(
            upstream: BytesSource(compressed), format: .gzip, name: "bad.gz", limits: Self.limits(inflater))
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try TestSupport.drain(source, bufferSize: 4096)
        }
    }

    @Test("garbage after the last member is an error; zero padding is not", arguments: Inflater.allCases)
    func trailingBytes(inflater: Inflater) throws {
        let member = try gzipMember(Self.text)
        let padded = try InflatingByteSource(
            upstream: BytesSource(member + [0, 0, 0, 0]), format: .gzip, name: "p.gz", limits: Self.limits(inflater))
        #expect(try TestSupport.drain(padded, bufferSize: 100) == Self.text)
        let garbage = try InflatingByteSource(
            upstream: BytesSource(member + Array("junk".utf8)), format: .gzip, name: "g.gz",
            limits: Self.limits(inflater))
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try TestSupport.drain(garbage, bufferSize: 100)
        }
    }

    @Test("the size limit stops a bomb", arguments: Inflater.allCases)
    func bomb(inflater: Inflater) throws {
        let zeros = [UInt8](repeating: 0x30, count: 2 << 20)
        let compressed = try gzipMember(zeros, level: 9)
        var limits = DecompressionLimits(maxOutputBytes: 1 << 20, maxRatio: 1_000_000, ratioGraceBytes: 0)
        limits.inflater = inflater
        let source = try InflatingByteSource(
            upstream: BytesSource(compressed), format: .gzip, name: "b.gz", limits: limits)
        #expect(throws: SurveyError(.decompressionLimit, file: "", reason: "")) {
            try TestSupport.drain(source, bufferSize: 4096)
        }
        var ratio = DecompressionLimits(maxOutputBytes: .max, maxRatio: 100, ratioGraceBytes: 64 << 10)
        ratio.inflater = inflater
        let again = try InflatingByteSource(
            upstream: BytesSource(compressed), format: .gzip, name: "b.gz", limits: ratio)
        #expect(throws: SurveyError(.decompressionLimit, file: "", reason: "")) {
            try TestSupport.drain(again, bufferSize: 4096)
        }
    }

    /// Damage anywhere in a member: both inflaters refuse it with the same error, at byte offsets at
    /// most 32 apart (ISA-L reads its input a 64-bit word at a time and decodes ahead; zlib a byte), never returning
    /// wrong data.
    @Test func bothInflatersRefuseTheSameDamageNearTheSameOffset() throws {
        let compressed = try Self.twoMembers()
        var refused = 0
        for position in stride(from: 10, to: compressed.count - 8, by: 7) {
            var damaged = compressed
            damaged[position] ^= 0x5A
            var outcomes: [(code: SurveyError.Code?, offset: Int)] = []
            for inflater in Inflater.allCases {
                let source = try InflatingByteSource(
                    upstream: BytesSource(damaged), format: .gzip, name: "d.gz", limits: Self.limits(inflater))
                do {
                    let bytes = try TestSupport.drain(source, bufferSize: 4096)
                    #expect(bytes == Self.text, "byte \(position), \(inflater): wrong data")
                    outcomes.append((nil, 0))
                } catch let error as SurveyError {
                    outcomes.append((error.code, error.byteOffset ?? -1))
                }
            }
            #expect(outcomes[0].code == outcomes[1].code, "byte \(position): \(outcomes)")
            #expect(abs(outcomes[0].offset - outcomes[1].offset) <= 32, "byte \(position): \(outcomes)")
            if outcomes[0].code != nil {
                refused += 1
                #expect(outcomes[0].offset >= position && outcomes[1].offset >= position, "byte \(position)")
            }
        }
        #expect(refused > 10)
    }
}
