import Foundation
import SurveyFiles
import SurveySchema

/// Where the files of an O*NET database text release are: a folder (`db_25_1_text/`, or a folder
/// holding it) or the release zip as downloaded (`db_25_1_text.zip`), whose members sit in one
/// folder. Files are found by their names in the release (`ONetReleaseFiles`).
public struct ONetRelease: Sendable {
    /// What was given (`--onet`).
    public let root: String
    /// The release's files by name.
    public let files: [String: DataInput]

    /// Finds the release's files under `root`.
    ///
    /// - Throws: `.notFound` when `root` holds neither `Work Activities.txt` nor `Work Context.txt`.
    public init(root: String) throws {
        self.root = root
        var files: [String: DataInput] = [:]
        let wanted: Set<String> = [ONetReleaseFiles.workActivities, ONetReleaseFiles.workContext, ONetReleaseFiles.scalesReference, ONetReleaseFiles.occupationData]
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw SurveyError(.notFound, file: root, reason: "no such file or folder (the O*NET release, --onet)")
        }
        if isFolder.boolValue {
            // The release's folder itself, or a folder holding it (one level down).
            let names = FolderEntries.names(in: root)?.sorted() ?? []
            for name in names where wanted.contains(name) { files[name] = DataInput(path: root + "/" + name) }
            if files[ONetReleaseFiles.workActivities] == nil && files[ONetReleaseFiles.workContext] == nil {
                files = [:]
                for folder in names {
                    let inner = FolderEntries.names(in: root + "/" + folder)?.sorted() ?? []
                    for name in inner where wanted.contains(name) && files[name] == nil {
                        files[name] = DataInput(path: root + "/" + folder + "/" + name)
                    }
                    if !files.isEmpty { break }
                }
            }
        } else {
            let archive = try ZipArchive(path: root)
            for entry in archive.entries where !entry.isDirectory {
                let name = PathNames.lastComponent(of: entry.path)
                if wanted.contains(name), files[name] == nil { files[name] = DataInput(archive: root, member: entry.path) }
            }
        }
        guard files[ONetReleaseFiles.workActivities] != nil || files[ONetReleaseFiles.workContext] != nil else {
            throw SurveyError(
                .notFound, file: root, reason: "holds no \(ONetReleaseFiles.workActivities) or \(ONetReleaseFiles.workContext)",
                hint: "give the O*NET database text release: its folder (db_25_1_text) or its zip (db_25_1_text.zip)")
        }
        self.files = files
    }
}
