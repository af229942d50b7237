import Foundation
import Testing

@testable import SurveyFiles

/// A plain file read through windows of a guarded mapping: the bytes come out exactly as in the
/// file across window boundaries and skips, and a file cut short while it is read gives a
/// `.truncated` error (not SIGBUS).
@Suite struct MappedChunksTests {
    /// A file of `count` bytes where byte i is `(i * 31 + i / 251) & 0xff`: no window repeats another.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
    }

    static func makeFile(_ bytes: [UInt8]) throws -> String {
        let path = try makeTemporaryFolder() + "/bytes.bin"
        try writeFile(path, bytes)
        return path
    }

    @Test(arguments: [0, 1, 4095, 65536, 65537, 300_001])
    func windowsGiveTheFileExactly(size: Int) throws {
        let bytes = Self.pattern(size)
        let path = try Self.makeFile(bytes)
        let chunks = try #require(MappedChunks(file: FileByteSource(path: path), windowSize: 1 << 16))
        var read: [UInt8] = []
        var windows = 0
        while let chunk = try chunks.next() {
            #expect(chunk.count <= 1 << 16)
            read.append(contentsOf: chunk)
            windows += 1
        }
        #expect(read == bytes)
        #expect(windows == (size + (1 << 16) - 1) / (1 << 16))
        #expect(chunks.progress.consumed == size)
    }

    /// The cursor's skips land on the right byte whether they fall inside the first window (not
    /// handed out yet), inside a later one, or across several.
    @Test(arguments: [0, 10, 65535, 65536, 70_000, 200_000])
    func skipsLandOnTheRightByte(first: Int) throws {
        let bytes = Self.pattern(300_001)
        let path = try Self.makeFile(bytes)
        let source = try #require(MappedChunks(file: FileByteSource(path: path), windowSize: 1 << 16))
        let cursor = ChunkCursor(file: path, source: source)
        try cursor.skip(first, "a gap")
        var at = first
        for (gap, take) in [(0, 5), (65_536, 3), (1, 70_000), (12_345, 1)] where at + gap + take <= bytes.count {
            try cursor.skip(gap, "a gap")
            at += gap
            let piece = try cursor.take(take, "a piece")
            #expect(Array(piece) == Array(bytes[at..<(at + take)]), "at \(at)")
            #expect(cursor.offset == at + take)
            at += take
        }
        #expect(throws: SurveyError.self) { try cursor.skip(bytes.count, "past the end") }
    }

    /// The file is cut short after its first window is mapped: reading that window's lost pages
    /// finds zeros (the guard), and the next call reports the truncation with the file's name.
    @Test func aFileCutShortWhileReadIsTruncatedNotACrash() throws {
        let bytes = Self.pattern(1 << 20)
        let path = try Self.makeFile(bytes)
        let chunks = try #require(MappedChunks(file: FileByteSource(path: path), windowSize: 1 << 18))
        let first = try #require(try chunks.next())
        #expect(truncate(path, 4096) == 0)
        #expect(Array(first[0..<4096]) == Array(bytes[0..<4096]), "the page still in the file is intact")
        let lost = stride(from: 4096, to: first.count, by: 512).filter { first[$0] != 0 }
        #expect(lost.isEmpty, "pages past the new end read as zeros")
        let error = try #require(throws: SurveyError.self) { while try chunks.next() != nil {} }
        #expect(error.code == .truncated)
        #expect(error.description.contains(path))
    }

    /// Cut short before a later window is read: the size check after each window catches it.
    @Test func aFileCutShortBetweenWindowsIsTruncated() throws {
        let bytes = Self.pattern(1 << 20)
        let path = try Self.makeFile(bytes)
        let chunks = try #require(MappedChunks(file: FileByteSource(path: path), windowSize: 1 << 18))
        _ = try chunks.next()
        #expect(truncate(path, 600_000) == 0)
        let error = try #require(throws: SurveyError.self) { while try chunks.next() != nil {} }
        #expect(error.code == .truncated)
    }

    /// Mapped and read into buffers, a binary file's rows are the same.
    @Test func mappedAndBufferedReadsAgree() throws {
        let folder = try makeTemporaryFolder()
        let table = try BinaryRoundTripTests.writeTable(in: folder)
        for (name, format) in [
            ("t.dta", ConvertedFormat.dta(release: 118, byteOrder: .littleEndian)),
            ("t.sav", .sav(compression: .bytecode, byteOrder: .bigEndian)),
        ] {
            let path = folder + "/" + name
            try TableConversion.convert(DataInput(path: table), to: path, as: format)
            var outputs: [[String]] = []
            for mapped in [true, false] {
                var options = ReadOptions()
                options.mapPlainFiles = mapped
                var rows: [String] = []
                try TableFormats.reader(for: DataInput(path: path), options: options).read(project: {
                    .all(columnCount: $0.columns.count)
                }) { row in rows.append((0..<row.count).map { row.string($0) }.joined(separator: "|")) }
                outputs.append(rows)
            }
            #expect(outputs[0].count == BinaryRoundTripTests.rows)
            #expect(outputs[0] == outputs[1], "\(name)")
        }
    }
}
