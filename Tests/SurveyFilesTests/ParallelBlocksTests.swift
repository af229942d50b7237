import Foundation
import Testing

@testable import SurveyFiles

/// A stored file's bytes read ahead by offset on two threads (`ParallelBlocks.storedFile`): they
/// come out exactly as in the file, in order, whatever the block size and range; a file cut short
/// before its blocks are read gives a `.truncated` error naming it; a reader that stops early can
/// release the source while its workers are busy.
@Suite struct ParallelBlocksTests {
    static func readAll(_ source: ParallelBlocks) throws -> [UInt8] {
        var read: [UInt8] = []
        while let chunk = try source.next() { read.append(contentsOf: chunk) }
        return read
    }

    @Test(arguments: [1, 7, 4096, 65_537, 1 << 20])
    func blocksGiveTheRangeExactly(blockSize: Int) throws {
        let bytes = MappedChunksTests.pattern(300_001)
        let path = try MappedChunksTests.makeFile(bytes)
        for range in [0..<300_001, 1..<300_001, 4095..<200_000, 299_999..<300_001, 10..<10] {
            let source = ParallelBlocks.storedFile(
                DataInput(path: path), range: range, fileSize: bytes.count, blockSize: blockSize, limits: .standard)
            #expect(try Self.readAll(source) == Array(bytes[range]), "range \(range), blocks of \(blockSize)")
            #expect(source.progress.consumed == range.upperBound)
            #expect(source.progress.total == bytes.count)
        }
    }

    /// Offsets in the cursor's messages count from the file's start, not the range's.
    @Test func aCursorOnTheBlocksKnowsItsOffset() throws {
        let bytes = MappedChunksTests.pattern(100_000)
        let path = try MappedChunksTests.makeFile(bytes)
        let source = ParallelBlocks.storedFile(
            DataInput(path: path), range: 5000..<100_000, fileSize: bytes.count, blockSize: 999, limits: .standard)
        let cursor = ChunkCursor(file: path, source: source, startingAt: 5000)
        try cursor.skip(20_000, "a gap")
        #expect(Array(try cursor.take(3000, "a piece")) == Array(bytes[25_000..<28_000]))
        #expect(cursor.offset == 28_000)
        let error = try #require(throws: SurveyError.self) { try cursor.take(80_000, "the rows") }
        #expect(error.code == .truncated)
        #expect(error.byteOffset == 100_000)
    }

    @Test func aFileCutShortIsTruncated() throws {
        let bytes = MappedChunksTests.pattern(200_000)
        let path = try MappedChunksTests.makeFile(bytes)
        // The size was read before another program cut the file to 150,000 bytes.
        #expect(truncate(path, 150_000) == 0)
        let source = ParallelBlocks.storedFile(
            DataInput(path: path), range: 0..<200_000, fileSize: bytes.count, blockSize: 10_000, limits: .standard)
        var read: [UInt8] = []
        let error = try #require(throws: SurveyError.self) {
            while let chunk = try source.next() { read.append(contentsOf: chunk) }
        }
        #expect(error.code == .truncated)
        #expect(error.file == path)
        #expect(error.byteOffset == 150_000)
        // Every whole block before the cut came out, in order.
        #expect(read == Array(bytes[0..<150_000]))
    }

    /// Fills block i with the byte i; blocks at and after `failing` fail, the first of them last of all.
    struct FailingFiller: BlockFiller {
        let failing: Int
        func fill(_ index: Int, into out: UnsafeMutableRawPointer) throws(SurveyError) {
            if index == failing { Thread.sleep(forTimeInterval: 0.05) }
            if index >= failing {
                throw SurveyError(.truncated, file: "blocks", byteOffset: index, reason: "block \(index)")
            }
            out.storeBytes(of: UInt8(index), as: UInt8.self)
        }
    }

    /// A later block failing first (the other worker still on an earlier one) must not cut the stream
    /// short: every block before the first that cannot be filled comes out, then that block's error.
    @Test func theEarliestFailedBlockIsTheErrorWhicheverFailsFirst() throws {
        for failing in [0, 1, 5, 9] {
            let plan = ParallelBlocks.Plan(
                count: 12, capacity: 1, size: { _ in 1 }, fileBytes: { _ in 1 }, totalFileBytes: 12)
            let source = ParallelBlocks(plan: plan, name: "test") { () throws(SurveyError) -> any BlockFiller in
                FailingFiller(failing: failing)
            }
            var read: [UInt8] = []
            let error = try #require(throws: SurveyError.self) {
                while let chunk = try source.next() { read.append(contentsOf: chunk) }
            }
            #expect(error.byteOffset == failing, "failing at \(failing)")
            #expect(read == (0..<failing).map { UInt8($0) })
        }
    }

    /// A worker that cannot start (its file will not open) leaves the blocks to the other; when
    /// neither can, the reader gets the error rather than waiting for ever.
    @Test func workersThatCannotStart() throws {
        let plan = ParallelBlocks.Plan(count: 6, capacity: 1, size: { _ in 1 }, fileBytes: { _ in 1 }, totalFileBytes: 6)
        let source = ParallelBlocks(plan: plan, name: "test") { () throws(SurveyError) -> any BlockFiller in
            throw SurveyError(.cannotOpen, file: "nowhere", reason: "cannot open")
        }
        let error = try #require(throws: SurveyError.self) { _ = try source.next() }
        #expect(error.code == .cannotOpen)
    }

    /// Releasing a source whose workers are still filling blocks stops them and waits for them (a
    /// deadlock there would hang this test).
    @Test func aReaderThatStopsEarlyGetsItsBlockAndReleasesTheSource() throws {
        let bytes = MappedChunksTests.pattern(1 << 20)
        let path = try MappedChunksTests.makeFile(bytes)
        for _ in 0..<20 {
            let source = ParallelBlocks.storedFile(
                DataInput(path: path), range: 0..<bytes.count, fileSize: bytes.count, blockSize: 4096,
                limits: .standard)
            let first = try #require(try source.next())
            #expect(Array(first) == Array(bytes[0..<4096]))
        }  // each source is released here, its workers mid-file: its deinit stops and waits for them
    }

    @Test func aMissingFileIsTheFirstReadsError() throws {
        let folder = try makeTemporaryFolder()
        let source = ParallelBlocks.storedFile(
            DataInput(path: folder + "/gone.dta"), range: 0..<100, fileSize: 100, limits: .standard)
        let error = try #require(throws: SurveyError.self) { _ = try source.next() }
        #expect(error.code == .cannotOpen)
    }
}
