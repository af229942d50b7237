/// Reads a zip archive's central directory and opens its members in place,
/// streaming, without unpacking anything to disk. ZIP64 archives (members or
/// archives over 4 GiB) are supported; encrypted members and split archives are not.
public struct ZipArchive: Sendable {
    /// The archive on disk.
    public let path: String
    /// Every member, in central-directory order.
    public let entries: [ZipEntry]

    /// Reads the central directory of `path`.
    ///
    /// - Throws: `SurveyError` with `.corrupt` when the archive's structure is
    ///   damaged, naming the byte offset.
    public init(path: String) throws(SurveyError) {
        self.path = path
        let file = try FileByteSource(path: path)
        guard let size = file.totalBytes else {
            throw SurveyError(.ioFailure, file: path, reason: "cannot tell the size of the archive")
        }
        self.entries = try ZipDirectoryReader(file: file, path: path, size: size).readEntries()
    }

    /// The entry whose path is `memberPath`, if any.
    public func entry(_ memberPath: String) -> ZipEntry? {
        entries.first { $0.path == memberPath }
    }

    /// Opens a member for streaming: inflated when deflated, with its CRC checked at the end.
    ///
    /// - Throws: `.unsupported` for encrypted members or methods other than stored and deflate.
    public func open(_ entry: ZipEntry, limits: DecompressionLimits = .standard) throws(SurveyError) -> ByteSource {
        let name = "\(path)//\(entry.path)"
        if entry.flags & 1 != 0 {
            throw SurveyError(.unsupported, file: name, reason: "member is encrypted")
        }
        let archive = try FileByteSource(path: path)
        let header = try archive.readExactly(count: 30, at: entry.localHeaderOffset)
        guard LittleEndianBytes.uint32(header, 0) == 0x0403_4b50 else {
            throw SurveyError(
                .corrupt, file: path, byteOffset: entry.localHeaderOffset,
                reason: "no local file header for \(entry.path) where the central directory points")
        }
        let dataStart =
            entry.localHeaderOffset + 30
            + Int(LittleEndianBytes.uint16(header, 26)) + Int(LittleEndianBytes.uint16(header, 28))
        // The directory checked the member against the file size; the local header's own lengths are checked here.
        guard let size = archive.totalBytes, dataStart <= size,
            entry.compressedSize <= size - dataStart
        else {
            throw SurveyError(
                .corrupt, file: path, byteOffset: entry.localHeaderOffset,
                reason: "member \(entry.path) runs past the end of the archive (truncated?)")
        }
        let raw = try FileByteSource(
            path: path, displayName: name, range: dataStart..<(dataStart + entry.compressedSize))
        switch entry.method {
        case 0:
            return CRCCheckingSource(
                upstream: raw, name: name, expectedSize: entry.uncompressedSize, expectedCRC: entry.crc32)
        case 8:
            return try InflatingByteSource(
                upstream: raw, format: .rawDeflate(expectedSize: entry.uncompressedSize, expectedCRC: entry.crc32),
                name: name, limits: limits)
        default:
            throw SurveyError(
                .unsupported, file: name,
                reason: "compression method \(entry.method) is not supported (only stored and deflate)",
                hint: "re-zip the archive with deflate, or unpack it and point ukpanel at the folder")
        }
    }
}

/// Little-endian integer reads from a byte array (zip is little-endian throughout).
enum LittleEndianBytes {
    static func uint16(_ b: [UInt8], _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }
    static func uint32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    static func uint64(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(uint32(b, i)) | UInt64(uint32(b, i + 4)) << 32
    }
}
