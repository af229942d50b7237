import Foundation
import SurveyPanel
import SurveySchema

/// A cross-tab's estimates and its report: for each period, each row category
/// (and all rows together), the share in each column category, with standard
/// errors, 95% intervals and counts.
public struct CrossTabReport: Sendable {
    public let frames: CrossTabFrames
    /// One row per estimate, in period, row and column order.
    public let rows: [EstimateRow]
    /// The line saying the data is synthetic, when it is.
    public let syntheticNotice: String?

    /// Estimates every cell of `frames`.
    /// The cross-tab left incomplete by a variable absent from a file or without a valid value.
    public var gaps: [TableGap] {
        frames.gaps.map {
            TableGap(
                tables: [frames.spec.name], title: "\($0.role): \($0.gap.variable)", empty: false, unit: $0.unit,
                gap: $0.gap)
        }
    }

    public init(frames: CrossTabFrames, syntheticNotice: String? = nil, settings: EstimationSettings = .init()) {
        self.frames = frames
        self.syntheticNotice = syntheticNotice
        let spec = frames.spec
        var specs: [EstimateSpec] = []
        var byName: [String: EstimationFrame] = [:]
        for entry in frames.entries {
            byName[entry.frame.name] = entry.frame
            let period = entry.byValue.map { [Condition("by", $0)] } ?? []
            let (rowCodes, columnCodes) = Self.categories(entry)
            let groups: [(String, [Condition])] =
                [("all", [])] + rowCodes.map { ("\(spec.rows)=\($0)", [Condition("row", $0)]) }
            for (group, rowCondition) in groups {
                for c in columnCodes {
                    specs.append(
                        EstimateSpec(
                            table: spec.name, period: entry.period, group: group, category: "\(spec.columns)=\(c)",
                            frame: entry.frame.name, domain: [Condition("dom", 1)] + period + rowCondition,
                            event: [Condition("col", c)]))
                }
            }
        }
        rows = FrameEstimator.run(specs, frames: byName, weighted: spec.weight != nil, settings: settings)
    }

    /// The row and column codes present in an entry's domain.
    static func categories(_ entry: CrossTabFrames.Entry) -> (rows: [Int32], columns: [Int32]) {
        let f = entry.frame
        guard let dom = f.column("dom"), let row = f.column("row"), let col = f.column("col"), let by = f.column("by")
        else { return ([], []) }
        var rows = Set<Int32>()
        var columns = Set<Int32>()
        for i in 0..<f.count where dom[i] == 1 && (entry.byValue == nil || by[i] == entry.byValue) {
            rows.insert(row[i])
            columns.insert(col[i])
        }
        return (rows.sorted(), columns.sorted())
    }

    /// The report in Markdown: one table per period, cells "share % (SE)", and the unweighted n of each row.
    public var markdown: String {
        let spec = frames.spec
        var lines = ["# Cross-tab \(spec.name)", ""]
        if let syntheticNotice { lines += ["> \(syntheticNotice)", ""] }
        for gap in gaps { lines += ["> **Warning.** \(gap.sentence)", ""] }
        for code in frames.unknownCodes { lines += ["> **Warning.** \(code.sentence)", ""] }
        let domain = spec.domain.isEmpty ? "everyone" : spec.domain.map(\.description).joined(separator: " and ")
        lines += [
            "Share of \(spec.survey.rawValue.uppercased()) observations in each category of **\(spec.columns)** (\(frames.columnVariable.label)), by **\(spec.rows)** (\(frames.rowVariable.label)), among \(domain); by \(spec.by.rawValue).",
            "",
            spec.weight.map {
                "Weighted by `\($0)`; standard errors by Taylor linearisation with \(spec.survey == .ukhls ? "strata and PSUs" : "households as clusters"); domains estimated on the full design."
            } ?? "Unweighted: every observation counts once; the design's clustering is kept for the standard errors.",
            "",
        ]
        let index = Dictionary(grouping: rows, by: { $0.spec.period })
        for entry in frames.entries {
            guard let cells = index[entry.period] else { continue }
            let columns = Array(Set(cells.map(\.spec.category))).sorted { Self.code($0) < Self.code($1) }
            let groups =
                ["all"]
                + Array(Set(cells.map(\.spec.group)).subtracting(["all"])).sorted { Self.code($0) < Self.code($1) }
            var table = [[spec.rows] + columns.map { frames.columnVariable.label(of: Int(Self.code($0))) } + ["n"]]
            for g in groups {
                let label = g == "all" ? "All" : frames.rowVariable.label(of: Int(Self.code(g)))
                var line = [label]
                var n = 0
                for c in columns {
                    if let r = cells.first(where: { $0.spec.group == g && $0.spec.category == c }) {
                        line.append(
                            r.estimate.value.isFinite
                                ? String(format: "%.1f (%.1f)", r.estimate.value * 100, r.estimate.standardError * 100)
                                : "–")
                        n = r.estimate.domainCount
                    } else {
                        line.append("–")
                    }
                }
                line.append(String(n))
                table.append(line)
            }
            lines += ["## \(entry.period)", "", TextTable.markdown(table), ""]
        }
        if !frames.notes.isEmpty {
            lines += ["## Notes", ""] + frames.notes.map { "- \($0)" } + [""]
        }
        lines += ["## Files", ""] + frames.sources.map { "- \($0.label): `\($0.file)`, \($0.rows) rows" } + [""]
        return lines.joined(separator: "\n")
    }

    /// The code after `=` in `nssec5=3`.
    static func code(_ text: String) -> Int32 {
        text.split(separator: "=").last.flatMap { Int32($0) } ?? Int32.min
    }

    /// Writes the frames and specs into `folder`, for `scripts/crosscheck-r.R`.
    public func writeFrames(to folder: String) throws {
        var byName: [String: EstimationFrame] = [:]
        for entry in frames.entries { byName[entry.frame.name] = entry.frame }
        try ReportFiles.writeFrames(byName, rows: rows, to: folder)
    }

    /// Writes `estimates.csv` and `report.md` into `folder`; returns the paths.
    public func write(to folder: String) throws -> [String] {
        try ReportFiles.write(
            [
                ("estimates.csv", try ReportFiles.csv(rows, synthetic: syntheticNotice != nil)),
                ("report.md", Array(markdown.utf8)),
            ], to: folder)
    }
}
