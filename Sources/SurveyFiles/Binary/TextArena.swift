/// The text of one row of a binary file, as UTF-8, which that row's text cells point
/// into (a cell holds offsets, so the arena can grow mid-row). Reset for every row;
/// it grows only to the widest row seen.
struct TextArena: ~Copyable {
    private(set) var buffer: TypedBuffer<UInt8>
    private(set) var used = 0

    /// An arena with room for `capacity` bytes to begin with.
    init(capacity: Int) { buffer = TypedBuffer(repeating: 0, count: max(capacity, 16)) }

    /// The start of the row's text (valid until the next append).
    var base: UnsafePointer<UInt8> { UnsafePointer(buffer.pointer) }

    /// Starts a new row.
    mutating func reset() { used = 0 }

    /// Appends `text` (in `encoding`) as UTF-8, without trailing `trim` bytes when given; returns its cell.
    @inline(__always)
    mutating func append(_ text: UnsafeRawBufferPointer, encoding: TextEncoding, trim: UInt8? = nil) -> TableCell {
        var count = text.count
        if let trim { while count > 0 && text[count - 1] == trim { count -= 1 } }
        let piece = UnsafeRawBufferPointer(rebasing: text[0..<count])
        reserve(encoding == .utf8 ? count : 3 * count)
        let start = used
        used += encoding.transcode(piece, into: buffer.pointer + start)
        return .bytes(start: start, end: used)
    }

    /// Appends raw bytes (already UTF-8) without a cell, to build a value from several pieces.
    @inline(__always)
    mutating func appendRaw(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let from = bytes.baseAddress {
            (buffer.pointer + used).update(from: from.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        used += bytes.count
    }

    /// The cell of the bytes from `start` to the end.
    func cell(from start: Int) -> TableCell { .bytes(start: start, end: used) }

    /// Drops bytes past `end`.
    mutating func truncate(to end: Int) { used = min(used, max(end, 0)) }

    /// Removes trailing `byte`s back to `start`.
    mutating func trimEnd(from start: Int, _ byte: UInt8) {
        while used > start && buffer.pointer[used - 1] == byte { used -= 1 }
    }

    /// Re-encodes the bytes from `start` on (in `encoding`) as UTF-8 in place.
    mutating func transcodeEnd(from start: Int, _ encoding: TextEncoding) {
        guard encoding != .utf8 else { return }
        let raw = Array(UnsafeBufferPointer(start: buffer.pointer + start, count: used - start))
        used = start
        raw.withUnsafeBytes { bytes in
            reserve(3 * bytes.count)
            used += encoding.transcode(bytes, into: buffer.pointer + start)
        }
    }

    private mutating func reserve(_ extra: Int) {
        guard used + extra > buffer.count else { return }
        let bigger = TypedBuffer<UInt8>(repeating: 0, count: max(used + extra, 2 * buffer.count))
        bigger.pointer.update(from: buffer.pointer, count: used)
        buffer = bigger
    }
}
