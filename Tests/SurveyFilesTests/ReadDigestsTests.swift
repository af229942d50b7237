import Foundation
import TestFixtures
import Testing

@testable import SurveyFiles

@Suite("SHA-256s taken while files are read, for provenance")
struct ReadDigestsTests {
    /// Reads `source` to its end in pieces of `size` bytes.
    static func drain(_ source: ByteSource, size: Int = 65_537) throws {
        var buffer = [UInt8](repeating: 0, count: size)
        while try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) > 0 {}
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test("a plain file and a gzip file read whole: the digest recorded is hashlib's of the file on disk")
    func wholeReads() throws {
        ReadDigests.collect()
        let folder = try makeTemporaryFolder()
        let bytes = Self.randomBytes(2_500_003)
        try writeFile(folder + "/plain.bin", bytes)
        try writeFile(folder + "/packed.tab.gz", try gzipMember(bytes, level: 1))
        try Self.drain(try FileByteSource(path: folder + "/plain.bin"))
        try Self.drain(try DataInput(path: folder + "/packed.tab.gz").open(), size: 1 << 20)
        let plain = try #require(ReadDigests.recordedDigest(of: folder + "/plain.bin"))
        let packed = try #require(ReadDigests.recordedDigest(of: folder + "/packed.tab.gz"))
        #expect(try ReadDigests.digest(of: folder + "/plain.bin") == plain)
        let script = """
            import hashlib
            assert hashlib.sha256(open('plain.bin', 'rb').read()).hexdigest() == '\(plain)'
            assert hashlib.sha256(open('packed.tab.gz', 'rb').read()).hexdigest() == '\(packed)'
            print('ok')
            """
        #expect(try TestSupport.python(script, in: folder) == 0)
    }

    @Test("a file read in part, skipped through or only a range of it records nothing; a changed file is read again")
    func partialReadsAndChanges() throws {
        ReadDigests.collect()
        let folder = try makeTemporaryFolder()
        let bytes = Self.randomBytes(300_000)
        try writeFile(folder + "/f.bin", bytes)
        let partly = try FileByteSource(path: folder + "/f.bin")
        var buffer = [UInt8](repeating: 0, count: 1000)
        _ = try buffer.withUnsafeMutableBytes { try partly.read(into: $0) }
        #expect(ReadDigests.recordedDigest(of: folder + "/f.bin") == nil)
        let skipping = try FileByteSource(path: folder + "/f.bin")
        #expect(skipping.skip(10))
        try Self.drain(skipping)
        #expect(ReadDigests.recordedDigest(of: folder + "/f.bin") == nil)
        let member = try FileByteSource(path: folder + "/f.bin", range: 0..<1000)
        try Self.drain(member)
        #expect(ReadDigests.recordedDigest(of: folder + "/f.bin") == nil)

        // Reads by offset between the reads in order change nothing.
        let mixed = try FileByteSource(path: folder + "/f.bin")
        _ = try mixed.readExactly(count: 4, at: 299_000)
        try Self.drain(mixed)
        let before = try #require(ReadDigests.recordedDigest(of: folder + "/f.bin"))
        let hashed = try SHA256.file(folder + "/f.bin")
        #expect(before == hashed)
        // Same size, other bytes: the file's times change, the record no longer applies.
        var changed = bytes
        changed[0] ^= 0xFF
        try writeFile(folder + "/f.bin", changed)
        #expect(ReadDigests.recordedDigest(of: folder + "/f.bin") == nil)
        let after = try ReadDigests.digest(of: folder + "/f.bin")
        let rehashed = try SHA256.file(folder + "/f.bin")
        #expect(after != before && after == rehashed)
    }
}
