import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveyReports
import SurveySchema

/// `ukpanel export`: the harmonised data as tidy CSV for R, Stata, Python and DuckDB.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The harmonised data as tidy CSV (RFC 4180, UTF-8, a header, empty cells for missing).",
        discussion: """
            Every export writes FILE and a data dictionary FILE.dictionary.csv beside it (column, label, type, \
            codes, source), both to temporary names renamed when complete. A missing value is an empty cell \
            (never "."), and the column NAME_missing beside it says why (inapplicable, refused, dont_know, \
            proxy, not_in_wave, …); it is empty when there is a value. FILE ending in .gz is gzip-compressed.
            """,
        subcommands: [ExportPanelCommand.self, ExportTransitionsCommand.self, ExportLFSCommand.self])

    public init() {}
}

extension PanelExport.Format: ExpressibleByArgument {}

/// Which UKHLS waves an export reads.
struct WaveSelection: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Waves: letters or numbers, a range or a list (h-n, 8-14, 12,14), or all (every wave found).",
            valueName: "WAVES"))
    var waves = "all"

    /// The waves of `download` asked for.
    func chosen(in download: UKHLSDownload) throws -> [Wave] { try download.waves(matching: waves) }
}

/// Runs an export pipeline with a progress line, then prints discovery's notes and what it wrote.
func runExport(_ pipeline: some ExportPipeline, root: String?, notes: [String], reading: ReadingOptions) throws {
    var pipeline = pipeline
    pipeline.command = CommandLine.arguments
    pipeline.dataRoot = root
    let result = try runShowingProgress(pipeline, label: "export", reading: reading)
    printWarnings(result.warnings)
    guard pipeline.out != "-" else {
        // The data went to standard output: what is said about it goes to standard error.
        var text = notes.map { "note: \($0)\n" }.joined()
        text += "wrote standard output: \(result.summary) (no dictionary or provenance file with --out -)\n"
        FileHandle.standardError.write(Data(text.utf8))
        return
    }
    for note in notes { print("note: \(note)") }
    if let first = result.outputs.first { print("wrote \(first): \(result.summary)") }
    for path in result.outputs.dropFirst() { print("wrote \(path)") }
}

/// `--vars a,b,c` as a list.
func variableList(_ text: String?) -> [String]? {
    text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// `ukpanel export panel`.
struct ExportPanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The harmonised UKHLS panel: one row per person-wave (long), or per person (--format wide).",
        discussion: """
            long: pidp, wave, wave_letter and every harmonised variable, streamed wave by wave. \
            wide: one row per person (sorted by pidp), for each wave N an in_wave_wN column (1/0) and every \
            variable as NAME_wN; a wave the person has no row in gives empty cells with the reason \
            not_interviewed.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selection: WaveSelection
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Harmonised variables to export, comma-separated (default: all).", valueName: "LIST"))
    var vars: String?

    @Option(name: .long, help: "long (one row per person-wave) or wide (one row per person).")
    var format: PanelExport.Format = .long

    @Option(name: .long, help: ArgumentHelp("The CSV file (.csv, or .csv.gz to compress).", valueName: "FILE"))
    var out = "out/panel.csv"

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let download = try UKHLSDownload(root: try dataOptions.root())
        let waves = try selection.chosen(in: download)
        let export = try PanelExport(schema: schema, only: variableList(vars), format: format)
        var pipeline = PanelExportPipeline(
            download: download, waves: waves, export: export, out: out, options: reading.tableOptions)
        pipeline.syntheticNotice = SyntheticNotice.find(root: try dataOptions.root())
        try runExport(pipeline, root: try dataOptions.root(), notes: download.notes, reading: reading)
    }
}

/// `ukpanel export transitions`.
struct ExportTransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions",
        abstract:
            "One row per consecutive-wave pair (w-1, w): the move between (whether, how far, why), and region, class and home-working before and after.",
        discussion: """
            Reads the waves in order, holding two at a time. Columns ending _from are the earlier wave's, _to the \
            later's; worker, high_skilled and works_at_home follow the briefing's definitions (0/1). The design \
            columns (weight_xs_to, weight_lw_to, strata_to, psu_to) are the later wave's.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selection: WaveSelection
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: ArgumentHelp("The CSV file (.csv, or .csv.gz to compress).", valueName: "FILE"))
    var out = "out/transitions.csv"

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let download = try UKHLSDownload(root: try dataOptions.root())
        let waves = try selection.chosen(in: download)
        var pipeline = TransitionsExportPipeline(
            download: download, waves: waves, schema: schema, out: out, options: reading.tableOptions)
        pipeline.syntheticNotice = SyntheticNotice.find(root: try dataOptions.root())
        try runExport(pipeline, root: try dataOptions.root(), notes: download.notes, reading: reading)
    }
}

/// `ukpanel export lfs`.
struct ExportLFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lfs",
        abstract: "LFS quarters: one row per person-quarter, every harmonised variable of the quarterly files.",
        discussion: """
            Reads every quarterly person file found (the newest weighting vintage of each), in time order, \
            only the columns it needs. quarter, period_start and file_code say which file a row came from.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "LFS files: a folder, a zip, or files named one by one (repeat --data). Default: samples/lfs.",
            valueName: "PATH"))
    var data: [String] = []

    @Option(name: .long, help: ArgumentHelp("The first quarter, e.g. 2019Q1.", valueName: "QUARTER"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The last quarter, e.g. 2024Q4.", valueName: "QUARTER"))
    var to: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Harmonised variables to export, comma-separated (default: all).", valueName: "LIST"))
    var vars: String?

    @Option(name: .long, help: ArgumentHelp("The CSV file (.csv, or .csv.gz to compress).", valueName: "FILE"))
    var out = "out/lfs.csv"

    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    func run() throws {
        var lfs = LFSDataOptions()
        lfs.data = data
        lfs.from = from
        lfs.to = to
        let roots = try lfs.roots()
        let range = try lfs.range()
        let schema = try schemaOptions.load("lfs")
        let download = try LFSDownload(roots: roots)
        let files = download.quarters(within: range)
        guard !files.isEmpty else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no LFS quarterly files\(range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? "") in \(roots.joined(separator: ", "))"
            )
        }
        let export = try LFSExport(schema: schema, only: variableList(vars))
        var pipeline = LFSExportPipeline(files: files, export: export, out: out, options: reading.tableOptions)
        pipeline.syntheticNotice = roots.lazy.compactMap { SyntheticNotice.find(root: $0, survey: "LFS") }.first
        try runExport(pipeline, root: roots.count == 1 ? roots[0] : nil, notes: download.notes, reading: reading)
    }
}
