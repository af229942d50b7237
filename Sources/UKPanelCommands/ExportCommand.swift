import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveyReports
import SurveySchema

/// `ukpanel export`: the harmonised data as tidy, typed tables for R, Stata, Python and DuckDB.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The harmonised data as a tidy table: CSV, Parquet or Stata .dta, by the --out file's extension.",
        discussion: """
            FILE.csv (or .csv.gz, gzip-compressed): RFC 4180, UTF-8, a header; a missing value is an empty cell \
            (never "."), and the column NAME_missing beside it says why (inapplicable, refused, dont_know, \
            proxy, not_in_wave, …; empty when there is a value). Beside it, FILE.labels.R and FILE.labels.do \
            turn its codes into factors (R) or value labels (Stata).
            FILE.parquet: typed columns (whole numbers as int64, reals as double, text as UTF-8 strings, missing \
            as null, reasons in NAME_missing), zstd-compressed, the dictionary in its key-value metadata.
            FILE.dta (Stata 14+, format 118): variable and value labels, and each reason as an extended missing \
            value (.a dont_know, .b refused, … the dictionary lists them), so numeric columns need no NAME_missing.
            Every export also writes FILE.dictionary.csv and FILE.dictionary.json (each column's label, type, \
            codes, source; which weight is for which analysis; how to declare the design in R and Stata) and \
            FILE.provenance.json, all to temporary names renamed when complete. --out - writes CSV to standard output.
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
        help: ArgumentHelp(
            "Harmonised variables to export, comma-separated (default: all); the design's are kept (see --no-design).",
            valueName: "LIST"))
    var vars: String?

    @Flag(name: .long, help: "With --vars, leave out the design's columns (weights, strata, PSU), kept by default.")
    var noDesign = false

    @Option(name: .long, help: "long (one row per person-wave) or wide (one row per person).")
    var format: PanelExport.Format = .long

    @Option(name: .long, help: ArgumentHelp(Self.outHelp, valueName: "FILE"))
    var out = "out/panel.csv"

    static let outHelp = "The file: .csv, .csv.gz, .parquet or .dta (the extension decides), or - for CSV on standard output."

    func validate() throws { _ = try ExportFiles.fileType(of: out) }

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let download = try UKHLSDownload(root: try dataOptions.root())
        let waves = try selection.chosen(in: download)
        let export = try PanelExport(schema: schema, only: variableList(vars), format: format, design: !noDesign)
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

    @Option(name: .long, help: ArgumentHelp(ExportPanelCommand.outHelp, valueName: "FILE"))
    var out = "out/transitions.csv"

    func validate() throws { _ = try ExportFiles.fileType(of: out) }

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
        help: ArgumentHelp(
            "Harmonised variables to export, comma-separated (default: all); the design's are kept (see --no-design).",
            valueName: "LIST"))
    var vars: String?

    @Flag(name: .long, help: "With --vars, leave out the design's columns (household and person numbers, weight).")
    var noDesign = false

    @Option(name: .long, help: ArgumentHelp(ExportPanelCommand.outHelp, valueName: "FILE"))
    var out = "out/lfs.csv"

    func validate() throws { _ = try ExportFiles.fileType(of: out) }

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
        let export = try LFSExport(schema: schema, only: variableList(vars), design: !noDesign)
        var pipeline = LFSExportPipeline(files: files, export: export, out: out, options: reading.tableOptions)
        pipeline.syntheticNotice = roots.lazy.compactMap { SyntheticNotice.find(root: $0, survey: "LFS") }.first
        try runExport(pipeline, root: roots.count == 1 ? roots[0] : nil, notes: download.notes, reading: reading)
    }
}
