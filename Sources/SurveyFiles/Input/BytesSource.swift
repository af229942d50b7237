/// Bytes in memory as a source, handed out at most `readLimit` at a time
/// (tests use small limits to split the stream at every boundary).
public final class BytesSource: ByteSource {
    private let bytes: [UInt8]
    private let readLimit: Int
    private var position = 0

    /// A source over `bytes`, giving at most `readLimit` bytes per read.
    public init(_ bytes: [UInt8], readLimit: Int = .max) {
        self.bytes = bytes
        self.readLimit = max(readLimit, 1)
    }

    public var bytesConsumed: Int { position }
    public var totalBytes: Int? { bytes.count }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        let n = min(buffer.count, readLimit, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { raw in
            guard let from = raw.baseAddress else { return }
            buffer.baseAddress?.copyMemory(from: from + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// A sink that keeps what is written in memory.
public final class BytesSink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether `finish()` was called.
    public private(set) var finished = false

    /// An empty sink.
    public init() {}

    public func write(_ data: UnsafeRawBufferPointer) throws(SurveyError) {
        bytes.append(contentsOf: data)
    }

    public func finish() throws(SurveyError) { finished = true }
}
