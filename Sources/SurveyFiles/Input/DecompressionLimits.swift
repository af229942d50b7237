/// Which library inflates deflate data (gzip files, zip members, zsav blocks).
public enum Inflater: String, Sendable, CaseIterable {
    /// Intel's ISA-L (`isal_inflate`), several times faster than zlib: the default.
    case isal
    /// zlib (`inflate`).
    case zlib
}

/// How compressed input is inflated: by which library, and within limits that stop a
/// decompression bomb before it fills memory or disk.
///
/// Real UKHLS and LFS files inflate to at most a few GB at ratios under 50:1;
/// the defaults leave room for far more, and both can be raised.
public struct DecompressionLimits: Sendable, Equatable {
    /// The library that inflates (ISA-L unless asked otherwise).
    public var inflater: Inflater = .isal
    /// The most bytes one stream may inflate to.
    public var maxOutputBytes: Int
    /// The highest ratio of output to input bytes allowed once `ratioGraceBytes` have been produced.
    public var maxRatio: Int
    /// Output below this size is never judged by ratio (small files of one repeated value compress very well).
    public var ratioGraceBytes: Int

    /// Creates limits; the defaults are 64 GiB, 500:1 and 64 MiB.
    public init(maxOutputBytes: Int = 64 << 30, maxRatio: Int = 500, ratioGraceBytes: Int = 64 << 20) {
        self.maxOutputBytes = maxOutputBytes
        self.maxRatio = maxRatio
        self.ratioGraceBytes = ratioGraceBytes
    }

    /// The defaults.
    public static let standard = DecompressionLimits()
}
