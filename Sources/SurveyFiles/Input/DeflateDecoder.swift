import CIsal
import CZlib

/// What one step of inflating did.
enum DecodeStep {
    /// Wrote this many bytes; the stream goes on.
    case progress(Int)
    /// Wrote this many bytes, and the stream (a gzip member, a raw deflate stream) ended, its
    /// checksum verified where its framing carries one.
    case end(Int)
    /// The data cannot be inflated, for this reason.
    case failed(String)
}

/// One deflate stream's decoder behind one interface: zlib's or ISA-L's. It reads the input it is
/// given (`setInput`) and keeps what it has not read (`remainingInput`); a gzip decoder checks each
/// member's trailer and, after `reset()`, reads the next member from the same input.
protocol DeflateDecoder: AnyObject {
    /// Gives the decoder `count` bytes at `base` to read.
    func setInput(_ base: UnsafeMutableRawPointer, count: Int)
    /// The input not read yet.
    var remainingInput: UnsafeRawBufferPointer { get }
    /// Bytes read from the input but not decoded yet (held in the decoder's bit buffer): an error's
    /// byte offset counts them as not read.
    var bufferedInput: Int { get }
    /// Inflates into `out`.
    func inflate(into out: UnsafeMutableRawBufferPointer) -> DecodeStep
    /// Starts on the next gzip member, keeping the input not read yet.
    func reset()
    /// The CRC-32 of the output, when the decoder computes it for a raw stream (ISA-L does); `nil`
    /// when the caller must.
    var outputCRC: UInt32? { get }
}

/// A decoder of `format` with `inflater`.
func makeDeflateDecoder(_ format: InflatingByteSource.Format, inflater: Inflater, name: String) throws(SurveyError)
    -> any DeflateDecoder
{
    switch inflater {
    case .isal: return IsalDecoder(format: format)
    case .zlib: return try ZlibDecoder(format: format, name: name)
    }
}

/// zlib's `inflate`, with the gzip wrapper checked (window bits 31) or raw (−15).
final class ZlibDecoder: DeflateDecoder {
    private let zlib: ZlibStream

    init(format: InflatingByteSource.Format, name: String) throws(SurveyError) {
        let windowBits: Int32
        switch format {
        case .gzip: windowBits = 15 + 16
        case .rawDeflate: windowBits = -15
        }
        zlib = try ZlibStream(.inflate(windowBits: windowBits), name: name)
    }

    private var stream: UnsafeMutablePointer<z_stream> { zlib.pointer }

    func setInput(_ base: UnsafeMutableRawPointer, count: Int) {
        stream.pointee.next_in = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(clamping: count)
    }

    var remainingInput: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: stream.pointee.next_in, count: Int(stream.pointee.avail_in))
    }

    func inflate(into out: UnsafeMutableRawBufferPointer) -> DecodeStep {
        guard let base = out.baseAddress else { return .progress(0) }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: out.count)
        let capacity = Int(stream.pointee.avail_out)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let count = capacity - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK: return .progress(count)
        case Z_BUF_ERROR:
            if count == 0 && stream.pointee.avail_in > 0 { return .failed("zlib made no progress") }
            return .progress(count)
        case Z_STREAM_END: return .end(count)
        case Z_NEED_DICT: return .failed("stream needs a preset dictionary, which survey files never use")
        case Z_MEM_ERROR: return .failed("zlib ran out of memory")
        default:
            guard let message = stream.pointee.msg else {
                return .failed("corrupt compressed data (zlib status \(status))")
            }
            return .failed("corrupt compressed data: \(String(cString: message))")
        }
    }

    func reset() { inflateReset(stream) }

    var bufferedInput: Int { 0 }

    var outputCRC: UInt32? { nil }
}

/// ISA-L's `isal_inflate`: the gzip wrapper parsed and its CRC-32 and size checked (`ISAL_GZIP`),
/// or a raw stream whose CRC-32 it computes (`ISAL_GZIP_NO_HDR`, for a zip member).
final class IsalDecoder: DeflateDecoder {
    private let state: IsalInflateState
    private let flag: UInt32

    init(format: InflatingByteSource.Format) {
        switch format {
        case .gzip: flag = UInt32(ISAL_GZIP)
        case .rawDeflate: flag = UInt32(ISAL_GZIP_NO_HDR)
        }
        state = IsalInflateState(flag: flag)
    }

    private var pointer: UnsafeMutablePointer<inflate_state> { state.pointer }

    func setInput(_ base: UnsafeMutableRawPointer, count: Int) {
        pointer.pointee.next_in = base.assumingMemoryBound(to: UInt8.self)
        pointer.pointee.avail_in = UInt32(clamping: count)
    }

    var remainingInput: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: pointer.pointee.next_in, count: Int(pointer.pointee.avail_in))
    }

    func inflate(into out: UnsafeMutableRawBufferPointer) -> DecodeStep {
        guard let base = out.baseAddress else { return .progress(0) }
        pointer.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
        pointer.pointee.avail_out = UInt32(clamping: out.count)
        let capacity = Int(pointer.pointee.avail_out)
        let status = isal_inflate(pointer)
        let count = capacity - Int(pointer.pointee.avail_out)
        switch status {
        case ISAL_DECOMP_OK, ISAL_END_INPUT, ISAL_OUT_OVERFLOW:
            return pointer.pointee.block_state == ISAL_BLOCK_FINISH ? .end(count) : .progress(count)
        case ISAL_INVALID_BLOCK: return .failed("corrupt compressed data: invalid deflate block")
        case ISAL_INVALID_SYMBOL: return .failed("corrupt compressed data: invalid deflate symbol")
        case ISAL_INVALID_LOOKBACK: return .failed("corrupt compressed data: invalid distance too far back")
        case ISAL_INVALID_WRAPPER: return .failed("corrupt compressed data: invalid gzip header")
        case ISAL_UNSUPPORTED_METHOD: return .failed("corrupt compressed data: unknown compression method")
        case ISAL_INCORRECT_CHECKSUM: return .failed("corrupt compressed data: incorrect data check (CRC-32 or size)")
        case ISAL_NEED_DICT: return .failed("stream needs a preset dictionary, which survey files never use")
        default: return .failed("corrupt compressed data (ISA-L status \(status))")
        }
    }

    func reset() {
        let next = pointer.pointee.next_in
        let available = pointer.pointee.avail_in
        isal_inflate_reset(pointer)
        pointer.pointee.crc_flag = flag
        pointer.pointee.next_in = next
        pointer.pointee.avail_in = available
    }

    var bufferedInput: Int { Int(max(pointer.pointee.read_in_length, 0)) / 8 }

    var outputCRC: UInt32? { flag == UInt32(ISAL_GZIP_NO_HDR) ? pointer.pointee.crc : nil }
}

/// The one owner of an ISA-L `inflate_state` (about 87 KB, on the heap, at a fixed address):
/// initialised in `init`, freed exactly once in `deinit`.
struct IsalInflateState: ~Copyable {
    let pointer: UnsafeMutablePointer<inflate_state>

    /// A state ready to inflate with `flag` (`ISAL_GZIP`, `ISAL_GZIP_NO_HDR`, `ISAL_ZLIB`, …).
    init(flag: UInt32) {
        pointer = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        pointer.initialize(to: inflate_state())
        isal_inflate_init(pointer)
        pointer.pointee.crc_flag = flag
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
