import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SHA-256s taken while files were read, so that a provenance record need not read them again.
///
/// Off until `collect()`: a command that writes provenance turns it on before reading. Then every
/// `FileByteSource` over a whole file digests the bytes it hands out, in order, and when it has
/// handed out the last one records the digest under the file's device, inode, size and times as
/// they were when it was opened. A source whose position moved past bytes it did not hand out
/// (skipped, mapped) records nothing; reads by offset do not count. `digest(of:)` gives a recorded digest only while the file's `stat` still
/// matches; otherwise the file is read again.
public enum ReadDigests {
    private static let collecting = Atomic<Bool>(false)
    private static let recorded = Mutex<[Key: String]>([:])

    /// What identifies one version of a file.
    struct Key: Hashable {
        var identity: FileIdentity
        var size: Int
        var modified: Int
        var modifiedNanoseconds: Int
        var changed: Int
        var changedNanoseconds: Int

        init(_ info: stat) {
            identity = FileIdentity(info)
            size = Int(info.st_size)
            #if os(Linux)
                let (m, c) = (info.st_mtim, info.st_ctim)
            #else
                let (m, c) = (info.st_mtimespec, info.st_ctimespec)
            #endif
            modified = Int(m.tv_sec)
            modifiedNanoseconds = Int(m.tv_nsec)
            changed = Int(c.tv_sec)
            changedNanoseconds = Int(c.tv_nsec)
        }
    }

    /// From now on, whole files read sequentially are digested as they are read.
    public static func collect() { collecting.store(true, ordering: .relaxed) }

    /// Whether reads are being digested.
    static var isCollecting: Bool { collecting.load(ordering: .relaxed) }

    /// Records the digest of the file `info` described when it was opened.
    static func record(_ hex: String, for info: stat) {
        recorded.withLock { $0[Key(info)] = hex }
    }

    /// The SHA-256 of the file at `path`: the one taken while it was read, when it was read whole
    /// and is unchanged since, else by reading it (`SHA256.file`).
    ///
    /// - Throws: `SurveyError` when the file must be read and cannot be.
    public static func digest(of path: String) throws(SurveyError) -> String {
        if let hex = recordedDigest(of: path) { return hex }
        return try SHA256.file(path)
    }

    /// The digest taken while the file at `path` was read, when it was read whole and its `stat`
    /// still matches.
    static func recordedDigest(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return recorded.withLock { $0[Key(info)] }
    }
}
