import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveyReports
import SurveySchema

/// `ukpanel reproduce`: a published analysis from a download, in one command.
public struct ReproduceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce a published analysis: the ESRC briefing (UKHLS) or the TBI's Anywhere Jobs (O*NET and the LFS).",
        subcommands: [ReproduceESRC2025Command.self, ReproduceTBICommand.self])

    public init() {}
}

/// `ukpanel reproduce esrc-2025`.
struct ReproduceESRC2025Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esrc-2025",
        abstract:
            "The ESRC briefing \"Working from home and regional disparities\": Table 1, Figure 1, and tables by region, mobility and reasons for moving.",
        discussion: """
            Reads waves 8-14 (h-n), links people across waves by pidp, and estimates with the survey design
            (weights, strata, PSU). Prints the tables and writes DIR/estimates.csv (one row per estimate),
            DIR/report.md, DIR/figure1.svg … figure4.svg and DIR/provenance.json (inputs' sizes and SHA-256).
            A table a missing variable leaves empty is explained on standard error and in the report. With no --data it runs on the committed sample (samples/ukhls).
            T5 puts UKHLS and LFS home-working by region side by side when LFS quarters are given with --lfs,
            or found in the UKHLS data or in a folder named lfs beside it (samples/lfs beside samples/ukhls).
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions
    @OptionGroup var estimation: EstimationOptions

    @Option(name: .long, help: "The folder for estimates.csv, report.md, the figures and provenance.json.")
    var out = "out/esrc-2025"

    @Flag(
        name: .long,
        help: "Unweighted estimates (every person counts once; the design's clustering is kept for standard errors).")
    var unweighted = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "LFS quarters for T5: a folder, a zip or a file. Default: LFS files in the UKHLS data, else a folder named lfs beside it.",
            valueName: "PATH"))
    var lfs: String?

    @Flag(name: .long, help: "Leave out T5 (no LFS data read).")
    var noLfs = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the estimation frames and specs here, for scripts/crosscheck-r.sh.", valueName: "DIR"))
    var frames: String?

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let root = try dataOptions.root()
        let download = try UKHLSDownload(root: root)
        var lfsData: (download: LFSDownload, schema: Schema)?
        if !noLfs, let found = try ESRCBriefingPipeline.findLFS(ukhlsRoot: root, explicit: lfs) {
            lfsData = (found, try schemaOptions.load("lfs"))
        }
        var pipeline = ESRCBriefingPipeline(
            download: download, schema: schema, lfs: lfsData, weighted: !unweighted, out: out, framesFolder: frames,
            syntheticNotice: SyntheticNotice.find(root: root), options: reading.tableOptions)
        estimation.apply(to: &pipeline)
        pipeline.dataRoot = root
        try runTables(pipeline, label: "reproduce", reading: reading)
    }
}
