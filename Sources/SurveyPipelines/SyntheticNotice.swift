import Foundation
import SurveyFiles

/// The warning every output of ukpanel's synthetic data carries.
public enum SyntheticNotice {
    /// A notice when the data at `root` is ukpanel's synthetic data (its truth.json lies beside the download,
    /// or one folder up).
    public static func find(root: String, survey: String = "UKHLS") -> String? {
        var folder = root
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), !isFolder.boolValue {
            folder = PathNames.folder(of: root)
        }
        for candidate in [folder, PathNames.folder(of: folder)] where !candidate.isEmpty {
            if FileManager.default.fileExists(atPath: candidate + "/truth.json") {
                return
                    "Synthetic data: made by `ukpanel synth` (\(candidate)/truth.json), not the real \(survey). The numbers show the pipeline works; they are not findings."
            }
        }
        return nil
    }
}
