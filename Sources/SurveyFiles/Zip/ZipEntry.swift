/// One member of a zip archive, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
    /// The member's path inside the archive, with `/` separators.
    public var path: String
    /// 0 stored, 8 deflate; others are rejected when opened.
    public var method: UInt16
    /// The general-purpose flags (bit 0: encrypted).
    public var flags: UInt16
    /// CRC-32 of the uncompressed data.
    public var crc32: UInt32
    /// Bytes stored in the archive.
    public var compressedSize: Int
    /// Bytes once inflated.
    public var uncompressedSize: Int
    /// Where the member's local header starts.
    public var localHeaderOffset: Int

    /// Whether the entry is a folder rather than a file.
    public var isDirectory: Bool { path.hasSuffix("/") }
}
