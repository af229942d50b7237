import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// `ukpanel export`: the harmonised data as tidy CSV for R, Stata, Python and DuckDB.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The harmonised data as tidy CSV (RFC 4180, UTF-8, a header, empty cells for missing).",
        subcommands: [ExportPanelCommand.self])

    public init() {}
}

/// `ukpanel export panel`.
struct ExportPanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "One row per person-wave (long format): pidp, wave, wave_letter and every harmonised variable.",
        discussion: """
            Streams wave by wave. A missing value is an empty cell, and the column NAME_missing beside it \
            says why (inapplicable, refused, dont_know, proxy, not_in_wave, …); it is empty when there is a \
            value. A data dictionary (column, label, type, codes, source by wave) is written beside the \
            file as FILE.dictionary.csv. Both files are written to a temporary name and renamed.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Waves: letters or numbers, a range or a list (h-n, 8-14, 12,14).", valueName: "WAVES"))
    var waves = "8-14"

    @Option(
        name: .long,
        help: ArgumentHelp("Harmonised variables to export, comma-separated (default: all).", valueName: "LIST"))
    var vars: String?

    @Option(name: .long, help: ArgumentHelp("The CSV file (.csv, or .csv.gz to compress).", valueName: "FILE"))
    var out = "out/panel.csv"

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let download = try UKHLSDownload(root: try dataOptions.root())
        let wanted = Set(try Wave.parseList(waves))
        let chosen = download.waves.filter { wanted.contains($0) }
        guard !chosen.isEmpty else {
            throw UserError(
                "none of the waves \(waves) is in the download (found: \(download.waves.map(\.letter).joined(separator: ", ")))"
            )
        }
        let only = vars.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let export = try PanelExport(schema: schema, only: only)
        try FileManager.default.createDirectory(
            atPath: (out as NSString).deletingLastPathComponent.isEmpty
                ? "." : (out as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let target = try OutputTarget(path: out)
        let progress = ProgressLine(label: "export", quiet: reading.quiet)
        let summary: PanelExport.Summary
        do {
            summary = try export.write(
                download: download, waves: chosen, to: CSVWriter(sink: target.sink), options: reading.tableOptions
            ) {
                wave, done, total in progress.update(consumed: done, total: total)
            }
            progress.end()
            let dictionaryPath = Self.dictionaryPath(out)
            let dictionary = try OutputTarget(path: dictionaryPath)
            let writer = CSVWriter(sink: dictionary.sink)
            for row in export.dictionary(waves: chosen) { try writer.row(row) }
            try writer.flush()
            try target.commit()
            try dictionary.commit()
            for note in download.notes { print("note: \(note)") }
            print(
                "wrote \(out): \(summary.rows) person-waves (\(chosen.map { "\($0.letter) \(summary.rowsByWave[$0.number] ?? 0)" }.joined(separator: ", "))), \(export.header.count) columns"
            )
            print("wrote \(dictionaryPath)")
        } catch {
            progress.end()
            target.abandon()
            throw error
        }
    }

    /// `out/panel.csv` → `out/panel.dictionary.csv`.
    static func dictionaryPath(_ out: String) -> String {
        var stem = out
        for suffix in [".csv.gz", ".csv", ".gz"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        return stem + ".dictionary.csv"
    }
}
