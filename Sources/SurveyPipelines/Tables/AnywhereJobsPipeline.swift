import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// `ukpanel reproduce tbi-anywhere-jobs`: classifies occupations (from an O*NET release and a
/// crosswalk, or a table `anywhere classify` wrote), reads the LFS quarters, estimates the report's
/// breakdowns and potential against practice, and writes estimates.csv, report.md, the figures and
/// the classification it used (occupations.csv).
public struct AnywhereJobsPipeline: ReportPipeline {
    /// Where the classification comes from.
    public enum Occupations: Sendable {
        /// Classified now, from O*NET.
        case model(AnywhereClassifyPipeline)
        /// A table written by `anywhere classify` (and optionally one for SOC 2020 quarters).
        case tables(soc2010: DataInput, soc2020: DataInput?)
    }

    public var download: LFSDownload
    /// The quarterly files to read.
    public var files: [LFSDownload.QuarterFile]
    public var schema: Schema
    public var occupations: Occupations
    public var weighted: Bool
    public var out: String
    public var framesFolder: String?
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var settings = EstimationSettings()
    public var command: [String] = []

    public init(
        download: LFSDownload, files: [LFSDownload.QuarterFile], schema: Schema, occupations: Occupations,
        weighted: Bool, out: String, framesFolder: String? = nil, syntheticNotice: String?, options: ReadOptions
    ) {
        self.download = download
        self.files = files
        self.schema = schema
        self.occupations = occupations
        self.weighted = weighted
        self.out = out
        self.framesFolder = framesFolder
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    public var inputs: [DataInput] {
        let classified: [DataInput]
        switch occupations {
        case .model(let model): classified = model.inputs
        case .tables(let a, let b): classified = [a] + (b.map { [$0] } ?? [])
        }
        return classified + files.map(\.input)
    }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        var soc2010: [Int: Bool] = [:]
        var soc2020: [Int: Bool] = [:]
        var described: String
        var warnings: [String] = []
        // The classification used, written with the report (never before it is known to succeed).
        var writeClassification: () throws -> [String] = { [] }
        switch occupations {
        case .model(var model):
            let result = try model.classify()
            guard result.classification == "soc2010" else {
                throw SurveyError(
                    .invalidArgument, file: "--crosswalk", reason: "the report's quarters are coded to SOC 2010: give a soc2010 crosswalk")
            }
            for o in result.occupations { if let flag = o.anywhere { soc2010[o.code] = flag } }
            let anywhere = result.occupations.filter { $0.anywhere == true }.count
            described =
                "Occupations classified by \(result.rules.model) (\(result.rules.origin); cut-offs \(result.rules.cutoffsConfidence.isEmpty ? "as given" : result.rules.cutoffsConfidence)) from \(model.release.root) and \(model.crosswalk.description): \(anywhere) of \(result.occupations.count) SOC 2010 unit groups are Anywhere Jobs."
            warnings += result.warnings
            model.out = out + "/occupations.csv"
            let table = model
            writeClassification = { try table.writeTable(result) }
        case .tables(let a, let b):
            let first = try OccupationTable.read(a)
            guard first.classification == "soc2010" else {
                throw SurveyError(
                    .invalidArgument, file: a.description, variable: first.classification,
                    reason: "is a SOC 2020 table: the report's quarters are coded to SOC 2010",
                    hint: "give a soc2010 table with --occupations, and this one with --occupations-soc2020")
            }
            soc2010 = first.anywhere
            if let b {
                let second = try OccupationTable.read(b)
                guard second.classification == "soc2020" else {
                    throw SurveyError(
                        .invalidArgument, file: b.description, reason: "is not a SOC 2020 table (its code column is soc2010)")
                }
                soc2020 = second.anywhere
            }
            described =
                "Occupations classified by the table \(a.description)\(b.map { " and \($0.description)" } ?? ""): \(soc2010.values.filter { $0 }.count + soc2020.values.filter { $0 }.count) Anywhere unit groups."
        }
        let started = Date()
        var chosen = download
        chosen.quarters = files
        let quarters = try LFSQuarters.load(
            download: chosen, schema: schema, options: options, progress: messages,
            bytes: { progress.update(consumed: $1, total: $2, item: $0) })
        messages(String(format: "read %d quarters in %.1f s", quarters.quarters.count, Date().timeIntervalSince(started)))
        let report = try AnywhereReport(
            quarters: quarters, soc2010: soc2010, soc2020: soc2020, classification: described, weighted: weighted,
            syntheticNotice: syntheticNotice, settings: settings)
        try OutputFolders.create(out)
        let written = try addingProvenance(to: try report.write(to: out) + writeClassification())
        if let framesFolder { try report.writeFrames(to: framesFolder) }
        return PipelineResult(
            summary: "\(files.count) LFS quarters (\(LFSDownload.span(files))) → \(out)/", outputs: written,
            terminalText: report.terminalText, warnings: warnings + report.unknownCodes.map(\.sentence))
    }
}
