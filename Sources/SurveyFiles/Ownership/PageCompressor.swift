import CZstd

/// The one owner of a zstd compression context (or of none, for uncompressed pages): created in
/// `init`, freed exactly once in `deinit`.
struct PageCompressor: ~Copyable {
    private let context: OpaquePointer?
    private let level: Int32
    private let name: String

    /// A compressor for `codec`.
    ///
    /// - Throws: `.outputFailure` naming `name` when zstd cannot start.
    init(_ codec: ParquetFileWriter.Codec, name: String) throws(SurveyError) {
        self.name = name
        switch codec {
        case .none:
            context = nil
            level = 0
        case .zstd(let level):
            guard let context = ZSTD_createCCtx() else {
                throw SurveyError(.outputFailure, file: name, reason: "zstd could not start (out of memory?)")
            }
            self.context = context
            self.level = level
        }
    }

    deinit { if let context { ZSTD_freeCCtx(context) } }

    /// `bytes` compressed (as they are when there is no codec).
    func compress(_ bytes: [UInt8]) throws(SurveyError) -> [UInt8] {
        guard let context else { return bytes }
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { o in
            bytes.withUnsafeBytes { i in ZSTD_compressCCtx(context, o.baseAddress, bound, i.baseAddress, i.count, level) }
        }
        guard ZSTD_isError(written) == 0 else {
            throw SurveyError(
                .outputFailure, file: name,
                reason: "zstd could not compress a page: \(String(cString: ZSTD_getErrorName(written)))")
        }
        out.removeLast(bound - written)
        return out
    }
}
