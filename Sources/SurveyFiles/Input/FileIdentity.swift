#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's (or folder's) device and inode: what tells the same file under two names (a hard
/// link, a symbolic link, a folder reached twice).
public struct FileIdentity: Hashable, Sendable {
    /// The device holding it.
    public let device: UInt64
    /// Its inode on that device.
    public let inode: UInt64

    /// The identity `info` (from `stat`, `lstat` or `fstat`) describes.
    public init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// The entries of a folder, read with `opendir`/`readdir`.
public enum FolderEntries {
    /// The names in `folder`, `.` and `..` left out, in the order the system gives them; `nil`
    /// when the folder cannot be opened (`errno` says why).
    public static func names(in folder: String) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
