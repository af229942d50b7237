import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// `ukpanel anywhere classify`: reads an O*NET release and a crosswalk, classifies every UK unit
/// group by the rules, and writes the table (CSV, one row per unit group) with its provenance.
public struct AnywhereClassifyPipeline: ExportPipeline, Sendable {
    public var release: ONetRelease
    public var crosswalk: DataInput
    public var rules: AnywhereRules
    /// The rules file, when the rules are not the built-in ones (an input, for batch's manifest).
    public var rulesFile: DataInput?
    /// The table to write (`.csv`).
    public var out: String
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var command: [String] = []
    public var dataRoot: String?

    public init(
        release: ONetRelease, crosswalk: DataInput, rules: AnywhereRules, out: String, syntheticNotice: String?,
        options: ReadOptions = .init()
    ) {
        self.release = release
        self.crosswalk = crosswalk
        self.rules = rules
        self.out = out
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    public var inputs: [DataInput] {
        [
            ONetReleaseFiles.scalesReference, ONetReleaseFiles.workActivities, ONetReleaseFiles.workContext,
            ONetReleaseFiles.occupationData,
        ]
            .compactMap { release.files[$0] } + [crosswalk] + (rulesFile.map { [$0] } ?? [])
    }

    /// Reads, classifies and returns the classification (for `reproduce tbi-anywhere-jobs`, which
    /// classifies before it estimates).
    public func classify() throws -> AnywhereClassification {
        let ratings = try ONetRatings.read(release, rules: rules, options: options)
        let links = try OccupationCrosswalk.read(crosswalk, options: options)
        let titles = links.classification == "soc2010" ? SOC2010.titlesByCode : [:]
        return try AnywhereClassification(ratings: ratings, crosswalk: links, rules: rules, titles: titles)
    }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        guard out.lowercased().hasSuffix(".csv") else {
            throw SurveyError(
                .invalidArgument, file: "--out \(out)", reason: "the occupations table is written as .csv")
        }
        let result = try classify()
        let written = try writeTable(result)
        let anywhere = result.occupations.filter { $0.anywhere == true }.count
        var notes = result.warnings
        if rules.cutoffsConfidence == "unverified" {
            notes.append(
                "the cut-offs of \(rules.origin) are unverified (the report does not publish them): the flags follow from them")
        }
        return PipelineResult(
            summary:
                "\(result.occupations.count) unit groups (\(result.classification)), \(anywhere) Anywhere Jobs by \(rules.variables.count) variables → \(out)",
            outputs: written, terminalText: Self.summaryTable(result), warnings: notes)
    }

    /// Writes `result` as the table `out` (atomically) and its provenance beside it; returns both paths.
    public func writeTable(_ result: AnywhereClassification) throws -> [String] {
        let file = try AtomicOutputFile(path: out)
        let writer = CSVWriter(sink: file.sink)
        try writer.row(result.csvHeader)
        for occupation in result.occupations { try writer.row(AnywhereClassification.csvFields(occupation)) }
        try writer.finish()
        try file.commit()
        return try addingProvenance(to: [out])
    }

    /// Unit groups and Anywhere Jobs by major group, for the terminal.
    static func summaryTable(_ result: AnywhereClassification) -> String {
        var rows = [["Major group", "Unit groups", "Anywhere Jobs", "Not known"]]
        for major in 1...9 {
            let group = result.occupations.filter { $0.code / 1000 == major }
            guard !group.isEmpty else { continue }
            rows.append([
                "\(major) \(SOC2010.majorGroups[major] ?? "")", String(group.count),
                String(group.filter { $0.anywhere == true }.count), String(group.filter { $0.anywhere == nil }.count),
            ])
        }
        let all = result.occupations
        rows.append([
            "All", String(all.count), String(all.filter { $0.anywhere == true }.count),
            String(all.filter { $0.anywhere == nil }.count),
        ])
        return "Anywhere Jobs among UK unit groups (\(result.rules.model))\n" + TextTable.plain(rows)
    }
}
