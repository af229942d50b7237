import Foundation
import TestFixtures
import Testing

@testable import SurveyFiles

/// Crafted ZIP64 archives whose sizes, counts and offsets are absurd: each is a located
/// `.corrupt` error, never a trap (these crashed the process before: a reservation of 2^64 − 1
/// entries, offset arithmetic that overflowed).
@Suite("zip archives: crafted ZIP64 records")
struct ZipHostileTests {
    /// The fields of a one-member stored ZIP64 archive, laid out by hand from the APPNOTE
    /// (independently of `ZipWriter`); `nil` means the true value.
    struct Crafted {
        var count: UInt64?
        var directorySize: UInt64?
        var directoryOffset: UInt64?
        var locatorOffset: UInt64?
        var extraLocalHeaderOffset: UInt64?
        var extraCompressedSize: UInt64?

        static let name = Array("tab/a.tab".utf8)
        static let data = Array("pidp\tx\n1\t2\n".utf8)

        /// CRC-32 (IEEE, reflected), bit by bit.
        static func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }

        var bytes: [UInt8] {
            var out: [UInt8] = []
            func u16(_ v: UInt16) { out += [UInt8(v & 0xff), UInt8(v >> 8)] }
            func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8((v >> (8 * k)) & 0xff)) } }
            func u64(_ v: UInt64) { for k in 0..<8 { out.append(UInt8((v >> (8 * UInt64(k))) & 0xff)) } }
            let crc = Self.crc32(Self.data)
            // Local header, then the stored bytes.
            u32(0x0403_4b50)
            u16(45)
            u16(0)
            u16(0)
            u16(0)
            u16(0)
            u32(crc)
            u32(UInt32(Self.data.count))
            u32(UInt32(Self.data.count))
            u16(UInt16(Self.name.count))
            u16(0)
            out += Self.name + Self.data
            // Central directory: sizes and the local header offset in the ZIP64 extra field.
            let directoryStart = out.count
            u32(0x0201_4b50)
            u16(45)
            u16(45)
            u16(0)
            u16(0)
            u16(0)
            u16(0)
            u32(crc)
            u32(0xFFFF_FFFF)
            u32(0xFFFF_FFFF)
            u16(UInt16(Self.name.count))
            u16(4 + 24)
            u16(0)
            u16(0)
            u16(0)
            u32(0)
            u32(0xFFFF_FFFF)
            out += Self.name
            u16(1)
            u16(24)
            u64(UInt64(Self.data.count))
            u64(extraCompressedSize ?? UInt64(Self.data.count))
            u64(extraLocalHeaderOffset ?? 0)
            let directoryLength = out.count - directoryStart
            // ZIP64 end record, its locator, the classic end record.
            let recordStart = out.count
            u32(0x0606_4b50)
            u64(44)
            u16(45)
            u16(45)
            u32(0)
            u32(0)
            u64(count ?? 1)
            u64(count ?? 1)
            u64(directorySize ?? UInt64(directoryLength))
            u64(directoryOffset ?? UInt64(directoryStart))
            u32(0x0706_4b50)
            u32(0)
            u64(locatorOffset ?? UInt64(recordStart))
            u32(1)
            u32(0x0605_4b50)
            u16(0)
            u16(0)
            u16(0xFFFF)
            u16(0xFFFF)
            u32(0xFFFF_FFFF)
            u32(0xFFFF_FFFF)
            u16(0)
            return out
        }
    }

    @Test("the hand-made archive itself reads, and Python's zipfile reads it the same")
    func wellFormed() throws {
        let folder = try makeTemporaryFolder()
        try writeFile(folder + "/ok.zip", Crafted().bytes)
        let archive = try ZipArchive(path: folder + "/ok.zip")
        #expect(archive.entries.map(\.path) == ["tab/a.tab"])
        let input = try DataInput(archive: folder + "/ok.zip", member: "tab/a.tab").open()
        #expect(try TestSupport.drain(input, bufferSize: 5) == Crafted.data)
        let script = "import zipfile; assert zipfile.ZipFile('ok.zip').read('tab/a.tab') == b'pidp\\tx\\n1\\t2\\n'"
        #expect(try run("python3", ["-c", script], in: folder) == 0)
    }

    static let maximum = UInt64.max
    static let nearHalf = UInt64(1) << 63 - 7

    static let cases: [(String, Crafted)] = [
        ("entry count 2^64-1", Crafted(count: maximum)),
        ("entry count beyond the directory", Crafted(count: 1_000_000)),
        ("directory offset 2^64-1", Crafted(directoryOffset: maximum)),
        ("directory size 2^64-1", Crafted(directorySize: maximum)),
        ("directory offset near 2^63", Crafted(directoryOffset: nearHalf)),
        ("locator offset 2^64-1", Crafted(locatorOffset: maximum)),
        ("locator offset near 2^63", Crafted(locatorOffset: nearHalf)),
        ("local header offset 2^64-1 in the extra field", Crafted(extraLocalHeaderOffset: maximum)),
        ("local header offset near 2^63 in the extra field", Crafted(extraLocalHeaderOffset: nearHalf)),
        ("compressed size 2^64-1 in the extra field", Crafted(extraCompressedSize: maximum)),
    ]

    @Test("an absurd ZIP64 field is a located .corrupt error", arguments: 0..<cases.count)
    func absurdField(index: Int) throws {
        let (label, crafted) = Self.cases[index]
        let path = try makeTemporaryFolder() + "/bad.zip"
        try writeFile(path, crafted.bytes)
        do {
            _ = try ZipArchive(path: path)
            Issue.record("\(label): accepted")
        } catch {
            #expect(error.code == .corrupt, "\(label): \(error)")
            #expect(error.file == path && error.byteOffset != nil, "\(label): \(error)")
        }
        // Every command that opens the archive goes through the same reader.
        #expect(throws: SurveyError.self, "\(label)") {
            _ = try DataInput(archive: path, member: "tab/a.tab").open()
        }
    }
}
