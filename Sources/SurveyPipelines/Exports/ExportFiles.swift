import Foundation
import SurveyFiles

/// Writes an export and its data dictionary: both to temporary names, renamed
/// only when both are complete, so a failed or killed run leaves the previous
/// files as they were. Every export pipeline writes through it.
public enum ExportFiles {
    /// `out/panel.csv` → `out/panel.dictionary.csv` (also for `.csv.gz`).
    public static func dictionaryPath(_ out: String) -> String { stem(out) + ".dictionary.csv" }

    /// `out/panel.csv` → `out/panel.provenance.json` (also for `.csv.gz`).
    public static func provenancePath(_ out: String) -> String { stem(out) + ".provenance.json" }

    /// The export's path without its extension.
    static func stem(_ out: String) -> String {
        var stem = out
        for suffix in [".csv.gz", ".csv", ".gz"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        return stem
    }

    /// Writes `out` with `body` and the dictionary beside it; returns what `body` returned and both paths.
    /// For synthetic input (`notice`), the dictionary's last row says so, so the warning travels with the data.
    /// `out` `-` writes the data to standard output, with no dictionary (nothing is returned as written).
    public static func write<Result>(
        out: String, notice: String? = nil, dictionary: [[String]], body: (CSVWriter) throws -> Result
    ) throws
        -> (
            Result, [String]
        )
    {
        if out == "-" {
            let target = try OutputTarget(path: nil)
            let result = try body(CSVWriter(sink: target.sink))
            try target.commit()
            return (result, [])
        }
        try OutputFolders.create(PathNames.folder(of: out))
        let target = try OutputTarget(path: out)
        let dictionaryPath = Self.dictionaryPath(out)
        var dictionaryTarget: OutputTarget?
        let result: Result
        do {
            result = try body(CSVWriter(sink: target.sink))
            let dictionaryFile = try OutputTarget(path: dictionaryPath)
            dictionaryTarget = dictionaryFile
            let writer = CSVWriter(sink: dictionaryFile.sink)
            for row in dictionary { try writer.row(row) }
            if let notice, let width = dictionary.first?.count, width >= 2 {
                try writer.row(["(data)", notice] + Array(repeating: "", count: width - 2))
            }
            try writer.flush()
            try target.commit()
            try dictionaryFile.commit()
        } catch {
            target.abandon()
            dictionaryTarget?.abandon()
            throw error
        }
        return (result, [out, dictionaryPath])
    }
}
