import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// Writes an export and its data dictionary: both to temporary names, renamed
/// only when both are complete, so a failed or killed run leaves the previous
/// files as they were. Shared by `ukpanel export` and `ukpanel batch`.
enum ExportFiles {
    /// `out/panel.csv` → `out/panel.dictionary.csv` (also for `.csv.gz`).
    static func dictionaryPath(_ out: String) -> String {
        var stem = out
        for suffix in [".csv.gz", ".csv", ".gz"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        return stem + ".dictionary.csv"
    }

    /// Writes `out` with `body` and the dictionary beside it; returns what `body` returned and both paths.
    static func write<Result>(out: String, dictionary: [[String]], body: (CSVWriter) throws -> Result) throws -> (
        Result, [String]
    ) {
        let folder = (out as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
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

    /// The UKHLS panel (long or wide); returns the summary line and the paths written.
    static func panel(
        download: UKHLSDownload, waves: [Wave], export: PanelExport, out: String,
        options: ReadOptions, progress: ProgressLine
    ) throws -> (String, [String]) {
        defer { progress.end() }
        let (s, paths) = try write(out: out, dictionary: export.dictionary(waves: waves)) { writer in
            try export.write(download: download, waves: waves, to: writer, options: options) {
                wave, done, total in progress.update(consumed: done, total: total, item: "wave \(wave.letter)")
            }
        }
        let perWave = waves.map { "\($0.letter) \(s.rowsByWave[$0.number] ?? 0)" }.joined(separator: ", ")
        let unit = export.format == .long ? "person-waves" : "people"
        return ("\(s.rows) \(unit) (\(perWave)), \(s.columns) columns", paths)
    }

    /// Consecutive-wave pairs.
    static func transitions(
        download: UKHLSDownload, waves: [Wave], schema: Schema, out: String,
        options: ReadOptions, progress: ProgressLine
    ) throws -> (String, [String]) {
        defer { progress.end() }
        let export = TransitionsExport(schema: schema)
        let (s, paths) = try write(out: out, dictionary: export.dictionary()) { writer in
            try export.write(download: download, waves: waves, to: writer, options: options) {
                wave, done, total in progress.update(consumed: done, total: total, item: "wave \(wave.letter)")
            }
        }
        let pairs = s.rowsByWave.keys.sorted().compactMap { w -> String? in
            guard let from = Wave(number: w - 1), let to = Wave(number: w) else { return nil }
            return "\(from.letter)-\(to.letter) \(s.rowsByWave[w] ?? 0)"
        }
        return (
            "\(s.rows) wave pairs (\(pairs.joined(separator: ", "))), \(TransitionsExport.header.count) columns", paths
        )
    }

    /// LFS person-quarters.
    static func lfs(
        files: [LFSDownload.QuarterFile], export: LFSExport, out: String, options: ReadOptions,
        progress: ProgressLine
    ) throws -> (String, [String]) {
        defer { progress.end() }
        let (s, paths) = try write(out: out, dictionary: export.dictionary()) { writer in
            try export.write(files: files, to: writer, options: options) { period, done, total in
                progress.update(consumed: done, total: total, item: period.description)
            }
        }
        let first = s.rowsByPeriod.keys.min().map(\.description) ?? "-"
        let last = s.rowsByPeriod.keys.max().map(\.description) ?? "-"
        return (
            "\(s.rows) person-quarters from \(s.rowsByPeriod.count) quarters (\(first) to \(last)), \(export.header.count) columns",
            paths
        )
    }
}
