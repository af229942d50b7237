#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream, fed in arbitrary pieces, into lines ending in LF or CRLF.
///
/// A line that spans pieces is copied once into a carry buffer; every other line
/// is handed out in place. Line numbers are 1-based; byte offsets count from the
/// start of the (decompressed) stream.
public struct LineSplitter {
    private var carry: [UInt8] = []
    private var carryStart = 0
    /// The number of the next line to be handed out.
    public private(set) var nextLineNumber = 1
    /// Bytes fed so far.
    public private(set) var bytesFed = 0

    /// Creates a splitter at the start of a stream.
    public init() {}

    /// Feeds the next piece; calls `body` with each complete line (without its
    /// line ending), its 1-based number and the offset of its first byte.
    public mutating func feed<E: Error>(
        _ chunk: UnsafeRawBufferPointer,
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int) throws(E) -> Void
    ) throws(E) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let chunkOffset = bytesFed
        bytesFed += chunk.count
        var start = 0
        let end = chunk.count
        if !carry.isEmpty {
            // Finish the line carried over from the previous piece.
            guard let newline = memchr(base, 0x0A, end) else {
                carry.append(contentsOf: chunk)
                return
            }
            let length = base.distance(to: UnsafeRawPointer(newline))
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
            let number = nextLineNumber
            nextLineNumber += 1
            try body(
                Self.trimCR(UnsafeRawBufferPointer(start: base + start, count: stop - start)), number,
                chunkOffset + start)
            start = stop + 1
        }
        if start < end {
            carry.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
            carryStart = chunkOffset + start
        }
    }

    /// Ends the stream: a last line with no line ending is handed out.
    public mutating func finish<E: Error>(
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ offset: Int) throws(E) -> Void
    ) throws(E) {
        guard !carry.isEmpty else { return }
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
