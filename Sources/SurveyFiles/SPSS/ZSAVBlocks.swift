import Foundation

/// A `.zsav` file's cases as inflated blocks, in order. From a plain file, two threads
/// inflate blocks ahead of the reader (so both cores work), into a ring of `depth`
/// buffers: memory is `depth × blockSize` whatever the file's size.
final class ParallelZSAVBlocks: ChunkSource {
    private let shared: Shared

    /// Starts inflating `layout`'s blocks of the plain file `path`.
    init(path: String, file: String, layout: ZSAVLayout, workers: Int = 2, depth: Int = 4) {
        shared = Shared(
            path: path, file: file, layout: layout, depth: max(depth, workers + 1), workers: max(workers, 1))
        let shared = self.shared
        for k in 0..<max(workers, 1) {
            let thread = Thread { shared.work() }
            thread.name = "ukpanel-zsav-\(k)"
            thread.start()
        }
    }

    deinit { shared.cancel() }

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? { try shared.next() }

    var progress: (consumed: Int, total: Int?) { shared.lock.withLock { (shared.consumedBytes, shared.totalBytes) } }

    func skipAhead(_ count: Int) -> Bool { false }

    private final class Shared: @unchecked Sendable {
        let lock = ConditionLock()
        let path: String
        let file: String
        let layout: ZSAVLayout
        let depth: Int
        let storage: RawBuffer
        /// The block each slot holds (ready), or -1.
        var ready: [Int]
        var nextToStart = 0
        /// The block the reader takes next; blocks before it are released.
        var nextToRead = 0
        var holding = false
        var failure: SurveyError?
        var cancelled = false
        var running: Int
        var consumedBytes = 0
        let totalBytes: Int

        init(path: String, file: String, layout: ZSAVLayout, depth: Int, workers: Int) {
            self.path = path
            self.file = file
            self.layout = layout
            self.depth = depth
            storage = RawBuffer(byteCount: depth * layout.blockSize, alignment: 64)
            ready = Array(repeating: -1, count: depth)
            running = workers
            totalBytes = layout.blocks.last.map { $0.compressedOffset + $0.compressedSize } ?? 0
        }

        func slot(_ block: Int) -> UnsafeMutableRawPointer { storage.baseAddress + (block % depth) * layout.blockSize }

        func work() {
            defer {
                lock.withLock {
                    running -= 1
                    lock.broadcast()
                }
            }
            let inflater: ZlibBlockInflater
            let source: FileByteSource
            do {
                inflater = try ZlibBlockInflater(file: file)
                source = try FileByteSource(path: path, displayName: file)
            } catch {
                fail(error)
                return
            }
            while true {
                let claimed: Int? = lock.withLock {
                    while !cancelled && failure == nil && nextToStart < layout.blocks.count
                        && nextToStart >= nextToRead + depth
                    {
                        lock.wait()
                    }
                    guard !cancelled, failure == nil, nextToStart < layout.blocks.count else { return nil }
                    defer { nextToStart += 1 }
                    return nextToStart
                }
                guard let index = claimed else { return }
                let block = layout.blocks[index]
                do throws(SurveyError) {
                    let compressed = try source.readExactly(count: block.compressedSize, at: block.compressedOffset)
                    let outcome: Result<Void, SurveyError> = compressed.withUnsafeBytes { raw in
                        do throws(SurveyError) {
                            try inflater.inflate(
                                raw, into: slot(index), size: block.inflatedSize, block: index,
                                offset: block.compressedOffset)
                            return .success(())
                        } catch { return .failure(error) }
                    }
                    try outcome.get()
                } catch {
                    fail(error)
                    return
                }
                lock.withLock {
                    ready[index % depth] = index
                    lock.broadcast()
                }
            }
        }

        func fail(_ error: SurveyError) {
            lock.withLock {
                if failure == nil { failure = error }
                lock.broadcast()
            }
        }

        func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
            let result: Result<Int?, SurveyError> = lock.withLock {
                if holding {
                    ready[nextToRead % depth] = -1
                    consumedBytes += layout.blocks[nextToRead].compressedSize
                    nextToRead += 1
                    holding = false
                    lock.broadcast()
                }
                guard nextToRead < layout.blocks.count else { return .success(nil) }
                while ready[nextToRead % depth] != nextToRead && failure == nil { lock.wait() }
                if let failure { return .failure(failure) }
                holding = true
                return .success(nextToRead)
            }
            guard let index = try result.get() else { return nil }
            return UnsafeRawBufferPointer(start: slot(index), count: layout.blocks[index].inflatedSize)
        }

        func cancel() {
            lock.withLock {
                cancelled = true
                lock.broadcast()
                while running > 0 { lock.wait() }
            }
        }
    }
}

/// A `.zsav` file's blocks inflated one after another on the calling thread, for a zsav
/// that is itself compressed (gzip, a zip member) and so cannot be read by offset.
final class SequentialZSAVBlocks: ChunkSource {
    private let cursor: ChunkCursor
    private let layout: ZSAVLayout
    private let inflater: ZlibBlockInflater
    private let buffer: RawBuffer
    private var index = 0

    /// Blocks read through `cursor`, which is at the first block.
    init(cursor: ChunkCursor, layout: ZSAVLayout) throws(SurveyError) {
        self.cursor = cursor
        self.layout = layout
        inflater = try ZlibBlockInflater(file: cursor.file)
        buffer = RawBuffer(byteCount: layout.blockSize)
    }

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
        guard index < layout.blocks.count else { return nil }
        let block = layout.blocks[index]
        try cursor.skip(block.compressedOffset - cursor.offset, "the gap before zsav block \(index + 1)")
        let compressed = try cursor.take(block.compressedSize, "zsav block \(index + 1)")
        try inflater.inflate(
            compressed, into: buffer.baseAddress, size: block.inflatedSize, block: index,
            offset: block.compressedOffset)
        index += 1
        return UnsafeRawBufferPointer(start: buffer.baseAddress, count: block.inflatedSize)
    }

    var progress: (consumed: Int, total: Int?) { cursor.progress }

    func skipAhead(_ count: Int) -> Bool { false }
}
