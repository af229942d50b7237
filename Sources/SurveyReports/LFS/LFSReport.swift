import SurveyFiles
import SurveyPanel
import SurveySchema

/// The output of `ukpanel tables lfs-wfh` and `tables lfs-transitions`: estimates,
/// and the files that present them (estimates.csv, report.md).
public struct LFSReport: Sendable {
    /// Which table set.
    public enum Kind: String, Sendable {
        case homeWorking = "lfs-wfh"
        case transitions = "lfs-transitions"
    }

    public let kind: Kind
    /// Every estimate, in spec order.
    public let rows: [EstimateRow]
    /// The frames they were computed from (for the R cross-check).
    public let frames: [String: EstimationFrame]
    public let weighted: Bool
    /// Where the data came from: (label, file, people).
    public let sources: [(label: String, file: String, people: Int)]
    /// Notes on the input and the method.
    public let notes: [String]
    /// A line saying the input is synthetic, when it is.
    public let syntheticNotice: String?
    /// Tables left incomplete by a variable absent from a file or without a valid value.
    public let gaps: [TableGap]
    /// Cells holding codes the schema's lists do not have (read as missing, `unknown_code`), per file and variable.
    public let unknownCodes: [UnknownCode]

    static let clusterNote =
        "The end-user LFS carries no strata or PSUs: standard errors treat households (HSERIALP) as clusters in a single stratum."

    /// Home-working by quarter, region and class.
    ///
    /// - Throws: `.missingVariable` when the schema does not declare an indicator the tables need.
    public init(
        homeWorking quarters: LFSQuarters, weighted: Bool, syntheticNotice: String?,
        settings: EstimationSettings = .init()
    ) throws(SurveyError) {
        let built = try LFSFrames(quarters: quarters, weighted: weighted)
        kind = .homeWorking
        frames = built.frames
        rows = FrameEstimator.run(
            LFSTables.homeWorking(periods: quarters.periods), frames: built.frames, weighted: weighted,
            settings: settings)
        self.weighted = weighted
        sources = quarters.sources.map { ($0.period.description, $0.file, $0.people) }
        notes = [Self.clusterNote] + quarters.notes + built.exclusions
        self.syntheticNotice = syntheticNotice
        gaps = LFSGaps.find(in: quarters)
        unknownCodes = quarters.unknownCodes
    }

    /// Quarter-to-quarter transitions from the longitudinal datasets (and linked quarterly files, when given).
    public init(
        transitions longitudinal: [LFSLongitudinalData], linked: LFSQuarters?, weighted: Bool, syntheticNotice: String?,
        settings: EstimationSettings = .init()
    ) throws(SurveyError) {
        let built = try LFSFrames(longitudinal: longitudinal, linked: linked, weighted: weighted)
        kind = .transitions
        frames = built.frames
        rows = FrameEstimator.run(
            LFSTables.transitions(longitudinal: longitudinal.map(\.file), linkedPairs: built.linkedPairs?.periods),
            frames: built.frames, weighted: weighted, settings: settings)
        self.weighted = weighted
        var sources = longitudinal.map {
            (LFSTables.datasetName($0.file), $0.file.input.description, $0.histories.count)
        }
        sources += (linked?.sources ?? []).map { ($0.period.description, $0.file, $0.people) }
        self.sources = sources
        var notes = [
            "Each person of a longitudinal dataset is a cluster; linked quarterly pairs are clustered by household."
        ]
        notes += (linked?.notes ?? []) + built.exclusions
        if let pairs = built.linkedPairs {
            notes.append(
                "\(pairs.count) pairs of consecutive quarters linked by CASENOP (an unverified setting for end-user files)."
            )
        }
        self.notes = notes
        self.syntheticNotice = syntheticNotice
        var gaps = LFSGaps.find(in: longitudinal)
        if let linked { gaps += LFSGaps.find(in: linked).filter { $0.tables.contains("the tables") } }
        self.gaps = gaps
        unknownCodes = longitudinal.flatMap(\.unknownCodes) + (linked?.unknownCodes ?? [])
    }

    var index: EstimateIndex { EstimateIndex(rows) }

    /// Periods in the estimates, in order of first appearance.
    var periods: [String] {
        var seen = Set<String>()
        return rows.map(\.spec.period).filter { seen.insert($0).inserted }
    }

    func quarterTable(_ measure: String, groups: [(group: String, category: String, label: String)]) -> [[String]] {
        var table = [["Quarter"] + groups.map(\.label) + ["n"]]
        for p in periods {
            table.append(
                [p] + groups.map { index.percent(measure, p, $0.group, $0.category) } + [
                    index.n(measure, p, "all workers", "all workers")
                ])
        }
        return table
    }

    var classGroups: [(group: String, category: String, label: String)] {
        [("all workers", "all workers", "All workers")] + LFSDefinitions.classes.map { ("NS-SEC", $0.name, $0.name) }
    }
    var regionGroups: [(group: String, category: String, label: String)] {
        LFSDefinitions.regions.map { ("region", $0.name, $0.name) }
    }

    func regionTable(_ period: String) -> [[String]] {
        var table = [["Region (\(period))"] + LFSTables.measures.map { "Workers " + $0.words } + ["n"]]
        for (_, name) in LFSDefinitions.regions {
            table.append(
                [name] + LFSTables.measures.map { index.percent($0.table, period, "region", name) }
                    + [index.n(LFSTables.measures[0].table, period, "region", name)])
        }
        return table
    }

    var transitionTable: [[String]] {
        var seen = Set<String>()
        let keys = rows.map { ($0.spec.group, $0.spec.period) }.filter { seen.insert($0.0 + "|" + $0.1).inserted }
        var table = [["Dataset", "Quarters"] + LFSTables.transitionCategories.map(\.name) + ["n in work in both"]]
        for (group, period) in keys {
            table.append(
                [group, period]
                    + LFSTables.transitionCategories.map { index.percent("lfs_transitions", period, group, $0.name) }
                    + [index.n("lfs_transitions", period, group, "home-based in both")])
        }
        return table
    }

    var header: String {
        var parts: [String] = []
        if let syntheticNotice { parts.append("NOTE: \(syntheticNotice)") }
        parts += gaps.map { "Warning. \($0.sentence)" }
        parts.append(
            "Estimates are \(weighted ? "weighted" : "unweighted"); standard errors in brackets, percentage points.")
        return parts.joined(separator: "\n")
    }

    /// The tables for the terminal.
    public var terminalText: String {
        var parts = [header]
        switch kind {
        case .homeWorking:
            for m in LFSTables.measures {
                parts.append(
                    "Workers \(m.words), by quarter and NS-SEC class\n"
                        + TextTable.plain(quarterTable(m.table, groups: classGroups)))
            }
            if let last = periods.last { parts.append(TextTable.plain(regionTable(last))) }
        case .transitions:
            parts.append("Quarter-to-quarter transitions\n" + TextTable.plain(transitionTable))
        }
        parts.append(notes.map { "- \($0)" }.joined(separator: "\n"))
        parts += unknownCodes.map { "Warning. \($0.sentence)" }
        return parts.joined(separator: "\n\n")
    }

    /// report.md.
    public var markdown: String {
        var md: String
        switch kind {
        case .homeWorking:
            md = "# Home-working in the Labour Force Survey, by quarter\n\n"
        case .transitions:
            md = "# Quarter-to-quarter transitions in the Labour Force Survey\n\n"
        }
        if let syntheticNotice { md += "> **\(syntheticNotice)**\n\n" }
        for gap in gaps { md += "> **Warning.** \(gap.sentence)\n\n" }
        for code in unknownCodes { md += "> **Warning.** \(code.sentence)\n\n" }
        md +=
            "Made by `ukpanel tables \(kind.rawValue)`. Estimates are **\(weighted ? "weighted" : "unweighted")**; each cell gives the percentage and, in brackets, its standard error in percentage points. "
        md += "All estimates, with 95% confidence intervals and unweighted counts, are in `estimates.csv`.\n\n"
        switch kind {
        case .homeWorking:
            for m in LFSTables.measures {
                md +=
                    "## Workers \(m.words)\n\n### By NS-SEC class\n\n"
                    + TextTable.markdown(quarterTable(m.table, groups: classGroups)) + "\n\n"
                md += "### By region\n\n" + TextTable.markdown(quarterTable(m.table, groups: regionGroups)) + "\n\n"
            }
            md +=
                "## Definitions\n\n"
                + LFSDefinitions.text.map { "- **\($0.term)**: \($0.definition)" }.joined(separator: "\n") + "\n\n"
        case .transitions:
            md += "## Transitions\n\n" + TextTable.markdown(transitionTable) + "\n\n"
            md +=
                "## Definitions\n\n"
                + LFSDefinitions.transitionText.map { "- **\($0.term)**: \($0.definition)" }.joined(separator: "\n")
                + "\n\n"
        }
        md +=
            "## Data\n\n"
            + TextTable.markdown(
                [["Quarter or dataset", "File", "People"]] + sources.map { [$0.label, "`\($0.file)`", "\($0.people)"] })
            + "\n\n"
        md += notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        return md
    }

    /// Writes estimates.csv and report.md into `folder`, each atomically.
    public func write(to folder: String) throws -> [String] {
        try ReportFiles.write(
            [
                ("estimates.csv", try ReportFiles.csv(rows, synthetic: syntheticNotice != nil)),
                ("report.md", Array(markdown.utf8)),
            ], to: folder)
    }

    /// Writes the frames and specs for `scripts/crosscheck-r.R`.
    public func writeFrames(to folder: String) throws {
        try ReportFiles.writeFrames(frames, rows: rows, to: folder)
    }
}
