import SurveyFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file under a data root: the files in a folder (recursively), the
/// members of any zip archive there, or the members of a zip given directly.
public struct DownloadListing: Sendable {
    /// One file found, with its path relative to where it was found.
    public struct Item: Sendable, Hashable {
        /// How to open it.
        public var input: DataInput
        /// Its path inside the folder or archive, `/`-separated.
        public var relativePath: String
        /// Whether it is an archive member.
        public var inArchive: Bool { input.member != nil }
    }

    /// What was found.
    public var items: [Item]

    /// A listing of items already found.
    public init(items: [Item]) { self.items = items }

    /// How deep folders are followed below the root; a download is four levels deep.
    public static let maxDepth = 32

    /// Lists `root`: a folder, a zip archive or a single file. Symbolic links are followed (a
    /// data folder that is a link to the download, a link to one wave's file); a link that leads
    /// back to a folder already listed is not followed again.
    ///
    /// - Throws: `SurveyError` when `root` does not exist, a folder in it cannot be read (naming
    ///   the folder and the system's reason, for example permission denied), or an archive in it
    ///   is damaged.
    public init(root: String) throws(SurveyError) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            let why = errno
            var link = stat()
            if lstat(root, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                throw SurveyError(
                    .notFound, file: root, reason: "is a symbolic link to nothing (\(String(cString: strerror(why))))",
                    hint: "point it at the download's folder, or give that folder's path")
            }
            throw SurveyError(
                why == ENOENT ? .notFound : .cannotOpen, file: root,
                reason: why == ENOENT ? "no such file or folder" : "cannot read it: \(String(cString: strerror(why)))",
                hint: why == EACCES ? "check the permissions (ls -ld) of the folders on the path" : nil)
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            if try FileSignature.sniff(path: root) == .zip {
                items = try Self.members(of: root)
            } else {
                items = [Item(input: DataInput(path: root), relativePath: PathNames.lastComponent(of: root))]
            }
            return
        }
        var base = root
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        var files: [(relative: String, path: String)] = []
        var visited: Set<FileIdentity> = [FileIdentity(info)]
        try Self.walk(folder: base, relative: "", depth: 0, visited: &visited, into: &files)
        var found: [Item] = []
        for file in files.sorted(by: { $0.relative < $1.relative }) {
            if file.relative.lowercased().hasSuffix(".zip") {
                found += try Self.members(of: file.path)
            } else {
                found.append(Item(input: DataInput(path: file.path), relativePath: file.relative))
            }
        }
        items = found
    }

    /// Adds the regular files under `folder` (following links) to `files`.
    private static func walk(
        folder: String, relative: String, depth: Int, visited: inout Set<FileIdentity>,
        into files: inout [(relative: String, path: String)]
    ) throws(SurveyError) {
        guard let names = FolderEntries.names(in: folder) else {
            let why = errno
            throw SurveyError(
                .cannotOpen, file: folder, reason: "cannot list the folder: \(String(cString: strerror(why)))",
                hint: why == EACCES
                    ? "the data may be incomplete without it: check its permissions (ls -ld), or move it out of the data folder"
                    : nil)
        }
        for name in names {
            let path = folder + "/" + name
            let inside = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }  // a link to nothing: no data there
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                files.append((inside, path))
            case S_IFDIR:
                guard visited.insert(FileIdentity(info)).inserted else { continue }
                guard depth < maxDepth else {
                    throw SurveyError(
                        .limitExceeded, file: path,
                        reason: "is more than \(maxDepth) folders deep below the data folder",
                        hint: "give the download's own folder as the data folder")
                }
                try walk(folder: path, relative: inside, depth: depth + 1, visited: &visited, into: &files)
            default:
                continue  // a FIFO, socket or device holds no survey file
            }
        }
    }

    private static func members(of archivePath: String) throws(SurveyError) -> [Item] {
        try ZipArchive(path: archivePath).entries.filter { !$0.isDirectory }.map {
            Item(input: DataInput(archive: archivePath, member: $0.path), relativePath: $0.path)
        }
    }
}
