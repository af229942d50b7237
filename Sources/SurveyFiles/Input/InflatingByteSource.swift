import CZlib

/// Inflates a gzip stream (any number of concatenated members) or a raw deflate
/// stream (a zip member) read from another source, with ISA-L (the default) or zlib
/// (`DecompressionLimits.inflater`), behind one `DeflateDecoder`: the two give the same
/// bytes, the same checks (each gzip member's CRC-32 and size; a zip member's size and
/// CRC-32 against the archive's) and errors at the same byte offsets.
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
    private let decoder: any DeflateDecoder
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
        decoder = try makeDeflateDecoder(format, inflater: limits.inflater, name: name)
        self.inputBuffer = RawBuffer(byteCount: inputBufferSize)
    }

    public var bytesConsumed: Int { upstream.bytesConsumed - decoder.remainingInput.count - decoder.bufferedInput }
    public var totalBytes: Int? { upstream.totalBytes }

    /// The offset in the compressed file of the next byte the decoder will read.
    private var compressedOffset: Int { bytesConsumed }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        guard !finished, buffer.count > 0, let outBase = buffer.baseAddress else { return 0 }
        let out = UnsafeMutableRawBufferPointer(start: outBase, count: min(buffer.count, Int(UInt32.max)))
        while true {
            if decoder.remainingInput.isEmpty && !upstreamEnded {
                try refill()
            }
            switch decoder.inflate(into: out) {
            case .progress(let count):
                if count > 0 { return try account(outBase, count) }
                if decoder.remainingInput.isEmpty && upstreamEnded {
                    throw SurveyError(
                        .truncated, file: name, byteOffset: compressedOffset,
                        reason: "compressed data ends in the middle of a stream (file truncated?)")
                }
            case .end(let count):
                memberCount += 1
                let n = count > 0 ? try account(outBase, count) : 0
                try endOfMember()
                if finished || n > 0 { return n }
            case .failed(let reason):
                throw corruption(reason)
            }
        }
    }

    private func refill() throws(SurveyError) {
        let n = try upstream.read(into: inputBuffer.bytes)
        if n == 0 {
            upstreamEnded = true
        }
        decoder.setInput(inputBuffer.baseAddress, count: n)
    }

    /// Counts produced bytes against the limits and the CRC.
    private func account(_ base: UnsafeMutableRawPointer, _ count: Int) throws(SurveyError) -> Int {
        produced += count
        if case .rawDeflate = format, decoder.outputCRC == nil {
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
                if decoder.remainingInput.isEmpty {
                    if upstreamEnded {
                        finished = true
                        return
                    }
                    try refill()
                    if decoder.remainingInput.isEmpty {
                        finished = true
                        return
                    }
                }
                let next = decoder.remainingInput
                if next[0] == 0 {
                    // Trailing zero padding (tape-style blocks): accept it only if it is all zeros.
                    if next.contains(where: { $0 != 0 }) {
                        throw corruption("bytes after zero padding at the end of the gzip data")
                    }
                    if let base = next.baseAddress { decoder.setInput(UnsafeMutableRawPointer(mutating: base + next.count), count: 0) }
                    continue
                }
                if next[0] != 0x1f {
                    throw corruption("data after the end of gzip member \(memberCount) is not another gzip member")
                }
                decoder.reset()
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
        let crc = decoder.outputCRC ?? self.crc
        if crc != expectedCRC {
            throw SurveyError(
                .corrupt, file: name, byteOffset: compressedOffset,
                reason: "CRC-32 mismatch: data is corrupt (\(hex(crc)) read, \(hex(expectedCRC)) expected)")
        }
    }

    private func corruption(_ reason: String) -> SurveyError {
        SurveyError(.corrupt, file: name, byteOffset: compressedOffset, reason: reason)
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
