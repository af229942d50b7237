import Foundation
import SurveyFiles
import SurveyPanel

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

    /// Computes the briefing's estimates from `panel`.
    public init(panel: UKHLSPanel, weighted: Bool, syntheticNotice: String?) {
        let frames = BriefingFrames(panel: panel, weighted: weighted)
        let waves = panel.waves.keys.sorted()
        self.rows = FrameEstimator.run(BriefingTables.specs(waves: waves), frames: frames.frames, weighted: weighted)
        self.frames = frames
        self.weighted = weighted
        self.sources = waves.map { ($0, panel.files[$0]?.description ?? "(memory)", panel.waves[$0]?.count ?? 0) }
        self.notes = panel.notes + frames.exclusions
        self.syntheticNotice = syntheticNotice
    }

    var layouts: BriefingLayouts { BriefingLayouts(index: EstimateIndex(rows), waves: sources.map(\.wave)) }

    /// The tables for the terminal.
    public var terminalText: String {
        let l = layouts
        var parts: [String] = []
        if let syntheticNotice { parts.append("NOTE: \(syntheticNotice)") }
        parts.append("Estimates are \(weighted ? "weighted" : "unweighted"); standard errors in brackets, percentage points.")
        parts.append("T1. Wave 14: working at or from home, frequency\n" + TableText.plain(l.table1))
        parts.append("F1. Works at home at all, by interview year and by wave\n" + TableText.plain(l.figure1))
        parts.append("T2. Works at home at all, by region\n" + TableText.plain(l.table2))
        parts.append("T3. Moved since the previous wave\n" + TableText.plain(l.table3))
        parts.append("T4. Reasons for moving, high-skilled movers\n" + TableText.plain(l.table4))
        return parts.joined(separator: "\n\n")
    }

    /// The tidy CSV text: one row per estimate.
    public func csv() throws -> [UInt8] {
        let sink = BytesSink()
        let writer = CSVWriter(sink: sink)
        try writer.row(EstimateRow.csvHeader)
        for row in rows { try writer.row(row.csvFields) }
        try writer.finish()
        return sink.bytes
    }

    /// report.md.
    public var markdown: String {
        let l = layouts
        var md = "# Working from home and regional disparities: the ESRC briefing reproduced\n\n"
        if let syntheticNotice { md += "> **\(syntheticNotice)**\n\n" }
        md += "Made by `ukpanel reproduce esrc-2025` from UKHLS waves \(sources.map { String($0.wave) }.joined(separator: ", ")). "
        md += "Estimates are **\(weighted ? "weighted" : "unweighted")**; each cell gives the percentage and, in brackets, its standard error in percentage points. "
        md += "All estimates, with 95% confidence intervals and unweighted counts, are in `estimates.csv`.\n\n"
        md += "## Table 1. Post-pandemic prevalence of hybrid work (wave 14)\n\n" + TableText.markdown(l.table1) + "\n\n"
        md += "The briefing reports, for all workers and the high-skilled: Never 52.6% / 29.1%, 1-4 days a month 6.5% / 9.6%, 1 day a week 3.6% / 5.4%, 2 days 6.3% / 10%, 3 days 6.7% / 11%, 4 days 5.3% / 8.3%, Always 10.7% / 15.1%, Variable 8.3% / 11.4% (n = 18,422 / 8,264).\n\n"
        md += "## Figure 1. Prevalence of working from home, 2018-2024\n\n![Figure 1](figure1.svg)\n\n" + TableText.markdown(l.figure1) + "\n\n"
        md += "## Table 2. Working from home by region, before and after March 2020\n\n" + TableText.markdown(l.table2) + "\n\n"
        md += "## Table 3. Residential mobility between consecutive waves\n\n" + TableText.markdown(l.table3) + "\n\n"
        md += "## Table 4. Reasons for moving among high-skilled movers\n\n" + TableText.markdown(l.table4) + "\n\n"
        md += "## Definitions\n\n" + BriefingDefinitions.text.map { "- **\($0.term)**: \($0.definition)" }.joined(separator: "\n") + "\n\n"
        md += "## Data and sample sizes\n\n" + TableText.markdown([["Wave", "File", "People"]] + sources.map { ["\($0.wave)", "`\($0.file)`", "\($0.people)"] }) + "\n\n"
        md += "Estimation frames: " + frames.frames.keys.sorted().map { "\($0) \(frames.frames[$0]?.count ?? 0)" }.joined(separator: ", ") + " observations.\n\n"
        if !notes.isEmpty { md += notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
        return md
    }

    /// figure1.svg.
    public var figure: String { FigureSVG.render(EstimateIndex(rows), years: BriefingTables.figureYears) }

    /// Writes estimates.csv, report.md and figure1.svg into `folder`, each atomically.
    public func write(to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, bytes) in [("estimates.csv", try csv()), ("report.md", Array(markdown.utf8)), ("figure1.svg", Array(figure.utf8))] {
            let path = folder + "/" + name
            let file = try AtomicOutputFile(path: path)
            try file.sink.write(bytes)
            try file.commit()
            written.append(path)
        }
        return written
    }

    /// Writes the frames and the specs with this run's estimates, for `scripts/crosscheck-r.R`.
    public func writeFrames(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, frame) in frames.frames {
            let file = try AtomicOutputFile(path: "\(folder)/frame_\(name).csv")
            let writer = CSVWriter(sink: file.sink)
            try writer.row(["weight", "strata", "psu"] + frame.columns)
            for i in 0..<frame.count {
                var fields = [String(format: "%.17g", frame.weights[i]), String(frame.strata[i]), String(frame.psus[i])]
                fields += frame.values.map { String($0[i]) }
                try writer.row(fields)
            }
            try writer.flush()
            try file.commit()
        }
        let file = try AtomicOutputFile(path: folder + "/specs.csv")
        let writer = CSVWriter(sink: file.sink)
        try writer.row(["table", "period", "group", "category", "frame", "domain", "event", "estimate", "se", "n"])
        for row in rows {
            let s = row.spec
            try writer.row([s.table, s.period, s.group, s.category, s.frame,
                            s.domain.map(\.description).joined(separator: "&"), s.event.map(\.description).joined(separator: "&"),
                            String(format: "%.17g", row.estimate.value), String(format: "%.17g", row.estimate.standardError),
                            String(row.estimate.domainCount)])
        }
        try writer.flush()
        try file.commit()
    }
}
