import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveySchema

/// `ukpanel reproduce tbi-anywhere-jobs`.
struct ReproduceTBICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tbi-anywhere-jobs",
        abstract:
            "The Tony Blair Institute's \"Anywhere Jobs\" (2021): Anywhere Jobs by occupation, industry, region, qualification, earnings, sex, age and family, and potential against practice 2019-2024.",
        discussion: """
            Classifies UK SOC 2010 unit groups from O*NET (as `anywhere classify`; or takes a table it wrote, with
            --occupations), reads the LFS quarters, and estimates from April 2019 - March 2020 pooled (person weights
            divided by the quarters pooled; households as clusters) the share of workers in Anywhere Jobs and the
            make-up of Anywhere Jobs by each breakdown, employees by earnings decile (income weights), and for
            every quarter the Anywhere share beside HOME (mainly at home; home as a base) by region and NS-SEC
            class. Writes DIR/estimates.csv, DIR/report.md (the report's figures beside ours), DIR/figure-*.svg,
            DIR/occupations.csv (the classification used) and DIR/provenance.json. With no options it runs on the
            committed samples (samples/lfs, samples/onet).
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "LFS quarterly files: a folder, a zip or a file (repeat). Default: samples/lfs.", valueName: "PATH"))
    var lfs: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A classification written by `anywhere classify` (instead of classifying from --onet).", valueName: "TABLE"))
    var occupations: String?

    @Option(
        name: .customLong("occupations-soc2020"),
        help: ArgumentHelp("A SOC 2020 classification for quarters from 2021 coded only to SOC 2020.", valueName: "TABLE"))
    var occupationsSOC2020: String?

    @OptionGroup var model: OccupationModelOptions
    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var reading: ReadingOptions
    @OptionGroup var estimation: EstimationOptions

    @Option(name: .long, help: "The folder for estimates.csv, report.md, the figures and provenance.json.")
    var out = "out/tbi-anywhere-jobs"

    @Flag(name: .long, help: "Unweighted estimates (every person counts once; households stay the clusters).")
    var unweighted = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write the estimation frames and specs here, for scripts/crosscheck-r.sh.", valueName: "DIR"))
    var frames: String?

    func validate() throws {
        if occupationsSOC2020 != nil && occupations == nil {
            throw ValidationError("--occupations-soc2020 goes with --occupations (the SOC 2010 table)")
        }
        if occupations != nil && (model.onet != nil || model.crosswalk != nil || model.rules != nil) {
            throw ValidationError("--occupations is a classification already made: leave out --onet, --crosswalk and --rules")
        }
        if !lfs.isEmpty && occupations == nil && (model.onet == nil || model.crosswalk == nil) {
            throw ValidationError(
                "with real LFS data (--lfs), say which O*NET release and crosswalk classify the occupations (--onet, --crosswalk) or give --occupations; the committed samples/onet is synthetic"
            )
        }
    }

    func run() throws {
        let roots = lfs.isEmpty ? [try OccupationModelOptions.given(nil, default: "samples/lfs", option: "--lfs")] : lfs
        let download = try LFSDownload(roots: roots)
        guard !download.quarters.isEmpty else {
            throw SurveyError(.invalidArgument, file: "--lfs \(roots.joined(separator: " "))", reason: "no LFS quarterly files (lfsp_<quarter><yy>_eul…) there")
        }
        let classified: AnywhereJobsPipeline.Occupations
        if let occupations {
            classified = .tables(soc2010: DataInput.parse(occupations), soc2020: occupationsSOC2020.map(DataInput.parse))
        } else {
            let release = try model.release()
            var classify = AnywhereClassifyPipeline(
                release: release, crosswalk: try model.crosswalkInput(), rules: try model.loadRules(),
                out: out + "/occupations.csv", syntheticNotice: SyntheticNotice.find(root: release.root, survey: "O*NET"),
                options: reading.tableOptions)
            classify.rulesFile = model.rules.map { DataInput(path: $0) }
            classify.command = CommandLine.arguments
            classified = .model(classify)
        }
        var pipeline = AnywhereJobsPipeline(
            download: download, files: download.quarters(within: nil), schema: try schemaOptions.load("lfs"), occupations: classified,
            weighted: !unweighted, out: out, framesFolder: frames,
            syntheticNotice: Self.notice(lfs: roots[0], classified: classified), options: reading.tableOptions)
        estimation.apply(to: &pipeline)
        try runTables(pipeline, label: "reproduce", reading: reading)
    }

    /// The notice for synthetic input: the LFS's, and the O*NET release's when the occupations are
    /// classified from synthetic ratings.
    static func notice(lfs: String, classified: AnywhereJobsPipeline.Occupations) -> String? {
        var notices = [SyntheticNotice.find(root: lfs, survey: "LFS")]
        if case .model(let model) = classified { notices.append(model.syntheticNotice) }
        let found = notices.compactMap { $0 }
        return found.isEmpty ? nil : found.joined(separator: " ")
    }
}
