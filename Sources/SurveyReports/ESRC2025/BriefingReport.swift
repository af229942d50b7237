import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// The reproduction of the ESRC briefing "Working from home and regional
/// disparities": its estimates, and the files that present them.
public struct BriefingReport: Sendable {
    /// Every estimate, in spec order.
    public let rows: [EstimateRow]
    /// The frames they were computed from (for the R cross-check).
    public let frames: BriefingFrames
    /// Whether estimates are weighted.
    public let weighted: Bool
    /// Where the data came from, for the report: wave → file.
    public let sources: [(wave: Int, file: String, people: Int)]
    /// Notes on the input (discovery notes, exclusions).
    public let notes: [String]
    /// A line saying the input is synthetic, when it is.
    public let syntheticNotice: String?

    /// The LFS year frames of T5 (empty without LFS data).
    public let lfsFrames: [String: EstimationFrame]
    /// The years T5 covers: those with both UKHLS interviews and whole LFS quarters.
    public let table5Years: [Int]
    /// The LFS quarters read for T5: (quarter, file, people).
    public let lfsSources: [(period: String, file: String, people: Int)]
    /// How the estimates were made (intervals, small cells).
    public let settings: EstimationSettings
    /// Tables empty or incomplete because a variable they rest on is absent or has no valid value.
    public let gaps: [TableGap]
    /// Cells holding codes the schema's lists do not have (read as missing, `unknown_code`), per file and variable.
    public let unknownCodes: [UnknownCode]

    /// Computes the briefing's estimates from `panel`, and T5 when `lfs` is given.
    ///
    /// - Throws: `.missingVariable` when a schema does not declare an indicator the briefing needs.
    /// Files are named relative to `dataRoot` (the folder given as `--data`) when they are inside it.
    public init(
        panel: UKHLSPanel, lfs: LFSQuarters? = nil, weighted: Bool, syntheticNotice: String?,
        dataRoot: String? = nil, settings: EstimationSettings = .init()
    ) throws(SurveyError) {
        let frames = try BriefingFrames(panel: panel, weighted: weighted)
        let waves = panel.waves.keys.sorted()
        var specs = BriefingTables.specs(waves: waves)
        var all = frames.frames
        var notes = panel.notes + frames.exclusions
        var years: [Int] = []
        var lfsFrames: [String: EstimationFrame] = [:]
        if let lfs {
            let built = try LFSFrames(quarters: lfs, weighted: weighted, years: true)
            let ukhlsYears = Set(frames.frames["pooled"]?.column("year") ?? []).map(Int.init)
            years = ukhlsYears.filter { built.frames[LFSFrames.yearFrame($0)] != nil }.sorted()
            for year in years { lfsFrames[LFSFrames.yearFrame(year)] = built.frames[LFSFrames.yearFrame(year)] }
            all.merge(lfsFrames) { a, _ in a }
            specs += LFSTables.table5(years: years)
            notes += lfs.notes + built.exclusions + [LFSReport.clusterNote]
        }
        self.rows = FrameEstimator.run(specs, frames: all, weighted: weighted, settings: settings)
        self.settings = settings
        self.frames = frames
        self.lfsFrames = lfsFrames
        self.table5Years = years
        self.lfsSources = (lfs?.sources ?? []).map {
            ($0.period.description, ReportFiles.relative(DataInput.parse($0.file), to: dataRoot), $0.people)
        }
        self.weighted = weighted
        self.sources = waves.map { wave in
            (
                wave, panel.files[wave].map { ReportFiles.relative($0, to: dataRoot) } ?? "(memory)",
                panel.waves[wave]?.count ?? 0
            )
        }
        self.gaps = BriefingGaps.find(in: panel) { ReportFiles.relative($0, to: dataRoot) }
        self.unknownCodes = (panel.unknownCodes + (lfs?.unknownCodes ?? [])).map {
            var code = $0
            code.file = ReportFiles.relative(DataInput.parse($0.file), to: dataRoot)
            return code
        }
        self.notes = notes
        self.syntheticNotice = syntheticNotice
    }

    var layouts: BriefingLayouts { BriefingLayouts(index: EstimateIndex(rows), waves: sources.map(\.wave)) }

    /// The tables for the terminal.
    public var terminalText: String {
        let l = layouts
        var parts: [String] = []
        if let syntheticNotice { parts.append("NOTE: \(syntheticNotice)") }
        parts.append(
            "Estimates are \(weighted ? "weighted" : "unweighted"); standard errors in brackets, percentage points.")
        parts.append(terminalTable("T1", "T1. Wave 14: working at or from home, frequency", l.table1))
        parts.append(terminalTable("F1", "F1. Works at home at all, by interview year (waves pooled)", l.figure1ByYear))
        parts.append(terminalTable("F1", "F1. Works at home at all, by wave", l.figure1ByWave))
        parts.append(terminalTable("T2", "T2. Works at home at all, by region", l.table2))
        parts.append(terminalTable("T3", "T3. Moved since the previous wave", l.table3))
        parts.append(terminalTable("T4", "T4. Reasons for moving, high-skilled movers", l.table4))
        let index = EstimateIndex(rows)
        let ukhlsWorkers = { (year: Int) in
            index.row("T5", String(year), "UK", LFSTables.table5Columns[0])?.estimate.domainCount ?? 0
        }
        if let year = table5Years.max(by: { (ukhlsWorkers($0), $0) < (ukhlsWorkers($1), $1) }) {
            let more =
                table5Years.count > 1
                ? " (the year with the most UKHLS interviews; all \(table5Years.count) years in report.md)" : ""
            parts.append(
                "T5. Home-working by region, UKHLS and LFS, \(year)\(more)\n" + TextTable.plain(l.table5(year: year)))
        } else {
            parts.append(
                "T5. UKHLS and LFS side by side: no LFS data (give --lfs PATH, or put the LFS quarters beside the UKHLS data)"
            )
        }
        return parts.joined(separator: "\n\n")
    }

    /// A table for the terminal, or the sentence saying why it is empty; warnings of an incomplete one below it.
    func terminalTable(_ table: String, _ title: String, _ cells: [[String]]) -> String {
        let mine = gaps.filter { $0.tables.contains(table) }
        if let empty = mine.first(where: \.empty) { return "\(title)\nNOT COMPUTED: \(empty.sentence)" }
        return ([title + "\n" + TextTable.plain(cells)] + mine.map { "WARNING: \($0.sentence)" }).joined(
            separator: "\n")
    }

    /// A table for report.md, or the sentence saying why it is empty; warnings of an incomplete one above it.
    func markdownTable(_ table: String, _ cells: [[String]]) -> String {
        let mine = gaps.filter { $0.tables.contains(table) }
        if let empty = mine.first(where: \.empty) { return "> **Not computed.** \(empty.sentence)\n\n" }
        return mine.map { "> **Warning.** \($0.sentence)\n\n" }.joined() + TextTable.markdown(cells) + "\n\n"
    }

    /// The tidy CSV text: one row per estimate.
    public func csv() throws -> [UInt8] { try ReportFiles.csv(rows, synthetic: syntheticNotice != nil) }

    /// Every frame: the UKHLS ones and the LFS year frames.
    public var allFrames: [String: EstimationFrame] { frames.frames.merging(lfsFrames) { a, _ in a } }

    /// report.md.
    public var markdown: String {
        let l = layouts
        var md = "# Working from home and regional disparities: the ESRC briefing reproduced\n\n"
        if let syntheticNotice { md += "> **\(syntheticNotice)**\n\n" }
        md +=
            "Made by `ukpanel reproduce esrc-2025` from UKHLS waves \(sources.map { String($0.wave) }.joined(separator: ", ")). "
        md +=
            "Estimates are **\(weighted ? "weighted" : "unweighted")**; each cell gives the percentage and, in brackets, its standard error in percentage points. "
        md +=
            "A cell resting on fewer than \(settings.minimumCases) unweighted cases shows `n<\(settings.minimumCases)` instead (it is in `estimates.csv`, flagged `small_cell`; figures draw it hollow). "
        md +=
            "All estimates, with 95% confidence intervals (\(settings.interval == .logit ? "logit, with the t quantile on the design's degrees of freedom, as R's `svyciprop`" : "logit, normal quantile")) and unweighted counts, are in `estimates.csv`.\n\n"
        md += "## Table 1. Post-pandemic prevalence of hybrid work (wave 14)\n\n" + markdownTable("T1", l.table1)
        md +=
            "The briefing reports, for all workers and the high-skilled: Never 52.6% / 29.1%, 1-4 days a month 6.5% / 9.6%, 1 day a week 3.6% / 5.4%, 2 days 6.3% / 10%, 3 days 6.7% / 11%, 4 days 5.3% / 8.3%, Always 10.7% / 15.1%, Variable 8.3% / 11.4% (n = 18,422 / 8,264).\n\n"
        md += "## Figure 1. Prevalence of working from home, 2018-2024\n\n![Figure 1](figure1.svg)\n\n"
        md += "By interview year (waves 8-14 pooled: the figure's points):\n\n" + markdownTable("F1", l.figure1ByYear)
        md += "By wave:\n\n" + TextTable.markdown(l.figure1ByWave) + "\n\n"
        md += "## Table 2. Working from home by region, before and after March 2020\n\n![Figure 2](figure2.svg)\n\n"
        md += markdownTable("T2", l.table2)
        md += "## Table 3. Residential mobility between consecutive waves\n\n![Figure 3](figure3.svg)\n\n"
        md += markdownTable("T3", l.table3)
        md += "## Table 4. Reasons for moving among high-skilled movers\n\n![Figure 4](figure4.svg)\n\n"
        md += markdownTable("T4", l.table4)
        md += "## Table 5. Home-working by region in UKHLS and the LFS\n\n"
        if table5Years.isEmpty {
            md += "Not run: no LFS quarters were given (`--lfs PATH`) or found beside the UKHLS data.\n\n"
        } else {
            md +=
                "UKHLS: workers who work at home at all (as in Table 2), by interview year. LFS: workers (ILODEFR = 1) answering HOME, the four quarters of the year pooled, households as clusters in a single stratum (the end-user LFS has no PSU or strata).\n\n"
            for year in table5Years { md += "### \(year)\n\n" + TextTable.markdown(l.table5(year: year)) + "\n\n" }
        }
        md +=
            "## Definitions\n\n"
            + BriefingDefinitions.text.map { "- **\($0.term)**: \($0.definition)" }.joined(separator: "\n") + "\n\n"
        md +=
            "## Data and sample sizes\n\n"
            + TextTable.markdown(
                [["Wave", "File", "People"]] + sources.map { ["\($0.wave)", "`\($0.file)`", "\($0.people)"] }) + "\n\n"
        if !lfsSources.isEmpty {
            md +=
                TextTable.markdown(
                    [["LFS quarter", "File", "People"]]
                        + lfsSources.map { [$0.period, "`\($0.file)`", "\($0.people)"] }) + "\n\n"
        }
        md +=
            "Files are named relative to the data folder; `provenance.json` beside this report gives each one's size and SHA-256.\n\n"
        for code in unknownCodes { md += "> **Warning.** \(code.sentence)\n\n" }
        if !notes.isEmpty { md += notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
        return md
    }

    /// figure1.svg.
    public var figure: String {
        FigureSVG.render(
            EstimateIndex(rows), years: BriefingTables.figureYears, notice: syntheticNotice,
            minimumCases: settings.minimumCases)
    }

    /// Figures 2-4 (T2 by region, T3 moves by group, T4 reasons), before and after March 2020: (file, SVG).
    public var dotFigures: [(name: String, svg: String)] {
        let index = EstimateIndex(rows)
        let periods = [("pre-pandemic", "before Mar 2020"), ("post-pandemic", "from Mar 2020")]
        func series(
            _ table: String, _ groups: [(group: String, label: String)], _ categories: [String],
            category: (String) -> (group: String, category: String)? = { _ in nil }
        ) -> [DotPlotSVG.Series] {
            var out: [DotPlotSVG.Series] = []
            let colours = ["#1f77b4", "#aec7e8", "#d62728", "#ff9896"]
            for (g, group) in groups.enumerated() {
                for (p, period) in periods.enumerated() {
                    out.append(
                        DotPlotSVG.Series(
                            label: group.label.isEmpty ? period.1 : "\(group.label), \(period.1)",
                            colour: colours[(2 * g + p) % colours.count],
                            rows: categories.map { c in
                                let (rowGroup, rowCategory) = category(c) ?? (group.group, c)
                                return index.row(table, period.0, rowGroup, rowCategory)
                            }))
                }
            }
            return out
        }
        let regions =
            (1...12).compactMap { BriefingDefinitions.regions[$0] } + ["Greater South-East", "rest of the UK"]
        let groups = BriefingTables.mobilityGroups.map(\.0)
        let minimum = settings.minimumCases
        return [
            (
                "figure2.svg",
                DotPlotSVG.render(
                    title: "Figure 2. Working from home by region, before and after March 2020", categories: regions,
                    series: series("T2", [("all workers", "all workers"), ("high-skilled", "high-skilled")], regions),
                    axisTitle: "Share of workers who work at home (%)", notice: syntheticNotice, minimumCases: minimum)
            ),
            (
                "figure3.svg",
                DotPlotSVG.render(
                    title: "Figure 3. Moved since the previous wave, by group at the earlier wave", categories: groups,
                    series: series("T3", [("", "")], groups) { ($0, "moved") },
                    axisTitle: "Share who moved address between consecutive waves (%)", notice: syntheticNotice,
                    minimumCases: minimum)
            ),
            (
                "figure4.svg",
                DotPlotSVG.render(
                    title: "Figure 4. Reasons for moving, high-skilled movers", categories: BriefingDefinitions.reasons,
                    series: series("T4", [("high-skilled movers", "")], BriefingDefinitions.reasons),
                    axisTitle: "Share of movers giving the reason (%; more than one may apply)",
                    notice: syntheticNotice,
                    minimumCases: minimum)
            ),
        ]
    }

    /// Writes estimates.csv, report.md and the figures into `folder`, each atomically.
    public func write(to folder: String) throws -> [String] {
        try ReportFiles.write(
            [("estimates.csv", try csv()), ("report.md", Array(markdown.utf8)), ("figure1.svg", Array(figure.utf8))]
                + dotFigures.map { ($0.name, Array($0.svg.utf8)) },
            to: folder)
    }

    /// Writes the frames and the specs with this run's estimates, for `scripts/crosscheck-r.R`.
    public func writeFrames(to folder: String) throws {
        try ReportFiles.writeFrames(allFrames, rows: rows, to: folder)
    }
}
