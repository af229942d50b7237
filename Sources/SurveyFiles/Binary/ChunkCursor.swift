/// Reads a binary file's bytes in order, handing out contiguous pieces of any size
/// (assembled in a scratch buffer when a piece spans chunks), with the absolute byte
/// offset of every piece for error messages.
///
/// A piece is valid until the next call. Pieces are bounded (`maxPiece`), so no size
/// read from a file can make the cursor allocate without limit.
final class ChunkCursor {
    /// The file, for messages.
    let file: String
    private let source: any ChunkSource
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    private var index = 0
    private var chunkStart = 0
    private var scratch: RawBuffer
    private var ended = false

    /// The largest piece handed out at once (a value-label table, a strL).
    static let maxPiece = 1 << 30

    /// A cursor at the start of `source`'s bytes, which are the file's from byte `offset` on
    /// (offsets in messages count from the file's start).
    init(file: String, source: any ChunkSource, startingAt offset: Int = 0) {
        self.file = file
        self.source = source
        chunkStart = offset
        scratch = RawBuffer(byteCount: 4096)
    }

    /// A cursor reading `input` on the calling thread.
    convenience init(input: DataInput, options: ReadOptions) throws(SurveyError) {
        self.init(file: input.description, source: try OpenedChunks(input, options: options, pipelined: false).source)
    }

    /// A cursor reading `input` on the calling thread from byte `offset` of its (decompressed)
    /// bytes: a plain file is read there by offset; a compressed one is inflated up to it.
    convenience init(input: DataInput, options: ReadOptions, at offset: Int) throws(SurveyError) {
        try self.init(input: input, options: options)
        try skip(offset, "the bytes before byte \(offset)")
    }

    /// The absolute offset of the next byte.
    var offset: Int { chunkStart + index }

    /// File bytes consumed and the file's size, for progress.
    var progress: (consumed: Int, total: Int?) { source.progress }

    /// Whether bytes remain (fetching the next chunk when the current one is used up).
    func hasMore() throws(SurveyError) -> Bool {
        while index == chunk.count {
            if ended { return false }
            chunkStart += chunk.count
            index = 0
            guard let next = try source.next() else {
                chunk = UnsafeRawBufferPointer(start: nil, count: 0)
                ended = true
                return false
            }
            chunk = next
        }
        return true
    }

    /// The next `count` bytes, contiguous.
    ///
    /// - Throws: `.truncated` naming `what` when the file ends first; `.corrupt` when
    ///   `count` is negative or larger than `maxPiece`.
    func take(_ count: Int, _ what: @autoclosure () -> String) throws(SurveyError) -> UnsafeRawBufferPointer {
        if count <= chunk.count - index, count >= 0 {
            let piece = UnsafeRawBufferPointer(rebasing: chunk[index..<(index + count)])
            index += count
            return piece
        }
        guard count >= 0, count <= Self.maxPiece else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: offset,
                reason: "\(what()) claims \(count) bytes, more than any real file holds: the file is damaged")
        }
        // The scratch grows with the bytes that arrive, not with the size the file claims.
        var filled = 0
        let start = offset
        while filled < count {
            guard try hasMore() else {
                throw SurveyError(
                    .truncated, file: file, byteOffset: offset,
                    reason:
                        "file ends inside \(what()) (\(count - filled) of \(count) bytes from byte \(start) missing)")
            }
            let k = min(count - filled, chunk.count - index)
            if filled + k > scratch.count {
                let bigger = RawBuffer(byteCount: max(filled + k, min(count, 2 * scratch.count)))
                bigger.baseAddress.copyMemory(from: scratch.baseAddress, byteCount: filled)
                scratch = bigger
            }
            if let from = chunk.baseAddress {
                (scratch.baseAddress + filled).copyMemory(from: from + index, byteCount: k)
            }
            filled += k
            index += k
        }
        return UnsafeRawBufferPointer(start: scratch.baseAddress, count: count)
    }

    /// The next `count` bytes when the current chunk holds them (no copy, no call into the
    /// general path), else `nil`: the fast path of a hot loop, which falls back on `take`.
    @inline(__always)
    func takeInPlace(_ count: Int) -> UnsafeRawPointer? {
        guard chunk.count - index >= count, let base = chunk.baseAddress else { return nil }
        defer { index += count }
        return UnsafeRawPointer(base + index)
    }

    /// The unsigned integer in the next `bytes` bytes (1–8), in `order`.
    func unsigned(_ bytes: Int, _ order: ByteOrder, _ what: @autoclosure () -> String) throws(SurveyError) -> UInt64 {
        try take(bytes, what()).unsigned(at: 0, bytes: bytes, order)
    }

    /// Passes over `count` bytes (without reading them from a plain file).
    ///
    /// - Throws: `.truncated` naming `what` when the file ends first.
    func skip(_ count: Int, _ what: @autoclosure () -> String) throws(SurveyError) {
        guard count >= 0 else {
            throw SurveyError(.corrupt, file: file, byteOffset: offset, reason: "\(what()) runs backwards")
        }
        var left = count
        let inChunk = min(left, chunk.count - index)
        index += inChunk
        left -= inChunk
        if left > 0, !ended, source.skipAhead(left) {
            chunkStart += left
            return
        }
        while left > 0 {
            guard try hasMore() else {
                throw SurveyError(
                    .truncated, file: file, byteOffset: offset,
                    reason: "file ends inside \(what()) (\(left) of \(count) bytes missing)")
            }
            let k = min(left, chunk.count - index)
            index += k
            left -= k
        }
    }

    /// Reads `tag` (an ASCII marker such as `<data>`).
    ///
    /// - Throws: `.corrupt` naming the offset and what was found instead.
    func expect(_ tag: String) throws(SurveyError) {
        let bytes = Array(tag.utf8)
        let start = offset
        let found = try take(bytes.count, "the \(tag) marker")
        guard found.elementsEqual(bytes) else {
            let shown = String(decoding: found.prefix(32).map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self)
            throw SurveyError(
                .corrupt, file: file, byteOffset: start, reason: "expected \(tag) but found '\(shown)'",
                hint: "the file is damaged, or its section offsets are wrong")
        }
    }

    /// In a list of `open`-marked records ended by `close` (`<lbl>` … `</value_labels>`), whether
    /// another record follows (`open` read) or the list ends (`close` read); `open` is the shorter.
    ///
    /// - Throws: `.corrupt` naming the offset when neither comes next.
    func nextRecord(_ open: String, orEnd close: String, in what: String) throws(SurveyError) -> Bool {
        let start = offset
        let marker = try take(open.utf8.count, what)
        if marker.elementsEqual(open.utf8) { return true }
        if marker.elementsEqual(close.utf8.prefix(open.utf8.count)) {
            let rest = Array(close.utf8.dropFirst(open.utf8.count))
            let found = try take(rest.count, what)
            if found.elementsEqual(rest) { return false }
        }
        throw SurveyError(
            .corrupt, file: file, byteOffset: start, reason: "expected \(open) or \(close) in \(what)",
            hint: "the file is damaged")
    }

    /// Calls `body` with each of `count` fixed-width records in turn (pointing into the
    /// chunk, or into scratch when a record spans two chunks) and its index.
    ///
    /// - Throws: `.truncated` when the file ends inside a record, or what `body` throws.
    func forEachRecord(
        width: Int, count: Int, _ what: String, _ body: (UnsafeRawPointer, Int) throws -> Void
    ) throws {
        var done = 0
        guard width > 0 else {
            var none: UInt8 = 0
            try withUnsafeBytes(of: &none) { raw in
                guard let p = raw.baseAddress else { return }
                for r in 0..<count { try body(p, r) }
            }
            return
        }
        while done < count {
            let rest = chunk.count - index
            if rest >= width, let base = chunk.baseAddress {
                let k = min(rest / width, count - done)
                var p = base + index
                for r in done..<(done + k) {
                    try body(p, r)
                    p += width
                }
                index += k * width
                done += k
            } else {
                let record = try take(width, "\(what) \(done + 1) of \(count)")
                guard let p = record.baseAddress else { return }
                try body(p, done)
                done += 1
            }
        }
    }
}
