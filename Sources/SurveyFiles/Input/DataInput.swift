#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one data file's bytes come from: a plain or gzipped file on disk, or a
/// member of a zip archive read in place.
///
/// A `DataInput` is a description (it is `Sendable` and cheap to copy); `open()`
/// makes the stream. Compression is recognised from the file's first bytes, not
/// its name, so a `.tab` that is really gzip still reads.
public struct DataInput: Sendable, Hashable, CustomStringConvertible {
    /// The file on disk (for a member: the archive).
    public var path: String
    /// The member's path inside the archive at `path`, or `nil` for a file on disk.
    public var member: String?

    /// A file on disk.
    public init(path: String) {
        self.path = path
        self.member = nil
    }

    /// A member of the zip archive at `archive`.
    public init(archive: String, member: String) {
        self.path = archive
        self.member = member
    }

    /// The name used in messages: the path, or `archive.zip//member/path`.
    public var description: String {
        if let member { return "\(path)//\(member)" }
        return path
    }

    /// The last component of the file's (or member's) path.
    public var fileName: String {
        let full = member ?? path
        return full.split(separator: "/").last.map(String.init) ?? full
    }

    /// Opens the bytes as a stream, inflating gzip (any number of members) and zip deflate.
    ///
    /// - Throws: `SurveyError` if the file cannot be opened, is a zip archive
    ///   but no member was named, or the member is absent.
    public func open(limits: DecompressionLimits = .standard) throws(SurveyError) -> ByteSource {
        if let member {
            let archive = try ZipArchive(path: path)
            guard let entry = archive.entry(member) else {
                let names = archive.entries.map(\.path)
                throw SurveyError(
                    .notFound, file: path, reason: "archive has no member \(member)",
                    hint: ClosestNames.hint(for: member, in: names, noun: "members"))
            }
            let raw = try archive.open(entry, limits: limits)
            if member.hasSuffix(".gz") {
                return try InflatingByteSource(upstream: raw, format: .gzip, name: description, limits: limits)
            }
            return raw
        }
        let file = try FileByteSource(path: path)
        switch try FileSignature.sniff(path: path) {
        case .gzip:
            return try InflatingByteSource(upstream: file, format: .gzip, name: path, limits: limits)
        case .zip:
            let archive = try ZipArchive(path: path)
            let tables = archive.entries.filter { !$0.isDirectory }.prefix(5).map(\.path)
            throw SurveyError(
                .unsupported, file: path, reason: "is a zip archive: say which member to read",
                hint: "name a member, e.g. \(path)//\(tables.first ?? "tab/ukhls/h_indresp.tab")")
        case .plain:
            if path.lowercased().hasSuffix(".gz") { throw Self.notGzip(file, name: path) }
            return file
        }
    }

    /// A file named `.gz` that does not start with gzip's magic bytes: said as such, with the
    /// bytes it does start with, rather than read as text.
    static func notGzip(_ file: FileByteSource, name: String) -> SurveyError {
        let size = file.totalBytes ?? 0
        let head = (try? file.readExactly(count: min(4, size), at: 0)) ?? []
        let shown = head.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return SurveyError(
            .corrupt, file: name, byteOffset: 0,
            reason: size == 0
                ? "is named .gz but is empty"
                : "is named .gz but is not gzip: it starts with \(shown.joined(separator: " ")), not 1f 8b",
            hint: "a damaged or unfinished download? Download it again; if it is plain text, rename it without .gz")
    }

    /// The bytes the file takes as stored: its size on disk, or a zip member's compressed size;
    /// `nil` when it cannot be told (the file is gone, the member absent).
    public var storedSize: Int? {
        if let member {
            return (try? ZipArchive(path: path))?.entry(member)?.compressedSize
        }
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Parses `archive.zip//member/path` (the form `description` prints) or a plain path.
    public static func parse(_ text: String) -> DataInput {
        if let range = text.firstRange(of: ".zip//") {
            let archive = String(text[..<range.lowerBound]) + ".zip"
            let member = String(text[range.upperBound...])
            return DataInput(archive: archive, member: member)
        }
        return DataInput(path: text)
    }
}

/// What a file's first bytes say it is.
public enum FileSignature: Sendable {
    case gzip, zip, plain

    /// Reads the first four bytes of `path`.
    public static func sniff(path: String) throws(SurveyError) -> FileSignature {
        let file = try FileByteSource(path: path)
        guard let size = file.totalBytes, size >= 2 else { return .plain }
        let head = try file.readExactly(count: min(4, size), at: 0)
        if head[0] == 0x1f && head[1] == 0x8b { return .gzip }
        if head.count == 4 && head[0] == 0x50 && head[1] == 0x4b && head[2] == 3 && head[3] == 4 { return .zip }
        return .plain
    }
}
