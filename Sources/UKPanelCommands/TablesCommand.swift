import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveyReports
import SurveySchema

/// `ukpanel tables`: named tables from LFS quarters.
public struct TablesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "Design-based tables from LFS quarters.",
        subcommands: [LFSHomeWorkingCommand.self, LFSTransitionsCommand.self])

    public init() {}
}

/// Where the LFS files are, and which quarters to use.
struct LFSDataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "LFS files: a folder, a zip, or files named one by one (repeat --data). Default: the committed sample (samples/lfs).",
            valueName: "PATH"))
    var data: [String] = []

    @Option(name: .long, help: ArgumentHelp("The first quarter to use, e.g. 2019Q1.", valueName: "QUARTER"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The last quarter to use, e.g. 2024Q4.", valueName: "QUARTER"))
    var to: String?

    @Option(name: .long, help: "The folder for estimates.csv and report.md.")
    var out: String?

    @Flag(name: .long, help: "Unweighted estimates (every person counts once; households stay the clusters).")
    var unweighted = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the estimation frames and specs here, for scripts/crosscheck-r.sh.", valueName: "DIR"))
    var frames: String?

    func roots() throws -> [String] {
        if !data.isEmpty { return data }
        guard FileManager.default.fileExists(atPath: "samples/lfs") else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no --data given and the default sample samples/lfs is not here: run from the ukpanel folder, or give --data PATH"
            )
        }
        return ["samples/lfs"]
    }

    /// The quarters asked for; `nil` for all.
    func range() throws -> ClosedRange<LFSPeriod>? {
        guard from != nil || to != nil else { return nil }
        func parse(_ text: String?, _ name: String, _ fallback: LFSPeriod) throws -> LFSPeriod {
            guard let text else { return fallback }
            guard let p = LFSPeriod(quarterLabel: text) else {
                throw SurveyError(.invalidArgument, reason: "--\(name) \(text): give a quarter as YYYYQn, e.g. 2021Q4")
            }
            return p
        }
        let first = try parse(from, "from", LFSPeriod(year: 1992, quarter: 1))
        let last = try parse(to, "to", LFSPeriod(year: 2099, quarter: 4))
        guard first <= last else {
            throw SurveyError(.invalidArgument, reason: "--from \(from ?? "") is after --to \(to ?? "")")
        }
        return first...last
    }

    /// The folder for `table`'s outputs: `--out`, else `out/TABLE`.
    func folder(_ table: LFSReport.Kind) -> String { out ?? "out/\(table.rawValue)" }

    /// The notice for synthetic data, when the first root is ukpanel's.
    func syntheticNotice(_ roots: [String]) -> String? {
        roots.first.flatMap { SyntheticNotice.find(root: $0, survey: "LFS") }
    }
}

/// `ukpanel tables lfs-wfh`.
struct LFSHomeWorkingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lfs-wfh",
        abstract:
            "LFS home-working by quarter: the weighted share of workers mainly at home (HOME = 1) and using home as a base (HOME 1-3), by region and NS-SEC class, with standard errors.",
        discussion: """
            Reads every LFS quarter found (the newest weighting vintage of each), only the columns it needs.
            The end-user LFS has no strata or PSUs: households (HSERIALP) are the clusters. Prints the tables and
            writes DIR/estimates.csv (one row per estimate) and DIR/report.md.
            """)

    @OptionGroup var lfs: LFSDataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions
    @OptionGroup var estimation: EstimationOptions

    func run() throws {
        let schema = try schemaOptions.load("lfs")
        let roots = try lfs.roots()
        let download = try LFSDownload(roots: roots)
        let range = try lfs.range()
        guard download.quarters.contains(where: { range?.contains($0.period) ?? true }) else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no LFS quarterly files\(range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? "") in \(roots.joined(separator: ", "))"
            )
        }
        var pipeline = LFSHomeWorkingPipeline(
            download: download, files: download.quarters(within: range),
            schema: schema, weighted: !lfs.unweighted, out: lfs.folder(.homeWorking), framesFolder: lfs.frames,
            syntheticNotice: lfs.syntheticNotice(roots), options: reading.tableOptions)
        estimation.apply(to: &pipeline)
        try runTables(pipeline, label: "lfs-wfh", reading: reading)
    }
}

/// `ukpanel tables lfs-transitions`.
struct LFSTransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lfs-transitions",
        abstract:
            "Quarter-to-quarter transitions in home-working and class from the ONS longitudinal datasets, weighted by the longitudinal weight.",
        discussion: """
            Reads the five- and two-quarter longitudinal datasets (lgwtYY_5q_…) into person histories. With
            --link-quarters, quarterly files are also linked by CASENOP (not confirmed stable across end-user
            quarterly files, so off by default). The LFS samples addresses: people who move house leave it, and it
            records no reason for moving.
            """)

    @OptionGroup var lfs: LFSDataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions
    @OptionGroup var estimation: EstimationOptions

    @Flag(name: .long, help: "Also link consecutive quarterly files by CASENOP (unverified for end-user files).")
    var linkQuarters = false

    func run() throws {
        let schema = try schemaOptions.load("lfs")
        let roots = try lfs.roots()
        let download = try LFSDownload(roots: roots)
        let range = try lfs.range()
        let files = download.longitudinal(within: range)
        guard !files.isEmpty || linkQuarters else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no LFS longitudinal datasets (lgwtYY_5q_…_eul.tab) in \(roots.joined(separator: ", ")); give --link-quarters to link quarterly files instead"
            )
        }
        var pipeline = LFSTransitionsPipeline(
            download: download, longitudinal: files,
            linkedFiles: linkQuarters ? download.quarters(within: range) : nil,
            schema: schema, weighted: !lfs.unweighted, out: lfs.folder(.transitions), framesFolder: lfs.frames,
            syntheticNotice: lfs.syntheticNotice(roots), options: reading.tableOptions)
        estimation.apply(to: &pipeline)
        try runTables(pipeline, label: "lfs-transitions", reading: reading)
    }
}
