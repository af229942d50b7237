import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyPipelines
import SurveySchema

/// `ukpanel anywhere`: which occupations could be done from anywhere (the Tony Blair Institute's
/// Anywhere Jobs), from O*NET's task ratings.
public struct AnywhereCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "anywhere",
        abstract: "Anywhere Jobs: UK occupations classified from O*NET's task ratings.",
        subcommands: [AnywhereClassifyCommand.self])

    public init() {}
}

/// The O*NET release, crosswalk and rules options shared by `anywhere classify` and
/// `reproduce tbi-anywhere-jobs`.
struct OccupationModelOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The O*NET database text release: its folder (db_25_1_text) or its zip. Default: the committed synthetic release (samples/onet/db_25_1_text.zip).",
            valueName: "DIR"))
    var onet: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The crosswalk from UK SOC unit groups to O*NET-SOC codes (tab-delimited: soc2010, onet_soc_code or same_as_soc2010). Default: samples/onet/soc2010-onet-crosswalk.tab.",
            valueName: "FILE"))
    var crosswalk: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The model's variables and cut-offs (YAML; `ukpanel anywhere classify --show-rules` prints the built-in ones to start from).",
            valueName: "FILE"))
    var rules: String?

    /// The committed synthetic release, used when no --onet is given.
    static let sampleRelease = "samples/onet/db_25_1_text.zip"
    static let sampleCrosswalk = "samples/onet/soc2010-onet-crosswalk.tab"

    func release() throws -> ONetRelease {
        try ONetRelease(root: try Self.given(onet, default: Self.sampleRelease, option: "--onet"))
    }

    func crosswalkInput() throws -> DataInput {
        DataInput.parse(try Self.given(crosswalk, default: Self.sampleCrosswalk, option: "--crosswalk"))
    }

    func loadRules() throws -> AnywhereRules {
        try rules.map { try AnywhereRules.load(path: $0) } ?? AnywhereRules.builtin()
    }

    /// `value`, or the committed sample when it is here.
    static func given(_ value: String?, default sample: String, option: String) throws -> String {
        if let value { return value }
        guard FileManager.default.fileExists(atPath: sample) else {
            throw SurveyError(
                .invalidArgument, file: option,
                reason:
                    "no \(option) given and the default sample \(sample) is not here: run from the ukpanel folder, or give \(option)"
            )
        }
        return sample
    }
}

/// `ukpanel anywhere classify`.
struct AnywhereClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify UK occupations as Anywhere Jobs or not from an O*NET release and a crosswalk.",
        discussion: """
            Reads Work Activities.txt and Work Context.txt of the O*NET text release as distributed (columns by
            name), puts each rating on O*NET's 0-100 scale ((value - minimum) / (maximum - minimum) x 100, with
            the ranges of Scales Reference.txt), and for each UK unit group of the crosswalk averages each
            variable over its O*NET occupations (a same_as match takes another unit group's scores). A unit group
            above any variable's cut-off cannot be done from anywhere; above none, it is an Anywhere Job.
            Writes one row per unit group: its scores, the variables above their cut-offs, and the flag, with
            FILE's provenance beside it. The built-in rules are the report's 18 variables; the report does not
            publish its cut-offs, so theirs (62.5 each, Koren and Pető's starting point) are unverified.
            """)

    @OptionGroup var model: OccupationModelOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: ArgumentHelp("The table to write (.csv).", valueName: "FILE"))
    var out = "out/anywhere/occupations.csv"

    @Flag(name: .long, help: "Print the built-in rules (YAML) and stop.")
    var showRules = false

    func run() throws {
        if showRules {
            print(BuiltinRules.anywhereJobs, terminator: "")
            return
        }
        let release = try model.release()
        let folder = PathNames.folder(of: out)
        if !folder.isEmpty { try OutputFolders.create(folder) }
        var pipeline = AnywhereClassifyPipeline(
            release: release, crosswalk: try model.crosswalkInput(), rules: try model.loadRules(), out: out,
            syntheticNotice: SyntheticNotice.find(root: release.root, survey: "O*NET"),
            options: reading.tableOptions)
        pipeline.rulesFile = model.rules.map { DataInput(path: $0) }
        pipeline.command = CommandLine.arguments
        try runTables(pipeline, label: "anywhere classify", reading: reading)
    }
}
