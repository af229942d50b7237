import Foundation

/// Fills one block of a stream into memory: one per worker thread of `ParallelBlocks`, so it
/// may keep state of its own (an open file, an inflater) without locks.
protocol BlockFiller {
    /// Writes block `index` (exactly the plan's size of it) at `out`.
    func fill(_ index: Int, into out: UnsafeMutableRawPointer) throws(SurveyError)
}

/// A stream's bytes as numbered blocks filled ahead of the reader by `workers` threads into a
/// ring of `depth` slots, and handed out in order: the workers read (or inflate) on both cores
/// while the reader decodes. Memory is `depth × plan.capacity` whatever the stream's size.
///
/// Use from one consumer thread; a block handed out stays valid until the following `next()`.
final class ParallelBlocks: ChunkSource {
    /// How the stream divides into blocks.
    struct Plan: Sendable {
        /// The number of blocks.
        var count: Int
        /// The largest block's size (a ring slot's size).
        var capacity: Int
        /// Block `i`'s size in the stream.
        var size: @Sendable (Int) -> Int
        /// The file bytes block `i` is read from (for progress).
        var fileBytes: @Sendable (Int) -> Int
        /// The file's bytes (for progress).
        var totalFileBytes: Int
        /// The file's bytes before the first block (counted as read, for progress).
        var bytesBefore = 0
    }

    private let shared: Shared

    /// Starts `workers` threads (named `name`-k), each filling blocks with the filler
    /// `makeFiller` gives it.
    init(
        plan: Plan, workers: Int = 2, depth: Int = 4, name: String,
        makeFiller: @escaping @Sendable () throws(SurveyError) -> any BlockFiller
    ) {
        let workers = max(workers, 1)
        shared = Shared(plan: plan, depth: max(depth, workers + 1), workers: workers)
        let shared = self.shared
        for k in 0..<workers {
            let thread = Thread { shared.work(makeFiller) }
            thread.name = "\(name)-\(k)"
            thread.start()
        }
    }

    deinit { shared.cancel() }

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? { try shared.next() }

    var progress: (consumed: Int, total: Int?) {
        shared.lock.withLock { (shared.consumedBytes, shared.plan.totalFileBytes) }
    }

    func skipAhead(_ count: Int) -> Bool { false }

    private final class Shared: @unchecked Sendable {
        let lock = ConditionLock()
        let plan: Plan
        let depth: Int
        let storage: RawBuffer
        /// The block each slot holds (ready), or -1.
        var ready: [Int]
        var nextToStart = 0
        /// The block the reader takes next; blocks before it are released.
        var nextToRead = 0
        var holding = false
        /// The earliest block that could not be filled, and why. Blocks before it are still filled
        /// and handed out; none after it is started.
        var failure: (block: Int, error: SurveyError)?
        var cancelled = false
        var running: Int
        var consumedBytes: Int

        init(plan: Plan, depth: Int, workers: Int) {
            self.plan = plan
            consumedBytes = plan.bytesBefore
            self.depth = depth
            storage = RawBuffer(byteCount: depth * max(plan.capacity, 1), alignment: 64)
            ready = Array(repeating: -1, count: depth)
            running = workers
        }

        func slot(_ block: Int) -> UnsafeMutableRawPointer { storage.baseAddress + (block % depth) * plan.capacity }

        func work(_ makeFiller: () throws(SurveyError) -> any BlockFiller) {
            defer {
                lock.withLock {
                    running -= 1
                    lock.broadcast()
                }
            }
            let filler: any BlockFiller
            do {
                filler = try makeFiller()
            } catch {
                // This worker fills nothing: the error stands for the next block no one has started.
                fail(error, at: lock.withLock { nextToStart })
                return
            }
            while true {
                let claimed: Int? = lock.withLock {
                    while !cancelled && mayStart(nextToStart) && nextToStart >= nextToRead + depth {
                        lock.wait()
                    }
                    guard !cancelled, mayStart(nextToStart) else { return nil }
                    defer { nextToStart += 1 }
                    return nextToStart
                }
                guard let index = claimed else { return }
                do {
                    try filler.fill(index, into: slot(index))
                } catch {
                    fail(error, at: index)
                    return
                }
                lock.withLock {
                    ready[index % depth] = index
                    lock.broadcast()
                }
            }
        }

        /// Whether block `index` is one to fill: in the stream, and before any that failed. (Under the lock.)
        func mayStart(_ index: Int) -> Bool {
            index < plan.count && index < (failure?.block ?? Int.max)
        }

        /// Records that block `index` could not be filled; the earliest such block's error is the one
        /// the reader gets, when it reaches that block, whichever worker failed first.
        func fail(_ error: SurveyError, at index: Int) {
            lock.withLock {
                if index < (failure?.block ?? Int.max) { failure = (index, error) }
                lock.broadcast()
            }
        }

        /// The error to give the reader waiting for block `index`, once there is one: the failed block's
        /// when the reader has reached it, or any when no worker is left to fill the block. (Under the lock.)
        func failureFor(_ index: Int) -> SurveyError? {
            guard let failure, failure.block <= index || running == 0 else { return nil }
            return failure.error
        }

        func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
            let result: Result<Int?, SurveyError> = lock.withLock {
                if holding {
                    ready[nextToRead % depth] = -1
                    consumedBytes += plan.fileBytes(nextToRead)
                    nextToRead += 1
                    holding = false
                    lock.broadcast()
                }
                guard nextToRead < plan.count else { return .success(nil) }
                while ready[nextToRead % depth] != nextToRead && failureFor(nextToRead) == nil { lock.wait() }
                // Every block before the one that could not be filled is handed out; its error comes
                // when the reader reaches it.
                if ready[nextToRead % depth] != nextToRead, let failure = failureFor(nextToRead) {
                    return .failure(failure)
                }
                holding = true
                return .success(nextToRead)
            }
            guard let index = try result.get() else { return nil }
            return UnsafeRawBufferPointer(start: slot(index), count: plan.size(index))
        }

        func cancel() {
            lock.withLock {
                cancelled = true
                lock.broadcast()
                // Wait for the workers so the ring is not freed under them.
                while running > 0 { lock.wait() }
            }
        }
    }
}

extension ParallelBlocks {
    /// The bytes `range` of a file stored as it is (a plain file, or a stored zip member: offsets
    /// in the member) of `fileSize` bytes, read in `blockSize` blocks by two threads, each with its
    /// own descriptor.
    ///
    /// - Throws: nothing here; a file that cannot be opened, or ends before `range` does, is
    ///   the error of the first `next()` that reaches it (`.truncated` with the byte offset).
    static func storedFile(
        _ input: DataInput, range: Range<Int>, fileSize: Int, blockSize: Int = 1 << 20,
        limits: DecompressionLimits
    ) -> ParallelBlocks {
        let blockSize = max(blockSize, 1)
        let length = range.count
        let count = (length + blockSize - 1) / blockSize
        let size: @Sendable (Int) -> Int = { i in min(blockSize, length - i * blockSize) }
        let plan = Plan(
            count: count, capacity: blockSize, size: size, fileBytes: size, totalFileBytes: fileSize,
            bytesBefore: range.lowerBound)
        return ParallelBlocks(plan: plan, name: "ukpanel-read") { () throws(SurveyError) -> any BlockFiller in
            guard let file = try input.open(limits: limits) as? FileByteSource else {
                throw SurveyError(
                    .ioFailure, file: input.description, reason: "is compressed: it cannot be read by offset")
            }
            return StoredBlockFiller(file: file, start: range.lowerBound, blockSize: blockSize, size: size)
        }
    }
}

/// Reads blocks of a stored file by offset, on one worker's own descriptor.
private struct StoredBlockFiller: BlockFiller {
    let file: FileByteSource
    let start: Int
    let blockSize: Int
    let size: (Int) -> Int

    func fill(_ index: Int, into out: UnsafeMutableRawPointer) throws(SurveyError) {
        try file.read(into: UnsafeMutableRawBufferPointer(start: out, count: size(index)), at: start + index * blockSize)
    }
}
