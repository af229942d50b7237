import CIsal
import CZlib

/// Where a `.zsav` file's compressed blocks are: the zheader after the dictionary and
/// the ztrailer's table (one entry per block: its offsets and sizes, compressed and
/// inflated). Every entry is checked before a block is read.
struct ZSAVLayout: Sendable {
    struct Block: Sendable {
        var compressedOffset: Int
        var compressedSize: Int
        var inflatedSize: Int
    }

    let blocks: [Block]
    let blockSize: Int

    /// The largest block ukpanel inflates (SPSS writes 0x3FF000 bytes).
    static let maxBlockSize = 64 << 20

    /// Reads the zheader at `cursor` (just after the dictionary) and the ztrailer it points to.
    static func read(
        _ cursor: ChunkCursor, order: ByteOrder, input: DataInput, options: ReadOptions
    ) throws(SurveyError) -> ZSAVLayout {
        let file = cursor.file
        let headerOffset = cursor.offset
        let header = try cursor.take(24, "the zsav header")
        let ownOffset = Int(clamping: header.int64(at: 0, order))
        let trailerOffset = Int(clamping: header.int64(at: 8, order))
        let trailerLength = Int(clamping: header.int64(at: 16, order))
        guard ownOffset == headerOffset, trailerOffset >= headerOffset + 24, trailerOffset < 1 << 56,
            trailerLength >= 24, trailerLength <= 24 + 24 * (1 << 20), (trailerLength - 24) % 24 == 0
        else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: headerOffset,
                reason:
                    "the zsav header (\(ownOffset), \(trailerOffset), \(trailerLength)) does not describe this file",
                hint: "the file is damaged")
        }
        let trailerCursor = try ChunkCursor(input: input, options: options, at: trailerOffset)
        // A copy: the cursor's buffers go with it.
        let trailerBytes = Array(try trailerCursor.take(trailerLength, "the zsav trailer"))
        let result: Result<ZSAVLayout, SurveyError> = trailerBytes.withUnsafeBytes { trailer in
            do throws(SurveyError) {
                return .success(
                    try parseTrailer(
                        trailer, order: order, file: file, headerOffset: headerOffset, trailerOffset: trailerOffset,
                        trailerLength: trailerLength))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func parseTrailer(
        _ trailer: UnsafeRawBufferPointer, order: ByteOrder, file: String, headerOffset: Int, trailerOffset: Int,
        trailerLength: Int
    ) throws(SurveyError) -> ZSAVLayout {
        let blockSize = Int(trailer.int32(at: 16, order))
        let count = Int(trailer.int32(at: 20, order))
        guard count >= 0, 24 + 24 * count == trailerLength, blockSize > 0, blockSize <= maxBlockSize else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: trailerOffset,
                reason: "the zsav trailer says \(count) blocks of \(blockSize) bytes in \(trailerLength) bytes",
                hint: "the file is damaged")
        }
        var blocks: [Block] = []
        blocks.reserveCapacity(count)
        var next = headerOffset + 24
        for i in 0..<count {
            let at = 24 + 24 * i
            let compressedOffset = Int(clamping: trailer.int64(at: at + 8, order))
            let inflated = Int(trailer.int32(at: at + 16, order))
            let compressed = Int(trailer.int32(at: at + 20, order))
            guard compressedOffset == next, compressed > 0, compressedOffset + compressed <= trailerOffset,
                inflated >= 0, inflated <= blockSize, inflated <= 1032 * compressed + 64
            else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: trailerOffset + at,
                    reason:
                        "zsav block \(i + 1) of \(count) (\(compressed) bytes at \(compressedOffset), \(inflated) inflated) is out of place",
                    hint: "the file is damaged")
            }
            blocks.append(Block(compressedOffset: compressedOffset, compressedSize: compressed, inflatedSize: inflated))
            next = compressedOffset + compressed
        }
        // The ring holds the largest block declared, which deflate's ratio bounds by the file's size.
        return ZSAVLayout(blocks: blocks, blockSize: max(blocks.map(\.inflatedSize).max() ?? 1, 1))
    }
}

/// Inflates one zlib stream (a zsav block) into a buffer of known size.
protocol BlockInflater: AnyObject {
    /// Inflates `compressed` into exactly `size` bytes at `out`.
    ///
    /// - Throws: `.corrupt` naming the block and its byte offset when it does not inflate to `size` bytes.
    func inflate(
        _ compressed: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer, size: Int, block: Int, offset: Int
    ) throws(SurveyError)
}

/// The block inflater of `inflater` for `file`.
func makeBlockInflater(_ inflater: Inflater, file: String) throws(SurveyError) -> any BlockInflater {
    switch inflater {
    case .isal: return IsalBlockInflater(file: file)
    case .zlib: return try ZlibBlockInflater(file: file)
    }
}

/// A zsav block inflated in one call by ISA-L (`isal_inflate_stateless`, the zlib wrapper and its
/// Adler-32 checked), with one state reused from block to block.
final class IsalBlockInflater: BlockInflater {
    private let state = IsalInflateState(flag: UInt32(ISAL_ZLIB))
    private let file: String

    init(file: String) { self.file = file }

    func inflate(
        _ compressed: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer, size: Int, block: Int, offset: Int
    ) throws(SurveyError) {
        let s = state.pointer
        isal_inflate_reset(s)
        s.pointee.crc_flag = UInt32(ISAL_ZLIB)
        s.pointee.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: UInt8.self))
        s.pointee.avail_in = UInt32(clamping: compressed.count)
        s.pointee.next_out = out.assumingMemoryBound(to: UInt8.self)
        s.pointee.avail_out = UInt32(clamping: size)
        let status = isal_inflate_stateless(s)
        guard status == ISAL_DECOMP_OK, Int(s.pointee.total_out) == size else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: offset,
                reason: status == ISAL_DECOMP_OK
                    ? "zsav block \(block + 1) inflates to \(s.pointee.total_out) bytes, not the \(size) its trailer says"
                    : "zsav block \(block + 1) does not inflate (ISA-L status \(status))",
                hint: "the file is damaged")
        }
    }
}

/// A zsav block inflated by zlib, with one `z_stream` reused from block to block.
final class ZlibBlockInflater: BlockInflater {
    private let zlib: ZlibStream
    private let file: String

    init(file: String) throws(SurveyError) {
        self.file = file
        zlib = try ZlibStream(.inflate(windowBits: 15), name: file)
    }

    /// Inflates `compressed` into exactly `size` bytes at `out`.
    ///
    /// - Throws: `.corrupt` naming the block and its byte offset when it does not inflate to `size` bytes.
    func inflate(
        _ compressed: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer, size: Int, block: Int, offset: Int
    ) throws(SurveyError) {
        let stream = zlib.pointer
        inflateReset(stream)
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(compressed.count)
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(size)
        let status = CZlib.inflate(stream, Z_FINISH)
        guard status == Z_STREAM_END, Int(stream.pointee.total_out) == size else {
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw SurveyError(
                .corrupt, file: file, byteOffset: offset,
                reason: status == Z_STREAM_END
                    ? "zsav block \(block + 1) inflates to \(stream.pointee.total_out) bytes, not the \(size) its trailer says"
                    : "zsav block \(block + 1) does not inflate (\(detail))",
                hint: "the file is damaged")
        }
    }
}
