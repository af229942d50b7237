import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files this process has opened for reading, by device and inode: an output must never
/// replace one (`--out` naming the data, or a hard link to it).
public enum InputFiles {
    private static let opened = Mutex<[FileIdentity: String]>([:])

    /// Records that `path` (described by `info`) was opened for reading.
    static func register(_ info: stat, path: String) {
        opened.withLock { files in
            if files[FileIdentity(info)] == nil { files[FileIdentity(info)] = path }
        }
    }

    /// The name under which the file `info` describes was read, when it was.
    static func input(sameAs info: stat) -> String? {
        opened.withLock { $0[FileIdentity(info)] }
    }
}
