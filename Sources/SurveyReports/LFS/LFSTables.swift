import SurveyPanel
import SurveySchema

/// The LFS tables as estimate specifications.
public enum LFSTables {
    /// The two home-working measures: (table, event column, words).
    static let measures: [(table: String, column: String, words: String)] = [
        ("lfs_own_home", "own_home", "mainly at home (HOME = 1)"),
        ("lfs_home_based", "home_based", "home as a base (HOME 1-3)"),
    ]

    /// `tables lfs-wfh`: per quarter, the share of workers mainly at home and using home as a base,
    /// for all workers, by region and by NS-SEC class.
    public static func homeWorking(periods: [LFSPeriod]) -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        let workers = [Condition("worker", 1), Condition("valid_home", 1)]
        for period in periods {
            let frame = LFSFrames.quarterFrame(period)
            for measure in measures {
                let event = [Condition(measure.column, 1)]
                func spec(_ group: String, _ category: String, _ extra: [Condition]) -> EstimateSpec {
                    EstimateSpec(
                        table: measure.table, period: period.description, group: group, category: category,
                        frame: frame, domain: workers + extra, event: event)
                }
                specs.append(spec("all workers", "all workers", []))
                for (code, name) in LFSDefinitions.regions {
                    specs.append(spec("region", name, [Condition("region", Int32(code))]))
                }
                for (code, name) in LFSDefinitions.classes {
                    specs.append(spec("NS-SEC", name, [Condition("nssec5", Int32(code))]))
                }
            }
        }
        return specs
    }

    /// The transition categories: (name, domain, event).
    static let transitionCategories: [(name: String, domain: [Condition], event: [Condition])] = [
        ("still in work", [Condition("worker0", 1)], [Condition("worker1", 1)]),
        ("home-based in both", [Condition("worker0", 1), Condition("worker1", 1)], [Condition("hb_both", 1)]),
        (
            "stays home-based",
            [Condition("worker0", 1), Condition("worker1", 1), Condition("valid_both", 1), Condition("home0", 1)],
            [Condition("home1", 1)]
        ),
        (
            "becomes home-based",
            [Condition("worker0", 1), Condition("worker1", 1), Condition("valid_both", 1), Condition("home0", 0)],
            [Condition("home1", 1)]
        ),
        (
            "changes class", [Condition("worker0", 1), Condition("worker1", 1), Condition("class_valid", 1)],
            [Condition("class_changed", 1)]
        ),
    ]

    /// The label of a quarter-to-quarter pair starting at `period`: `2022Q1-2022Q2`.
    public static func pairLabel(_ period: LFSPeriod) -> String { "\(period)-\(period.nextQuarter)" }

    /// `tables lfs-transitions`: for each dataset (and the linked quarterly files), each pair of consecutive quarters.
    public static func transitions(longitudinal: [LFSDownload.LongitudinalFile], linkedPairs: [LFSPeriod]?)
        -> [EstimateSpec]
    {
        var specs: [EstimateSpec] = []
        func add(group: String, frame: String, first: LFSPeriod) {
            for c in transitionCategories {
                specs.append(
                    EstimateSpec(
                        table: "lfs_transitions", period: pairLabel(first), group: group, category: c.name,
                        frame: frame, domain: c.domain + [Condition("pair", Int32(first.startMonthIndex))],
                        event: c.event))
            }
        }
        for file in longitudinal {
            var period = file.first
            for _ in 0..<max(0, file.quarters - 1) {
                add(group: datasetName(file), frame: LFSFrames.longitudinalFrame(file), first: period)
                period = period.nextQuarter
            }
        }
        for first in linkedPairs ?? [] {
            add(group: "quarterly files linked by CASENOP", frame: "lfs_linked", first: first)
        }
        return specs
    }

    /// `lgwt22_5q_jm22_jm23`.
    public static func datasetName(_ file: LFSDownload.LongitudinalFile) -> String {
        "lgwt\(file.vintage)_\(file.quarters)q_\(file.first.fileCode)_\(file.last.fileCode)"
    }

    /// T5 of the briefing: UKHLS and LFS home-working by region, for each year both cover.
    /// UKHLS estimates come from the `pooled` person frame, LFS ones from the year frames.
    public static func table5(years: [Int]) -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        let regions: [(String, [Condition], [Condition])] =
            [("UK", [], [])]
            + (1...12).map { r in
                (
                    BriefingDefinitions.regions[r] ?? String(r), [Condition("region", Int32(r))],
                    [Condition("ukhls_region", Int32(r))]
                )
            }
        for year in years {
            for (name, ukhls, lfs) in regions {
                specs.append(
                    EstimateSpec(
                        table: "T5", period: String(year), group: name, category: table5Columns[0], frame: "pooled",
                        domain: [Condition("worker", 1), Condition("year", Int32(year))] + ukhls,
                        event: [Condition("home", 1)]))
                for (k, measure) in measures.reversed().enumerated() {
                    specs.append(
                        EstimateSpec(
                            table: "T5", period: String(year), group: name, category: table5Columns[k + 1],
                            frame: LFSFrames.yearFrame(year),
                            domain: [Condition("worker", 1), Condition("valid_home", 1)] + lfs,
                            event: [Condition(measure.column, 1)]))
                }
            }
        }
        return specs
    }

    /// T5's three measures.
    static let table5Columns = ["UKHLS works at home", "LFS home as a base", "LFS mainly at home"]
}
