import CZlib

/// The one owner of a zlib `z_stream`: it lives at a fixed heap address (zlib keeps
/// pointers into it), is initialised for inflating or deflating in `init`, and is
/// ended and freed exactly once in `deinit`. When zlib cannot start, `init` frees
/// what it allocated and throws, and there is no owner to free it again.
struct ZlibStream: ~Copyable {
    /// What the stream does.
    enum Mode {
        case inflate(windowBits: Int32)
        case deflate(level: Int32, windowBits: Int32)
    }

    /// The stream.
    let pointer: UnsafeMutablePointer<z_stream>
    private let inflating: Bool

    /// Starts a stream.
    ///
    /// - Throws: `.unsupported` naming `name` when zlib refuses (a bad level, no memory).
    init(_ mode: Mode, name: String) throws(SurveyError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status: Int32
        switch mode {
        case .inflate(let windowBits):
            status = CZlib_inflateInit2(stream, windowBits)
            inflating = true
        case .deflate(let level, let windowBits):
            status = CZlib_deflateInit2(stream, level, windowBits)
            inflating = false
        }
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw SurveyError(
                .unsupported, file: name, reason: "zlib could not start (status \(status))",
                hint: status == Z_STREAM_ERROR ? "a compression level is 1 to 9" : nil)
        }
        pointer = stream
    }

    deinit {
        if inflating { inflateEnd(pointer) } else { deflateEnd(pointer) }
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
