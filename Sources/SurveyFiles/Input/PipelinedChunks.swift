import Foundation

/// Reads (and inflates) a `DataInput` on a background thread into a small ring
/// of fixed-size buffers, so that decompression on one core overlaps parsing on
/// the other. Memory is `depth × chunkSize` whatever the file's size.
///
/// Use from one consumer thread: call `next()` until it returns `nil`. The
/// buffer it returns stays valid until the following call.
public final class PipelinedChunks {
    private let shared: Shared

    /// Starts reading `input` in the background.
    ///
    /// - Parameters:
    ///   - input: the file or archive member.
    ///   - chunkSize: the size of each buffer (default 1 MiB).
    ///   - depth: how many buffers are in flight (default 4).
    ///   - limits: the decompression-bomb guard.
    public init(
        input: DataInput, chunkSize: Int = 1 << 20, depth: Int = 4, limits: DecompressionLimits = .standard
    ) {
        shared = Shared(chunkSize: max(chunkSize, 1), depth: max(depth, 2))
        let shared = self.shared
        let thread = Thread {
            shared.produce(input: input, limits: limits)
        }
        thread.name = "ukpanel-read"
        thread.start()
    }

    deinit { shared.cancel() }

    /// The next chunk of bytes, or `nil` at the end of the stream.
    ///
    /// - Throws: the error the reading thread met (file, byte offset and reason).
    public func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
        try shared.next()
    }

    /// Compressed (file) bytes consumed so far and the file's size, for progress.
    public var progress: (consumed: Int, total: Int?) { shared.progress }

    /// State shared with the reading thread.
    private final class Shared: @unchecked Sendable {
        let lock = ConditionLock()
        /// The ring's memory, one owner for all the buffers.
        let storage: RawBuffer
        /// The buffers: views into `storage`.
        let buffers: [UnsafeMutableRawBufferPointer]
        var free: [Int]
        var filled: [(index: Int, count: Int)] = []
        var head = 0
        var held: Int?
        var ended = false
        var failure: SurveyError?
        var cancelled = false
        var consumed = 0
        var total: Int?
        var producerDone = false

        init(chunkSize: Int, depth: Int) {
            storage = RawBuffer(byteCount: chunkSize * depth, alignment: 64)
            let base = storage.baseAddress
            buffers = (0..<depth).map { i in
                UnsafeMutableRawBufferPointer(start: base + i * chunkSize, count: chunkSize)
            }
            free = Array(0..<depth)
        }

        var progress: (consumed: Int, total: Int?) {
            lock.withLock { (consumed, total) }
        }

        func produce(input: DataInput, limits: DecompressionLimits) {
            defer {
                lock.withLock {
                    producerDone = true
                    lock.broadcast()
                }
            }
            let source: ByteSource
            do {
                source = try input.open(limits: limits)
            } catch {
                lock.withLock {
                    failure = error
                    lock.broadcast()
                }
                return
            }
            lock.withLock { total = source.totalBytes }
            while true {
                let index: Int? = lock.withLock {
                    while free.isEmpty && !cancelled { lock.wait() }
                    return cancelled ? nil : free.removeLast()
                }
                guard let index else { return }
                do {
                    let count = try source.readFully(into: buffers[index])
                    let consumedNow = source.bytesConsumed
                    let last = count < buffers[index].count
                    lock.withLock {
                        consumed = consumedNow
                        if count > 0 { filled.append((index, count)) } else { free.append(index) }
                        if last { ended = true }
                        lock.broadcast()
                    }
                    if last { return }
                } catch {
                    lock.withLock {
                        failure = error
                        lock.broadcast()
                    }
                    return
                }
            }
        }

        func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
            let result: Result<(Int, Int)?, SurveyError> = lock.withLock {
                if let held {
                    free.append(held)
                    self.held = nil
                    lock.broadcast()
                }
                while head == filled.count && !ended && failure == nil { lock.wait() }
                if head < filled.count {
                    let item = filled[head]
                    head += 1
                    if head == filled.count {
                        filled.removeAll(keepingCapacity: true)
                        head = 0
                    }
                    held = item.index
                    return .success((item.index, item.count))
                }
                if let failure { return .failure(failure) }
                return .success(nil)
            }
            guard let (index, count) = try result.get() else { return nil }
            return UnsafeRawBufferPointer(rebasing: buffers[index][0..<count])
        }

        func cancel() {
            lock.withLock {
                cancelled = true
                lock.broadcast()
                // Wait for the reader so the buffers are not freed under it.
                while !producerDone { lock.wait() }
            }
        }
    }
}
