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
        abstract: "The ESRC briefing \"Working from home and regional disparities\": Table 1, Figure 1, and tables by region, mobility and reasons for moving.",
        discussion: """
        Reads waves 8-14 (h-n), links people across waves by pidp, and estimates with the survey design
        (weights, strata, PSU). Prints the tables and writes DIR/estimates.csv (one row per estimate),
        DIR/report.md and DIR/figure1.svg. With no --data it runs on the committed sample (samples/ukhls).
        """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: "The folder for estimates.csv, report.md and figure1.svg.")
    var out = "out/esrc-2025"

    @Flag(name: .long, help: "Unweighted estimates (every person counts once; the design's clustering is kept for standard errors).")
    var unweighted = false

    @Option(name: .long, help: ArgumentHelp("Also write the estimation frames and specs here, for scripts/crosscheck-r.sh.", valueName: "DIR"))
    var frames: String?

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let root = try dataOptions.root()
        let download = try UKHLSDownload(root: root)
        let quiet = reading.quiet || isatty(2) == 0
        let say: @Sendable (String) -> Void = { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
        let started = Date()
        let panel = try UKHLSPanel.load(
            download: download, schema: schema, only: Set(8...14), options: reading.tableOptions, progress: say)
        say(String(format: "read %d waves in %.1f s", panel.waves.count, Date().timeIntervalSince(started)))
        let report = BriefingReport(panel: panel, weighted: !unweighted, syntheticNotice: Self.syntheticNotice(root: root))
        let written = try report.write(to: out)
        if let frames { try report.writeFrames(to: frames) }
        print(report.terminalText)
        print("")
        for path in written { print("wrote \(path)") }
    }

    /// A notice when the data is ukpanel's synthetic data (its truth.json lies beside the download).
    static func syntheticNotice(root: String) -> String? {
        var folder = root
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), !isFolder.boolValue {
            folder = (root as NSString).deletingLastPathComponent
        }
        for candidate in [folder, (folder as NSString).deletingLastPathComponent] where !candidate.isEmpty {
            if FileManager.default.fileExists(atPath: candidate + "/truth.json") {
                return "Synthetic data: made by `ukpanel synth` (\(candidate)/truth.json), not the real UKHLS. The numbers show the pipeline works; they are not findings."
            }
        }
        return nil
    }
}
