import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// The reproduction of the Tony Blair Institute's "Anywhere Jobs" breakdowns from LFS quarters and
/// a classification of occupations, with the report's figures beside ours, and, beyond the report,
/// the Anywhere Job share beside where people actually work, quarter by quarter.
public struct AnywhereReport: Sendable {
    /// Every estimate, in spec order.
    public let rows: [EstimateRow]
    /// The frames they were computed from (for the R cross-check).
    public let frames: AnywhereFrames
    public let weighted: Bool
    /// What classified the occupations (rules, release or table; how many Anywhere Jobs).
    public let classification: String
    /// Where the data came from: (quarter, file, people).
    public let sources: [(period: String, file: String, people: Int)]
    public let notes: [String]
    public let syntheticNotice: String?
    public let settings: EstimationSettings
    /// Cells holding codes the schema's lists do not have, per file and variable.
    public let unknownCodes: [UnknownCode]

    /// Classifies each person's occupation with `soc2010` (and `soc2020` for quarters coded to it), builds
    /// the frames and estimates.
    ///
    /// - Throws: `.missingVariable` when the schema lacks an indicator; `.invalidArgument` when none of
    ///   the report's quarters (April 2019 - March 2020) is in the data.
    public init(
        quarters: LFSQuarters, soc2010: [Int: Bool], soc2020: [Int: Bool] = [:], classification: String,
        weighted: Bool, syntheticNotice: String?, settings: EstimationSettings = .init()
    ) throws(SurveyError) {
        let frames = try AnywhereFrames(quarters: quarters, soc2010: soc2010, soc2020: soc2020, weighted: weighted)
        guard !frames.reportQuarters.isEmpty else {
            throw SurveyError(
                .invalidArgument, file: "--lfs",
                reason: "none of the report's quarters (Apr-Jun 2019 … Jan-Mar 2020) is in the LFS data given",
                hint: "give the LFS quarterly files lfsp_aj19 … lfsp_jm20 (ukpanel synth lfs makes synthetic ones)")
        }
        let practice = quarters.periods.filter { frames.frames[AnywhereFrames.quarterFrame($0)] != nil }
        rows = FrameEstimator.run(
            AnywhereTables.specs(quarters: practice), frames: frames.frames, weighted: weighted, settings: settings)
        self.frames = frames
        self.weighted = weighted
        self.classification = classification
        sources = quarters.sources.map { ($0.period.description, $0.file, $0.people) }
        var notes = [LFSReport.clusterNote] + quarters.notes + frames.exclusions
        if frames.reportQuarters.count < 4 {
            notes.append(
                "Only \(frames.reportQuarters.map(\.description).joined(separator: ", ")) of the report's four quarters are in the data."
            )
        }
        if !frames.unclassifiedQuarters.isEmpty {
            notes.append(
                "\(frames.unclassifiedQuarters.count) quarters (\(frames.unclassifiedQuarters.first?.description ?? "")-\(frames.unclassifiedQuarters.last?.description ?? "")) code occupations to SOC 2020 only: give a SOC 2020 classification (anywhere classify with a soc2020 crosswalk, --occupations-soc2020) to include them."
            )
        }
        self.notes = notes
        self.syntheticNotice = syntheticNotice
        self.settings = settings
        unknownCodes = quarters.unknownCodes
    }

    var index: EstimateIndex { EstimateIndex(rows) }

    /// The published figures beside ours.
    var comparison: [[String]] {
        var table = [["Figure", "Published", "ukpanel", "95% CI", "Difference (points)"]]
        for p in AnywhereTables.published {
            let row = index.row(p.table, AnywhereTables.period, p.group, p.category)
            let ours = row.map { $0.estimate.value } ?? .nan
            table.append([
                p.words, String(format: "%.0f%%", 100 * p.value),
                index.percent(p.table, AnywhereTables.period, p.group, p.category),
                row.map { String(format: "%.1f-%.1f", 100 * $0.estimate.lower, 100 * $0.estimate.upper) } ?? "–",
                ours.isFinite ? String(format: "%+.1f", 100 * (ours - p.value)) : "–",
            ])
        }
        return table
    }

    /// The number of Anywhere Jobs (the weighted count, an average over the quarters pooled).
    var anywhereCount: Double? {
        index.row("AJ_rate", AnywhereTables.period, "all workers", "all workers").map {
            $0.estimate.value * $0.estimate.weightedDomain
        }
    }

    /// One breakdown: each category's share of workers in Anywhere Jobs and share of Anywhere Jobs.
    func breakdownTable(_ b: AnywhereTables.Breakdown) -> [[String]] {
        var table = [[b.name.prefix(1).uppercased() + b.name.dropFirst(), "Workers in Anywhere Jobs", "Share of Anywhere Jobs", "n"]]
        for (_, name) in b.categories {
            table.append([
                name, index.percent("AJ_rate", AnywhereTables.period, b.name, name),
                index.percent("AJ_of", AnywhereTables.period, b.name, name),
                index.n("AJ_rate", AnywhereTables.period, b.name, name),
            ])
        }
        return table
    }

    var payTable: [[String]] {
        var table = [["Earnings decile", "Up to (£ a week)", "Employees in Anywhere Jobs", "n"]]
        for decile in 1...10 {
            let bound = decile <= frames.payDeciles.count ? String(format: "%.0f", frames.payDeciles[decile - 1]) : "–"
            table.append([
                String(decile), bound, index.percent("AJ_pay", AnywhereTables.period, "earnings decile", String(decile)),
                index.n("AJ_pay", AnywhereTables.period, "earnings decile", String(decile)),
            ])
        }
        return table
    }

    var quarters: [String] {
        var seen = Set<String>()
        return rows.filter { $0.spec.table == "AJ_potential" }.map(\.spec.period).filter { seen.insert($0).inserted }
    }

    /// Potential against practice: one row per (label, quarter, group, category), a column per measure.
    func practiceTable(_ first: String, rows: [(label: String, quarter: String, group: String, category: String)])
        -> [[String]]
    {
        var table = [[first] + AnywhereTables.practiceMeasures.map(\.words) + ["n"]]
        for r in rows {
            table.append(
                [r.label] + AnywhereTables.practiceMeasures.map { index.percent($0.table, r.quarter, r.group, r.category) }
                    + [index.n("AJ_potential", r.quarter, r.group, r.category)])
        }
        return table
    }

    /// All workers, quarter by quarter.
    var practiceByQuarter: [[String]] {
        practiceTable("Quarter", rows: quarters.map { ($0, $0, "all workers", "all workers") })
    }

    /// One quarter, by the categories of `group` (region or NS-SEC).
    func practiceByGroup(_ group: String, categories: [String], quarter: String) -> [[String]] {
        practiceTable("\(group == "region" ? "Region" : "NS-SEC") (\(quarter))", rows: categories.map { ($0, quarter, group, $0) })
    }

    var header: String {
        var parts: [String] = []
        if let syntheticNotice { parts.append("NOTE: \(syntheticNotice)") }
        parts.append(
            "Estimates are \(weighted ? "weighted" : "unweighted"); standard errors in brackets, percentage points. \(classification)"
        )
        return parts.joined(separator: "\n")
    }

    /// The tables for the terminal.
    public var terminalText: String {
        var parts = [header]
        parts.append("Anywhere Jobs, \(AnywhereTables.period): the report's figures beside ours\n" + TextTable.plain(comparison))
        if let major = AnywhereTables.breakdowns.first {
            parts.append("By major group (SOC 2010)\n" + TextTable.plain(breakdownTable(major)))
        }
        if !quarters.isEmpty {
            parts.append(
                "Potential against practice, all workers\n" + TextTable.plain(practiceByQuarter))
        }
        parts.append(notes.map { "- \($0)" }.joined(separator: "\n"))
        parts += unknownCodes.map { "Warning. \($0.sentence)" }
        return parts.joined(separator: "\n\n")
    }

    /// report.md.
    public var markdown: String {
        var md = "# Anywhere Jobs: a reproduction of the Tony Blair Institute's analysis (June 2021)\n\n"
        if let syntheticNotice { md += "> **\(syntheticNotice)**\n\n" }
        for code in unknownCodes { md += "> **Warning.** \(code.sentence)\n\n" }
        md += "Made by `ukpanel reproduce tbi-anywhere-jobs`. \(classification) "
        md +=
            "The LFS quarters of April 2019 to March 2020 are pooled, each quarter's person weight divided by the number of quarters; estimates are **\(weighted ? "weighted" : "unweighted")**, each cell the percentage and, in brackets, its standard error in percentage points. All estimates, with 95% confidence intervals and unweighted counts, are in `estimates.csv`.\n\n"
        md += "## The report's figures beside ours\n\n" + TextTable.markdown(comparison) + "\n\n"
        if weighted, let count = anywhereCount {
            md += String(
                format: "Anywhere Jobs counted with the weights: %.2f million (the report: 5.9 million).\n\n", count / 1e6)
        }
        md +=
            "Not compared: the report's industry groups (\"finance, research and real estate\" 28%, \"transport and communication\" 18%, manufacturing 13%) do not say which SIC 2007 sections they hold, and its pay medians (£544 against £438) are medians, not shares; the sections and earnings deciles are below.\n\n"
        md += "## Breakdowns\n\n"
        for b in AnywhereTables.breakdowns {
            md += "### By \(b.name)\n\n" + TextTable.markdown(breakdownTable(b)) + "\n\n"
        }
        md +=
            "### By earnings decile (employees with a gross weekly pay, income weights)\n\n" + TextTable.markdown(payTable)
            + "\n\n"
        if !quarters.isEmpty, let last = quarters.last {
            md +=
                "## Beyond the report: potential against practice\n\nFor every quarter, the share of workers whose occupation is an Anywhere Job beside the shares that actually work mainly at home (HOME = 1) or use home as a base (HOME 1-3), and how many of the Anywhere Jobs' holders work mainly at home.\n\n"
            md += "### All workers\n\n" + TextTable.markdown(practiceByQuarter) + "\n\n"
            md +=
                "### By region\n\n"
                + TextTable.markdown(practiceByGroup("region", categories: LFSDefinitions.regions.map(\.name), quarter: last))
                + "\n\n"
            md +=
                "### By NS-SEC class\n\n"
                + TextTable.markdown(practiceByGroup("NS-SEC", categories: LFSDefinitions.classes.map(\.name), quarter: last))
                + "\n\n"
        }
        md += "## Definitions\n\n" + AnywhereReport.definitions.map { "- **\($0.term)**: \($0.definition)" }.joined(separator: "\n") + "\n\n"
        md +=
            "## Data\n\n"
            + TextTable.markdown([["Quarter", "File", "People"]] + sources.map { [$0.period, "`\($0.file)`", "\($0.people)"] })
            + "\n\n"
        md += notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        return md
    }

    /// The definitions the report prints.
    static let definitions: [(term: String, definition: String)] = [
        (
            "Anywhere Job",
            "the main job's occupation (SOC 2010 unit group, SOC10M; SOC 2020, SOC20M, with --occupations-soc2020 where only that is coded) is above none of the model's cut-offs (see `ukpanel anywhere classify`)"
        ),
        ("worker", "in employment by the ILO definition (ILODEFR = 1) with an occupation the classification covers"),
        ("degree", "highest qualification HIQUL15D (HIQUL22D from 2022) = 1, degree or equivalent"),
        ("age", "AGE at interview; older workers are those aged 35 and over"),
        (
            "family type",
            "FUTYPE6 grouped for the head of the family unit and their partner (RELHFU 1-2): living alone, couple without children, couple with dependent children, couple with non-dependent children only, lone parent with dependent children, lone parent with non-dependent children only; a son or daughter in the family (RELHFU 3; without RELHFU, anyone aged 18 or under) is counted apart; parents are heads and partners of families with dependent children. Anywhere Jobs' make-up by industry, qualification and family is among those whose category is known"
        ),
        (
            "earnings decile",
            "employees (INECAC05 = 1) with a gross weekly pay (GRSSWK, asked in waves 1 and 5), weighted by the income weight PIWTyy; deciles of the pooled pay"
        ),
        ("potential against practice", "per quarter, workers in Anywhere Jobs beside HOME (1 own home; 1-3 home as a base)"),
    ]

    /// The figures: Anywhere Jobs by major group and by region (ours beside the published shares),
    /// and potential against practice by quarter.
    public var figures: [(name: String, svg: String)] {
        let notice = syntheticNotice.map { _ in "Synthetic data: not findings" }
        var figures: [(String, String)] = []
        func published(_ table: String, _ group: String, _ category: String) -> EstimateRow? {
            guard let p = AnywhereTables.published.first(where: { $0.table == table && $0.group == group && $0.category == category }),
                let ours = index.row(table, AnywhereTables.period, group, category)
            else { return nil }
            // The published share as a point: no interval, never a small cell.
            var row = ours
            row.estimate.value = p.value
            row.estimate.standardError = .nan
            row.estimate.lower = p.value
            row.estimate.upper = p.value
            row.estimate.domainCount = Int.max
            return row
        }
        for (name, table, breakdown, title) in [
            ("figure-major-groups.svg", "AJ_of", "major group", "Anywhere Jobs by major group (share of all Anywhere Jobs)"),
            ("figure-regions.svg", "AJ_of", "region", "Anywhere Jobs by region (share of all Anywhere Jobs)"),
        ] {
            guard let b = AnywhereTables.breakdowns.first(where: { $0.name == breakdown }) else { continue }
            let categories = b.categories.map(\.name)
            figures.append((
                name,
                DotPlotSVG.render(
                    title: title, categories: categories,
                    series: [
                        DotPlotSVG.Series(
                            label: "ukpanel", colour: "#1f6f8b",
                            rows: categories.map { index.row(table, AnywhereTables.period, breakdown, $0) }),
                        DotPlotSVG.Series(
                            label: "published", colour: "#c0392b",
                            rows: categories.map { published(table, breakdown, $0) }),
                    ], axisTitle: "share of Anywhere Jobs", notice: notice, minimumCases: settings.minimumCases)
            ))
        }
        if !quarters.isEmpty {
            figures.append((
                "figure-potential-practice.svg",
                DotPlotSVG.render(
                    title: "Potential against practice: workers in Anywhere Jobs and working at home, by quarter",
                    categories: quarters,
                    series: zip(AnywhereTables.practiceMeasures.prefix(3), ["#1f6f8b", "#c0392b", "#7f8c8d"]).map { m, colour in
                        DotPlotSVG.Series(
                            label: m.words, colour: colour,
                            rows: quarters.map { index.row(m.table, $0, "all workers", "all workers") })
                    }, axisTitle: "share of workers", notice: notice, minimumCases: settings.minimumCases)
            ))
        }
        return figures
    }

    /// Writes estimates.csv, report.md and the figures into `folder`, each atomically.
    public func write(to folder: String) throws -> [String] {
        try ReportFiles.write(
            [
                ("estimates.csv", try ReportFiles.csv(rows, synthetic: syntheticNotice != nil)),
                ("report.md", Array(markdown.utf8)),
            ] + figures.map { ($0.name, Array($0.svg.utf8)) }, to: folder)
    }

    /// Writes the frames and specs for `scripts/crosscheck-r.R`.
    public func writeFrames(to folder: String) throws {
        try ReportFiles.writeFrames(frames.frames, rows: rows, to: folder)
    }
}
