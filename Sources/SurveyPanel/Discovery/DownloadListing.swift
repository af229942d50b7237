import Foundation
import SurveyFiles

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

    /// Lists `root`: a folder, a zip archive or a single file.
    ///
    /// - Throws: `SurveyError` when `root` does not exist or an archive in it is damaged.
    public init(root: String) throws(SurveyError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw SurveyError(.notFound, file: root, reason: "no such file or folder")
        }
        if !isFolder.boolValue {
            if try FileSignature.sniff(path: root) == .zip {
                items = try Self.members(of: root)
            } else {
                let name = root.split(separator: "/").last.map(String.init) ?? root
                items = [Item(input: DataInput(path: root), relativePath: name)]
            }
            return
        }
        var found: [Item] = []
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            throw SurveyError(.cannotOpen, file: root, reason: "cannot list the folder")
        }
        var relativePaths: [String] = []
        while let next = walker.nextObject() as? String { relativePaths.append(next) }
        for relative in relativePaths.sorted() {
            let path = base + "/" + relative
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue else {
                continue
            }
            if relative.lowercased().hasSuffix(".zip") {
                found += try Self.members(of: path)
            } else {
                found.append(Item(input: DataInput(path: path), relativePath: relative))
            }
        }
        items = found
    }

    private static func members(of archivePath: String) throws(SurveyError) -> [Item] {
        try ZipArchive(path: archivePath).entries.filter { !$0.isDirectory }.map {
            Item(input: DataInput(archive: archivePath, member: $0.path), relativePath: $0.path)
        }
    }
}
