import Foundation
import SurveyFiles
import TestFixtures
import Testing

@Suite("SHA-256 for batch manifests")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        var d = SHA256()
        d.update(bytes)
        return d.finalizeHex()
    }

    @Test("FIPS 180-4 example messages: empty, abc, the two-block 448-bit message, a million a's")
    func vectors() {
        #expect(Self.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var d = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { d.update(chunk) }
        #expect(d.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a file in odd-sized pieces: the same digest as Python's hashlib")
    func file() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<3_000_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/f.bin"))
        let digest = try SHA256.file(folder + "/f.bin")
        var pieces = SHA256()
        var i = 0
        for size in [1, 63, 64, 65, 127, 1000, 4096] where i < bytes.count {
            pieces.update(Array(bytes[i..<min(bytes.count, i + size)]))
            i += size
        }
        pieces.update(Array(bytes[i...]))
        #expect(pieces.finalizeHex() == digest)
        let script = """
            import hashlib
            assert hashlib.sha256(open('f.bin', 'rb').read()).hexdigest() == '\(digest)'
            print('ok')
            """
        #expect(try TestSupport.python(script, in: folder) == 0)
    }
}
