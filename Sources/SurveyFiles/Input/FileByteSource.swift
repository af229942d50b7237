#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file, or a byte range of one (an archive member), with `pread`.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    /// The name used in errors.
    let name: String
    private let start: Int
    private let end: Int
    private var position: Int
    /// The digest of the bytes handed out so far by `read(into:)`, while the whole file is being
    /// read in order (`ReadDigests`); dropped when the position moves without handing bytes out
    /// (`skip`, `mapNext`). Reads by offset neither move the position nor touch the digest, so
    /// several threads may make them at once.
    private var digest: OpenSSLDigest?
    /// Whether a digest may still be started: the whole file, collecting, nothing passed over yet.
    private var mayDigest: Bool
    /// The file as it was when opened, for the digest's record.
    private let opened: stat

    /// Opens `path` for reading.
    ///
    /// - Parameters:
    ///   - path: the file on disk.
    ///   - displayName: the name used in errors (defaults to `path`).
    ///   - range: the byte range to read; the whole file when `nil`.
    /// - Throws: `SurveyError.Code.cannotOpen` when the file cannot be opened,
    ///   `.truncated` when the range runs past the end of the file.
    public init(path: String, displayName: String? = nil, range: Range<Int>? = nil) throws(SurveyError) {
        let name = displayName ?? path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SurveyError(.cannotOpen, file: name, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw SurveyError(.cannotOpen, file: name, reason: "cannot stat: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw SurveyError(.cannotOpen, file: name, reason: "is a folder, not a file")
        }
        InputFiles.register(info, path: path)
        let size = Int(info.st_size)
        let range = range ?? 0..<size
        guard range.upperBound <= size else {
            close(fd)
            throw SurveyError(
                .truncated, file: name, byteOffset: size,
                reason: "file ends at byte \(size) but the data runs to byte \(range.upperBound)")
        }
        self.descriptor = fd
        self.name = name
        self.start = range.lowerBound
        self.end = range.upperBound
        self.position = range.lowerBound
        self.opened = info
        self.digest = nil
        self.mayDigest = ReadDigests.isCollecting && range == 0..<size
        #if os(Linux)
            _ = posix_fadvise(fd, off_t(range.lowerBound), off_t(range.count), POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { close(descriptor) }

    public var bytesConsumed: Int { position - start }
    public var totalBytes: Int? { end - start }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        let wanted = min(buffer.count, end - position)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        while true {
            let n = pread(descriptor, base, wanted, off_t(position))
            if n > 0 {
                // The digest starts with the first read of the file's first byte, not before (most sources
                // made while collecting are read by offset and never need one).
                if mayDigest && position == start && digest == nil { digest = OpenSSLDigest() }
                mayDigest = false
                position += n
                if digest != nil { digestRead(UnsafeRawBufferPointer(start: base, count: n)) }
                return n
            }
            if n == 0 {
                throw SurveyError(
                    .truncated, file: name, byteOffset: position,
                    reason: "file ended early, \(end - position) bytes short")
            }
            if errno == EINTR { continue }
            throw SurveyError(
                .ioFailure, file: name, byteOffset: position,
                reason: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Adds bytes just handed out to the digest; records it after the last byte.
    private func digestRead(_ bytes: UnsafeRawBufferPointer) {
        guard var running = digest.take() else { return }
        guard running.update(bytes) else { return }
        if position < end {
            digest = consume running
        } else if let hex = running.finalizeHex() {
            ReadDigests.record(hex, for: opened)
        }
    }

    /// Moves `count` bytes ahead without reading them.
    ///
    /// - Returns: `false` (and moves nothing) when fewer than `count` bytes are left.
    func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= end - position else { return false }
        digest = nil
        mayDigest = false
        position += count
        return true
    }

    /// Maps the next `count` bytes (fewer at the end) read-only and moves past them; `nil` at
    /// the end, or when the system will not map them (the bytes are then not passed).
    func mapNext(_ count: Int) -> FileMapping? {
        let n = min(count, end - position)
        guard n > 0, let mapping = FileMapping(descriptor: descriptor, offset: position, count: n) else { return nil }
        digest = nil
        mayDigest = false
        position += n
        return mapping
    }

    /// Bytes left to read.
    var remaining: Int { end - position }

    /// Checks that the file still holds the whole range being read (it was not cut short
    /// while being read).
    ///
    /// - Throws: `.truncated` naming the file's new end.
    func checkNotShrunk() throws(SurveyError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return }
        let size = Int(info.st_size)
        if size < end {
            throw SurveyError(
                .truncated, file: name, byteOffset: size,
                reason: "the file shrank to \(size) bytes while it was being read (it held \(end))",
                hint: "another program is rewriting it: run again when it is complete")
        }
    }

    /// Reads exactly `count` bytes at absolute `offset` of the file, for headers and directories.
    func readExactly(count: Int, at offset: Int) throws(SurveyError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let outcome: Result<Void, SurveyError> = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(SurveyError) in try fill(raw, atAbsolute: offset) }
        }
        try outcome.get()
        return bytes
    }

    /// Fills `buffer` from byte `offset` of the range being read (0 is its first byte), without
    /// moving this source's position: several threads may each read their own blocks.
    ///
    /// - Throws: `.truncated` with the byte offset when the file ends first (it shrank).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SurveyError) {
        guard offset >= 0, offset <= end - start, buffer.count <= end - start - offset else {
            throw SurveyError(
                .truncated, file: name, byteOffset: offset,
                reason: "\(buffer.count) bytes from byte \(offset) run past the end (byte \(end - start))")
        }
        try fill(buffer, atAbsolute: start + offset)
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer, atAbsolute offset: Int) throws(SurveyError) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if n > 0 {
                done += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            throw SurveyError(
                n == 0 ? .truncated : .ioFailure, file: name, byteOffset: offset + done,
                reason: n == 0 ? "file ended early" : "read failed: \(String(cString: strerror(errno)))")
        }
    }
}
