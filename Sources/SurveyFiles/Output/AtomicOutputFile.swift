#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written under a temporary name beside its final path and
/// renamed into place only when complete, so a failed or killed run leaves no
/// half-written file (and any earlier file at the path intact).
public final class AtomicOutputFile {
    /// The final path.
    public let path: String
    /// The temporary path written to until `commit()`.
    public let temporaryPath: String
    /// The sink that writes the temporary file.
    public let sink: FileSink
    private var done = false

    /// Starts writing `path` (as `.path.tmp-PID` in the same folder).
    public init(path: String) throws(SurveyError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(folder).\(name).tmp-\(getpid())"
        sink = try FileSink(creating: temporaryPath)
    }

    deinit {
        if !done { unlink(temporaryPath) }
    }

    /// Flushes and renames the file into place.
    public func commit() throws(SurveyError) {
        try sink.finish()
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw SurveyError(
                .outputFailure, file: path, reason: "cannot move the finished file into place: \(reason)")
        }
        done = true
    }

    /// Deletes the temporary file; the final path is untouched.
    public func abandon() {
        guard !done else { return }
        unlink(temporaryPath)
        done = true
    }
}
