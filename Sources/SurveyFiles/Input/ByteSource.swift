/// A stream of bytes read in caller-sized pieces: a file, a byte range of a file,
/// or a decompressor over another source.
///
/// Sources are single-owner and not thread-safe; a pipeline opens one on the
/// thread that reads it.
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer` with the next bytes.
    ///
    /// - Returns: the number of bytes written; 0 only at the end of the stream.
    /// - Throws: `SurveyError` naming the file and the byte offset.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int

    /// How many bytes of the underlying file this source has consumed so far
    /// (compressed bytes for a decompressor), for progress reports.
    var bytesConsumed: Int { get }

    /// The total size, in the same units as `bytesConsumed`, when known.
    var totalBytes: Int? { get }
}

extension ByteSource {
    /// Reads until `buffer` is full or the stream ends.
    ///
    /// - Returns: the number of bytes written, less than `buffer.count` only at the end.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
            let n = try read(into: rest)
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
