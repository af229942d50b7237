import CZlib

/// Compresses what is written to it as gzip (or raw deflate, for a zip member)
/// into another sink.
public final class DeflatingSink: ByteSink {
    /// The framing.
    public enum Format: Sendable {
        /// An RFC 1952 gzip member.
        case gzip
        /// Raw RFC 1951 deflate (a zip member's data).
        case rawDeflate
    }

    private let downstream: ByteSink
    private let zlib: ZlibStream
    private let outputBuffer: RawBuffer
    private var finished = false
    /// Uncompressed bytes taken in.
    public private(set) var bytesIn = 0
    /// Compressed bytes given out.
    public private(set) var bytesOut = 0
    /// CRC-32 of the uncompressed bytes.
    public private(set) var crc: UInt32 = 0

    /// Compresses into `downstream` at `level` (1 fastest … 9 smallest; 6 is gzip's default).
    ///
    /// - Throws: `.unsupported` when zlib refuses the settings (a level outside 0-9).
    public init(downstream: ByteSink, format: Format = .gzip, level: Int32 = 6) throws(SurveyError) {
        self.downstream = downstream
        let windowBits: Int32 = format == .gzip ? 15 + 16 : -15
        zlib = try ZlibStream(.deflate(level: level, windowBits: windowBits), name: "(compressor)")
        outputBuffer = RawBuffer(byteCount: 256 << 10)
    }

    /// The zlib stream (owned by `zlib`).
    private var stream: UnsafeMutablePointer<z_stream> { zlib.pointer }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SurveyError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bytesIn += bytes.count
        crc = UInt32(crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    public func finish() throws(SurveyError) {
        guard !finished else { return }
        finished = true
        stream.pointee.avail_in = 0
        try pump(flush: Z_FINISH)
        try downstream.finish()
    }

    private func pump(flush: Int32) throws(SurveyError) {
        let outBase = outputBuffer.baseAddress
        let outCount = outputBuffer.count
        repeat {
            stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(outCount)
            let status = deflate(stream, flush)
            guard status != Z_STREAM_ERROR else {
                throw SurveyError(.outputFailure, file: "(compressor)", reason: "zlib deflate failed")
            }
            let produced = outCount - Int(stream.pointee.avail_out)
            if produced > 0 {
                bytesOut += produced
                try downstream.write(UnsafeRawBufferPointer(start: outBase, count: produced))
            }
            if flush == Z_FINISH && status == Z_STREAM_END { return }
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH)
    }
}
