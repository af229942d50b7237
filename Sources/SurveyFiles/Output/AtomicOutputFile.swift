#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file written under a temporary name beside its final path and
/// renamed into place only when complete, so a failed or killed run leaves no
/// half-written file (and any earlier file at the path intact).
///
/// It writes only where a regular file is, or nothing: a device, a FIFO, a folder or a
/// symbolic link at the path is refused, and so is a file this process read (an input). The
/// temporary file is created new (`O_CREAT | O_EXCL | O_NOFOLLOW`) under an unpredictable name,
/// so nothing planted at that name can redirect the write. Temporaries a killed run left for the
/// same path are removed first.
public final class AtomicOutputFile {
    /// The final path.
    public let path: String
    /// The temporary path written to until `commit()`.
    public let temporaryPath: String
    /// The sink that writes the temporary file; its errors name the final path.
    public let sink: FileSink
    private var done = false

    /// Starts writing `path` (as `.NAME.tmp-PID-RANDOM` in the same folder).
    ///
    /// - Throws: `.outputFailure` naming `path` when it is not a regular file, is an input of this
    ///   run, or the temporary file cannot be created.
    public init(path: String) throws(SurveyError) {
        self.path = path
        let name = PathNames.lastComponent(of: path)
        guard !name.isEmpty, name != ".", name != "..", name != "/", !path.hasSuffix("/") else {
            throw SurveyError(.outputFailure, file: path, reason: "is not a file name")
        }
        try Self.checkTarget(path)
        let folder = PathNames.folder(of: path)
        Self.removeStaleTemporaries(in: folder, of: name)
        var created: (Int32, String)?
        for _ in 0..<16 {
            let candidate = "\(folder)/.\(name).tmp-\(getpid())-\(String(UInt64.random(in: .min ... .max), radix: 16))"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 {
                created = (fd, candidate)
                break
            }
            if errno != EEXIST {
                throw SurveyError(
                    .outputFailure, file: path,
                    reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
            }
        }
        guard let (fd, temporary) = created else {
            throw SurveyError(.outputFailure, file: path, reason: "cannot find a free temporary name in \(folder)")
        }
        temporaryPath = temporary
        sink = FileSink(adopting: fd, name: path)
    }

    deinit {
        if !done { unlink(temporaryPath) }
    }

    /// Flushes and renames the file into place, after checking again that the path holds a
    /// regular file that is not an input, or nothing.
    public func commit() throws(SurveyError) {
        do {
            try sink.finish()
            try Self.checkTarget(path)
        } catch {
            abandon()
            throw error
        }
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

    /// Refuses a path that holds anything but a regular file, or a file this process read.
    public static func checkTarget(_ path: String) throws(SurveyError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw SurveyError(
                .outputFailure, file: path, reason: "cannot check the output path: \(String(cString: strerror(errno)))")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what: String
            switch kind {
            case S_IFDIR: what = "a folder"
            case S_IFLNK: what = "a symbolic link"
            case S_IFCHR, S_IFBLK: what = "a device"
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFSOCK: what = "a socket"
            default: what = "not a regular file"
            }
            throw SurveyError(
                .outputFailure, file: path, reason: "is \(what): ukpanel writes only to regular files",
                hint: "choose a new file name (or, where a command writes one file, --out - for standard output)")
        }
        if let input = InputFiles.input(sameAs: info) {
            throw SurveyError(
                .outputFailure, file: path,
                reason: "is an input of this run (\(input)): writing there would destroy the data",
                hint: "choose another output path")
        }
    }

    /// Whether `name` is a temporary (`.NAME.tmp-PID-RANDOM`, or `.NAME.tmp-PID` as earlier
    /// versions named them) of a process that is no longer alive: what a killed run leaves.
    public static func isAbandonedTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
            let pid = Int32(name[marker.upperBound...].prefix { $0 != "-" }), pid > 0, pid != getpid()
        else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes `.NAME.tmp-…` files in `folder` left by a run that is no longer alive.
    static func removeStaleTemporaries(in folder: String, of name: String) {
        let prefix = ".\(name).tmp-"
        for entry in FolderEntries.names(in: folder) ?? [] where entry.hasPrefix(prefix) && isAbandonedTemporary(entry)
        {
            let path = folder + "/" + entry
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }
}
