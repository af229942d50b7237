/// Where a command writes its result: standard output, or a file written
/// atomically (gzip-compressed when its name ends in `.gz`).
public final class OutputTarget {
    /// Where the bytes go.
    public let sink: ByteSink
    private let file: AtomicOutputFile?

    /// Opens `path`, or standard output when `path` is `nil` or `-`.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            sink = FileSink.standardOutput()
            file = nil
            return
        }
        let file = try AtomicOutputFile(path: path)
        self.file = file
        sink = path.hasSuffix(".gz") ? try DeflatingSink(downstream: file.sink, format: .gzip) : file.sink
    }

    /// Finishes the output and moves the file into place.
    public func commit() throws {
        if let file {
            if sink !== file.sink { try sink.finish() }
            try file.commit()
        } else {
            try sink.finish()
        }
    }

    /// Drops a half-written file.
    public func abandon() { file?.abandon() }
}
