#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer to a file descriptor (a file or standard output).
public final class FileSink: ByteSink {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let name: String
    private let buffer: RawBuffer
    private var used = 0
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// Bytes handed to the sink so far, buffered or written: the offset of the next byte.
    public var position: Int { bytesWritten + used }

    /// Writes to standard output.
    public static func standardOutput() -> FileSink {
        FileSink(descriptor: 1, owns: false, name: "standard output")
    }

    /// Creates (or truncates) `path`.
    public convenience init(creating path: String) throws(SurveyError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw SurveyError(
                .outputFailure, file: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        self.init(descriptor: fd, owns: true, name: path)
    }

    /// Writes to `descriptor`, an open file it now owns (closed when the sink goes); errors name `name`.
    convenience init(adopting descriptor: Int32, name: String) {
        self.init(descriptor: descriptor, owns: true, name: name)
    }

    private init(descriptor: Int32, owns: Bool, name: String, capacity: Int = 256 << 10) {
        self.descriptor = descriptor
        self.ownsDescriptor = owns
        self.name = name
        self.buffer = RawBuffer(byteCount: capacity)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SurveyError) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if used + bytes.count > buffer.count {
            try flush()
            if bytes.count >= buffer.count {
                try writeOut(source, bytes.count)
                return
            }
        }
        (buffer.baseAddress + used).copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
    }

    /// Writes out what is buffered.
    public func flush() throws(SurveyError) {
        guard used > 0 else { return }
        try writeOut(UnsafeRawPointer(buffer.baseAddress), used)
        used = 0
    }

    /// Overwrites bytes already written at absolute `offset` (a header field known only at the
    /// end), after flushing. Only a regular file can be patched.
    ///
    /// - Throws: `.outputFailure` when the write fails (standard output cannot be patched).
    public func patch(_ bytes: [UInt8], at offset: Int) throws(SurveyError) {
        try flush()
        guard offset >= 0, offset + bytes.count <= bytesWritten else {
            throw SurveyError(
                .outputFailure, file: name, byteOffset: offset, reason: "cannot patch bytes not yet written")
        }
        let n = bytes.withUnsafeBytes { raw in pwrite(descriptor, raw.baseAddress, raw.count, off_t(offset)) }
        guard n == bytes.count else {
            throw SurveyError(
                .outputFailure, file: name, byteOffset: offset,
                reason: "cannot rewrite the header: \(String(cString: strerror(errno)))")
        }
    }

    public func finish() throws(SurveyError) {
        try flush()
    }

    private func writeOut(_ base: UnsafeRawPointer, _ count: Int) throws(SurveyError) {
        var done = 0
        while done < count {
            let n = Glibc.write(descriptor, base + done, count - done)
            if n > 0 {
                done += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            throw SurveyError(
                .outputFailure, file: name, byteOffset: bytesWritten + done,
                reason: "write failed: \(String(cString: strerror(errno)))")
        }
        bytesWritten += count
    }
}
