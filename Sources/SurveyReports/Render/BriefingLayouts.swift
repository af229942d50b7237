import SurveyPanel

/// The briefing's tables laid out as rows and columns, shared by the terminal and Markdown renderers.
struct BriefingLayouts {
    let index: EstimateIndex
    let waves: [Int]

    var table1: [[String]] {
        var rows = [["Working at or from home: frequency", "All workers", "High-skilled"]]
        for category in BriefingDefinitions.dayCategories {
            rows.append([
                category, index.percent("T1", "wave 14", "all workers", category),
                index.percent("T1", "wave 14", "high-skilled", category),
            ])
        }
        rows.append([
            "n", index.n("T1", "wave 14", "all workers", "Never"), index.n("T1", "wave 14", "high-skilled", "Never"),
        ])
        return rows
    }

    /// F1 by interview year (waves pooled): the figure's points.
    var figure1ByYear: [[String]] {
        figure1Rows(header: "Interview year", periods: BriefingTables.figureYears.map { String($0) })
    }

    /// F1 by wave.
    var figure1ByWave: [[String]] { figure1Rows(header: "Wave", periods: waves.map { "wave \($0)" }) }

    private func figure1Rows(header: String, periods: [String]) -> [[String]] {
        var rows = [[header, "All workers", "n", "High-skilled", "n"]]
        for p in periods {
            rows.append([
                p.hasPrefix("wave ") ? String(p.dropFirst(5)) : p,
                index.percent("F1", p, "all workers", "works at home"),
                index.n("F1", p, "all workers", "works at home"),
                index.percent("F1", p, "high-skilled", "works at home"),
                index.n("F1", p, "high-skilled", "works at home"),
            ])
        }
        return rows
    }

    var table2: [[String]] {
        var rows = [["Region", "All, pre", "All, post", "High-skilled, pre", "High-skilled, post"]]
        let categories =
            (1...12).compactMap { BriefingDefinitions.regions[$0] } + ["Greater South-East", "rest of the UK"]
        for c in categories {
            rows.append([
                c, index.percent("T2", "pre-pandemic", "all workers", c),
                index.percent("T2", "post-pandemic", "all workers", c),
                index.percent("T2", "pre-pandemic", "high-skilled", c),
                index.percent("T2", "post-pandemic", "high-skilled", c),
            ])
        }
        return rows
    }

    var table3: [[String]] {
        var rows = [["Group (at the earlier wave)", "Pre-pandemic", "n", "Post-pandemic", "n"]]
        for (group, _) in BriefingTables.mobilityGroups {
            rows.append([
                group, index.percent("T3", "pre-pandemic", group, "moved"),
                index.n("T3", "pre-pandemic", group, "moved"),
                index.percent("T3", "post-pandemic", group, "moved"), index.n("T3", "post-pandemic", group, "moved"),
            ])
        }
        return rows
    }

    var table4: [[String]] {
        var rows = [["Reason (high-skilled movers)", "Pre-pandemic", "Post-pandemic"]]
        for reason in BriefingDefinitions.reasons {
            rows.append([
                reason, index.percent("T4", "pre-pandemic", "high-skilled movers", reason),
                index.percent("T4", "post-pandemic", "high-skilled movers", reason),
            ])
        }
        rows.append([
            "n", index.n("T4", "pre-pandemic", "high-skilled movers", "family"),
            index.n("T4", "post-pandemic", "high-skilled movers", "family"),
        ])
        return rows
    }

    /// T5 for one year: region rows, UKHLS and LFS columns.
    func table5(year: Int) -> [[String]] {
        let period = String(year)
        var rows = [["Region"] + LFSTables.table5Columns + ["n UKHLS", "n LFS"]]
        for group in ["UK"] + (1...12).compactMap({ BriefingDefinitions.regions[$0] }) {
            rows.append(
                [group] + LFSTables.table5Columns.map { index.percent("T5", period, group, $0) }
                    + [
                        index.n("T5", period, group, LFSTables.table5Columns[0]),
                        index.n("T5", period, group, LFSTables.table5Columns[1]),
                    ])
        }
        return rows
    }
}
