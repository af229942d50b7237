#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream, fed in arbitrary pieces, into lines ending in LF or CRLF.
///
/// A line that spans pieces is copied once into a carry buffer; every other line
/// is handed out in place. Line numbers are 1-based; byte offsets count from the
/// start of the (decompressed) stream. A line longer than its limit is not held: the splitter
/// stops and records it in `overlong`, which the caller turns into an error.
public struct LineSplitter {
    private var carry: [UInt8] = []
    private var carryStart = 0
    /// The number of the next line to be handed out.
    public private(set) var nextLineNumber = 1
    /// Bytes fed so far.
    public private(set) var bytesFed = 0
    /// The longest first line (a header) and the longest other line.
    let maxFirstLineBytes: Int
    let maxLineBytes: Int

    /// A line over its limit: its number, the offset of its first byte and the limit. Once set,
    /// the splitter hands out nothing more.
    public private(set) var overlong: (number: Int, offset: Int, limit: Int)?

    /// Creates a splitter at the start of a stream, with no limit on line length.
    public init() {
        self.init(maxFirstLineBytes: .max, maxLineBytes: .max)
    }

    /// Creates a splitter whose first line may hold `maxFirstLineBytes` and every other `maxLineBytes`.
    public init(maxFirstLineBytes: Int, maxLineBytes: Int) {
        self.maxFirstLineBytes = maxFirstLineBytes
        self.maxLineBytes = maxLineBytes
    }

    /// Whether a line now `length` bytes long, starting at `offset`, is over its limit (recording it).
    private mutating func exceeds(_ length: Int, offset: Int) -> Bool {
        let limit = nextLineNumber == 1 ? maxFirstLineBytes : maxLineBytes
        guard length > limit else { return false }
        overlong = (nextLineNumber, offset, limit)
        carry = []
        return true
    }

    /// Feeds the next piece; calls `body` with each complete line (without its
    /// line ending), its 1-based number and the offset of its first byte.
    public mutating func feed<E: Error>(
        _ chunk: UnsafeRawBufferPointer,
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int) throws(E) -> Void
    ) throws(E) {
        guard overlong == nil, let base = chunk.baseAddress, chunk.count > 0 else { return }
        let chunkOffset = bytesFed
        bytesFed += chunk.count
        var start = 0
        let end = chunk.count
        if !carry.isEmpty {
            // Finish the line carried over from the previous piece.
            guard let newline = memchr(base, 0x0A, end) else {
                if exceeds(carry.count + end, offset: carryStart) { return }
                carry.append(contentsOf: chunk)
                return
            }
            let length = base.distance(to: UnsafeRawPointer(newline))
            if exceeds(carry.count + length, offset: carryStart) { return }
            carry.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
            let number = nextLineNumber
            nextLineNumber += 1
            try Self.withBytes(carry) { (line) throws(E) in try body(Self.trimCR(line), number, carryStart) }
            carry.removeAll(keepingCapacity: true)
            carryStart = 0
            start = length + 1
        }
        while start < end {
            guard let newline = memchr(base + start, 0x0A, end - start) else { break }
            let stop = base.distance(to: UnsafeRawPointer(newline))
            if exceeds(stop - start, offset: chunkOffset + start) { return }
            let number = nextLineNumber
            nextLineNumber += 1
            try body(
                Self.trimCR(UnsafeRawBufferPointer(start: base + start, count: stop - start)), number,
                chunkOffset + start)
            start = stop + 1
        }
        if start < end {
            if exceeds(end - start, offset: chunkOffset + start) { return }
            carry.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
            carryStart = chunkOffset + start
        }
    }

    /// Ends the stream: a last line with no line ending is handed out.
    public mutating func finish<E: Error>(
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int) throws(E) -> Void
    ) throws(E) {
        guard overlong == nil, !carry.isEmpty else { return }
        let number = nextLineNumber
        nextLineNumber += 1
        let offset = carryStart
        try Self.withBytes(carry) { (line) throws(E) in try body(Self.trimCR(line), number, offset) }
        carry.removeAll(keepingCapacity: true)
        carryStart = 0
    }

    /// `withUnsafeBytes` with a typed error.
    private static func withBytes<E: Error>(
        _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let result: Result<Void, E> = bytes.withUnsafeBytes { raw in
            do throws(E) {
                try body(raw)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }

    @inline(__always)
    static func trimCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let last = line.last, last == 0x0D {
            return UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)])
        }
        return line
    }
}
