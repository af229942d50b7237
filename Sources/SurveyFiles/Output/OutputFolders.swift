#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creates the folders outputs go into, with errors a person can act on (not Foundation's).
public enum OutputFolders {
    /// Creates `folder` and any missing parents; an existing folder (or a link to one) is fine.
    ///
    /// - Throws: `.invalidArgument` for `-` (standard output holds no folder); `.outputFailure`
    ///   naming the path when something other than a folder is there or it cannot be created.
    public static func create(_ folder: String) throws(SurveyError) {
        if folder == "-" {
            throw SurveyError(
                .invalidArgument, file: folder,
                reason: "this command writes a folder of outputs; standard output (-) cannot hold one",
                hint: "give --out a folder name")
        }
        var info = stat()
        if stat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw SurveyError(
                    .outputFailure, file: folder, reason: "exists and is not a folder, so outputs cannot go in it",
                    hint: "choose another output folder")
            }
            return
        }
        let parent = PathNames.folder(of: folder)
        if parent != folder { try create(parent) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw SurveyError(
                .outputFailure, file: folder, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
    }
}
