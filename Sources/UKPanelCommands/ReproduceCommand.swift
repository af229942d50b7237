import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// `ukpanel reproduce`: a published analysis from a download, in one command.
public struct ReproduceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce a published analysis from a UKHLS download.",
        subcommands: [ReproduceESRC2025Command.self])

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
            DIR/report.md and DIR/figure1.svg. With no --data it runs on the committed sample (samples/ukhls).
            T5 puts UKHLS and LFS home-working by region side by side when LFS quarters are given with --lfs,
            or found in the UKHLS data or in a folder named lfs beside it (samples/lfs beside samples/ukhls).
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: "The folder for estimates.csv, report.md and figure1.svg.")
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
        let say = reading.progress
        let started = Date()
        let panel = try UKHLSPanel.load(
            download: download, schema: schema, only: Set(8...14), options: reading.tableOptions, progress: say)
        say(String(format: "read %d waves in %.1f s", panel.waves.count, Date().timeIntervalSince(started)))
        var quarters: LFSQuarters?
        if let lfsDownload = try lfsDownload(ukhlsRoot: root) {
            let lfsSchema = try schemaOptions.load("lfs")
            quarters = try LFSQuarters.load(
                download: lfsDownload, schema: lfsSchema, options: reading.tableOptions, progress: say)
        }
        let report = BriefingReport(
            panel: panel, lfs: quarters, weighted: !unweighted, syntheticNotice: Self.syntheticNotice(root: root))
        let written = try report.write(to: out)
        if let frames { try report.writeFrames(to: frames) }
        print(report.terminalText)
        print("")
        for path in written { print("wrote \(path)") }
    }

    /// The LFS quarters for T5: `--lfs`, else LFS files in the UKHLS data, else a folder `lfs` beside it.
    func lfsDownload(ukhlsRoot: String) throws -> LFSDownload? {
        if noLfs { return nil }
        if let lfs {
            let download = try LFSDownload(root: lfs)
            guard !download.quarters.isEmpty else {
                throw SurveyError(
                    .invalidArgument, reason: "--lfs \(lfs): no LFS quarterly files (lfsp_<quarter><yy>_eul…) there")
            }
            return download
        }
        let inside = LFSDownload(listing: try DownloadListing(root: ukhlsRoot))
        if !inside.quarters.isEmpty { return inside }
        let trimmed = ukhlsRoot.hasSuffix("/") ? String(ukhlsRoot.dropLast()) : ukhlsRoot
        let parent = (trimmed as NSString).deletingLastPathComponent
        let beside = (parent.isEmpty ? "." : parent) + "/lfs"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: beside, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        let found = LFSDownload(listing: try DownloadListing(root: beside))
        return found.quarters.isEmpty ? nil : found
    }

    /// A notice when the data is ukpanel's synthetic data (its truth.json lies beside the download).
    static func syntheticNotice(root: String, survey: String = "UKHLS") -> String? {
        var folder = root
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), !isFolder.boolValue {
            folder = (root as NSString).deletingLastPathComponent
        }
        for candidate in [folder, (folder as NSString).deletingLastPathComponent] where !candidate.isEmpty {
            if FileManager.default.fileExists(atPath: candidate + "/truth.json") {
                return
                    "Synthetic data: made by `ukpanel synth` (\(candidate)/truth.json), not the real \(survey). The numbers show the pipeline works; they are not findings."
            }
        }
        return nil
    }
}
