import CZlib

/// Inflates a gzip stream (any number of concatenated members) or a raw deflate
/// stream (a zip member) read from another source.
///
/// The `z_stream` lives at a fixed heap address for the life of the source, as
/// zlib requires, owned by a `ZlibStream` that releases it exactly once.
public final class InflatingByteSource: ByteSource {
    /// The framing around the deflate data.
    public enum Format: Sendable {
        /// RFC 1952 gzip, members concatenated back to back (as `cat a.gz b.gz` makes).
        case gzip
        /// RFC 1951 raw deflate, as in a zip member, with the size and CRC-32 the archive declares.
        case rawDeflate(expectedSize: Int, expectedCRC: UInt32)
    }

    private let upstream: ByteSource
    private let format: Format
    private let name: String
    private let limits: DecompressionLimits
    private let zlib: ZlibStream
    private let inputBuffer: RawBuffer
    private var upstreamEnded = false
    private var finished = false
    private var produced = 0
    private var crc: UInt32 = 0
    private var memberCount = 0

    /// Wraps `upstream`.
    ///
    /// - Parameters:
    ///   - upstream: the compressed bytes.
    ///   - format: gzip or raw deflate.
    ///   - name: the file named in errors.
    ///   - limits: the decompression-bomb guard.
    ///   - inputBufferSize: how many compressed bytes are read at a time.
    public init(
        upstream: ByteSource, format: Format, name: String,
        limits: DecompressionLimits = .standard, inputBufferSize: Int = 256 << 10
    ) throws(SurveyError) {
        self.upstream = upstream
        self.format = format
        self.name = name
        self.limits = limits
        let windowBits: Int32
        switch format {
        case .gzip: windowBits = 15 + 16
        case .rawDeflate: windowBits = -15
        }
        self.zlib = try ZlibStream(.inflate(windowBits: windowBits), name: name)
        self.inputBuffer = RawBuffer(byteCount: inputBufferSize)
    }

    /// The zlib stream (owned by `zlib`).
    private var stream: UnsafeMutablePointer<z_stream> { zlib.pointer }

    public var bytesConsumed: Int { upstream.bytesConsumed - Int(stream.pointee.avail_in) }
    public var totalBytes: Int? { upstream.totalBytes }

    /// The offset in the compressed file of the next byte zlib will read.
    private var compressedOffset: Int { bytesConsumed }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        guard !finished, buffer.count > 0, let outBase = buffer.baseAddress else { return 0 }
        stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: buffer.count)
        let outCapacity = Int(stream.pointee.avail_out)
        while true {
            if stream.pointee.avail_in == 0 && !upstreamEnded {
                try refill()
            }
            let status = inflate(stream, Z_NO_FLUSH)
            let count = outCapacity - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if count > 0 { return try account(outBase, count) }
                if stream.pointee.avail_in == 0 && upstreamEnded {
                    throw SurveyError(
                        .truncated, file: name, byteOffset: compressedOffset,
                        reason: "compressed data ends in the middle of a stream (file truncated?)")
                }
                if status == Z_BUF_ERROR && stream.pointee.avail_in > 0 {
                    throw corruption("zlib made no progress")
                }
            case Z_STREAM_END:
                memberCount += 1
                let n = count > 0 ? try account(outBase, count) : 0
                try endOfMember()
                if finished || n > 0 { return n }
            case Z_NEED_DICT:
                throw corruption("stream needs a preset dictionary, which survey files never use")
            case Z_MEM_ERROR:
                throw SurveyError(
                    .ioFailure, file: name, byteOffset: compressedOffset, reason: "zlib ran out of memory")
            default:
                throw corruption(zlibMessage(default: "corrupt compressed data (zlib status \(status))"))
            }
        }
    }

    private func refill() throws(SurveyError) {
        let n = try upstream.read(into: inputBuffer.bytes)
        if n == 0 {
            upstreamEnded = true
        }
        stream.pointee.next_in = inputBuffer.baseAddress.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
    }

    /// Counts produced bytes against the limits and the CRC.
    private func account(_ base: UnsafeMutableRawPointer, _ count: Int) throws(SurveyError) -> Int {
        produced += count
        if case .rawDeflate = format {
            crc = UInt32(crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(count)))
        }
        if produced > limits.maxOutputBytes {
            throw SurveyError(
                .decompressionLimit, file: name, byteOffset: compressedOffset,
                reason: "inflates to more than \(limits.maxOutputBytes) bytes",
                hint: "raise the limit if this file is genuine (--max-inflated-size)")
        }
        if produced > limits.ratioGraceBytes && produced / max(compressedOffset, 1) > limits.maxRatio {
            throw SurveyError(
                .decompressionLimit, file: name, byteOffset: compressedOffset,
                reason: "inflates more than \(limits.maxRatio):1, which survey files never do (a decompression bomb?)")
        }
        return count
    }

    /// At the end of a deflate stream: a zip member is done; a gzip file may hold another member.
    private func endOfMember() throws(SurveyError) {
        switch format {
        case .rawDeflate:
            finished = true
            try verifyRawMember()
        case .gzip:
            // Look at what follows: nothing (done), zero padding (done), or another member.
            while true {
                if stream.pointee.avail_in == 0 {
                    if upstreamEnded {
                        finished = true
                        return
                    }
                    try refill()
                    if stream.pointee.avail_in == 0 {
                        finished = true
                        return
                    }
                }
                guard let next = stream.pointee.next_in else {
                    finished = true
                    return
                }
                let available = Int(stream.pointee.avail_in)
                if next[0] == 0 {
                    // Trailing zero padding (tape-style blocks): accept it only if it is all zeros.
                    var i = 0
                    while i < available && next[i] == 0 { i += 1 }
                    if i < available { throw corruption("bytes after zero padding at the end of the gzip data") }
                    stream.pointee.next_in = next + available
                    stream.pointee.avail_in = 0
                    continue
                }
                if next[0] != 0x1f {
                    throw corruption("data after the end of gzip member \(memberCount) is not another gzip member")
                }
                inflateReset(stream)
                return
            }
        }
    }

    /// Checks a zip member's size and CRC once its deflate stream has ended.
    private func verifyRawMember() throws(SurveyError) {
        guard case .rawDeflate(let expectedSize, let expectedCRC) = format else { return }
        if produced != expectedSize {
            throw SurveyError(
                .corrupt, file: name, byteOffset: compressedOffset,
                reason: "inflated to \(produced) bytes but the archive says \(expectedSize)")
        }
        if crc != expectedCRC {
            throw SurveyError(
                .corrupt, file: name, byteOffset: compressedOffset,
                reason: "CRC-32 mismatch: data is corrupt (\(hex(crc)) read, \(hex(expectedCRC)) expected)")
        }
    }

    private func corruption(_ reason: String) -> SurveyError {
        SurveyError(.corrupt, file: name, byteOffset: compressedOffset, reason: reason)
    }

    private func zlibMessage(default text: String) -> String {
        guard let message = stream.pointee.msg else { return text }
        return "corrupt compressed data: \(String(cString: message))"
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
