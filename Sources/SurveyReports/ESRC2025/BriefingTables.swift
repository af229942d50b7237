import SurveyPanel

/// The briefing's tables as estimate specifications: T1, F1, T2, T3 and T4.
public enum BriefingTables {
    static let periods: [(label: String, code: Int32)] = [("pre-pandemic", 0), ("post-pandemic", 1)]
    public static let figureYears = 2018...2024

    /// Every spec, for the waves present.
    public static func specs(waves: [Int]) -> [EstimateSpec] {
        table1(waves: waves) + figure1(waves: waves) + table2() + table3(waves: waves) + table4(waves: waves)
    }

    /// T1: wave 14, days a week working at home, all workers and the high-skilled.
    static func table1(waves: [Int]) -> [EstimateSpec] {
        guard waves.contains(14) else { return [] }
        let groups: [(String, Condition)] = [
            ("all workers", Condition("worker", 1)), ("high-skilled", Condition("high", 1)),
        ]
        return groups.flatMap { group, condition in
            BriefingDefinitions.dayCategories.enumerated().map { k, label in
                EstimateSpec(
                    table: "T1", period: "wave 14", group: group, category: label, frame: "wave14",
                    domain: [condition, Condition("valid", 1)], event: [Condition("days", Int32(k + 1))])
            }
        }
    }

    static let workerGroups: [(String, Condition)] = [
        ("all workers", Condition("worker", 1)), ("high-skilled", Condition("high", 1)),
    ]

    /// F1: works at home at all, by interview year (waves pooled) and by wave.
    static func figure1(waves: [Int]) -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        for year in figureYears {
            for (group, condition) in workerGroups {
                specs.append(
                    EstimateSpec(
                        table: "F1", period: String(year), group: group, category: "works at home",
                        frame: "pooled", domain: [condition, Condition("year", Int32(year))],
                        event: [Condition("home", 1)]))
            }
        }
        for wave in waves {
            for (group, condition) in workerGroups {
                specs.append(
                    EstimateSpec(
                        table: "F1", period: "wave \(wave)", group: group, category: "works at home",
                        frame: "wave\(wave)", domain: [condition], event: [Condition("home", 1)]))
            }
        }
        return specs
    }

    /// T2: works at home at all by region, pre and post pandemic, and the Greater South-East against the rest.
    static func table2() -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        for (period, code) in periods {
            for (group, condition) in workerGroups {
                let base = [condition, Condition("period", code)]
                for region in 1...12 {
                    specs.append(
                        EstimateSpec(
                            table: "T2", period: period, group: group,
                            category: BriefingDefinitions.regions[region] ?? String(region), frame: "pooled",
                            domain: base + [Condition("region", Int32(region))], event: [Condition("home", 1)]))
                }
                specs.append(
                    EstimateSpec(
                        table: "T2", period: period, group: group, category: "Greater South-East",
                        frame: "pooled", domain: base + [Condition("gse", 1)], event: [Condition("home", 1)]))
                specs.append(
                    EstimateSpec(
                        table: "T2", period: period, group: group, category: "rest of the UK",
                        frame: "pooled", domain: base + [Condition("gse", 0)], event: [Condition("home", 1)]))
            }
        }
        return specs
    }

    static let mobilityGroups: [(String, [Condition])] = [
        ("everyone", []),
        ("high-skilled", [Condition("high0", 1)]),
        ("other workers", [Condition("worker0", 1), Condition("high0", 0)]),
        ("workers at home", [Condition("home0", 1)]),
        ("workers not at home", [Condition("worker0", 1), Condition("home0", 0)]),
        ("high-skilled at home", [Condition("high0", 1), Condition("home0", 1)]),
        ("high-skilled not at home", [Condition("high0", 1), Condition("home0", 0)]),
    ]

    /// T3: moved between consecutive waves, by group at the earlier wave, pre and post pandemic, and per wave pair.
    static func table3(waves: [Int]) -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        for (period, code) in periods {
            for (group, conditions) in mobilityGroups {
                specs.append(
                    EstimateSpec(
                        table: "T3", period: period, group: group, category: "moved", frame: "pairs",
                        domain: conditions + [Condition("period", code)], event: [Condition("moved", 1)]))
            }
        }
        for wave in waves where waves.contains(wave + 1) {
            for (group, conditions) in mobilityGroups.prefix(4) {
                specs.append(
                    EstimateSpec(
                        table: "T3", period: "\(wave)-\(wave + 1)", group: group, category: "moved",
                        frame: "pairs", domain: conditions + [Condition("from", Int32(wave))],
                        event: [Condition("moved", 1)]))
            }
        }
        return specs
    }

    /// T4: reasons for moving among high-skilled movers, pre and post pandemic; and per wave pair for all and high-skilled movers.
    static func table4(waves: [Int]) -> [EstimateSpec] {
        var specs: [EstimateSpec] = []
        let reasons = BriefingDefinitions.reasons
        for (period, code) in periods {
            for reason in reasons {
                specs.append(
                    EstimateSpec(
                        table: "T4", period: period, group: "high-skilled movers", category: reason,
                        frame: "pairs",
                        domain: [Condition("high0", 1), Condition("moved", 1), Condition("period", code)],
                        event: [Condition("reason_\(reason)", 1)]))
            }
        }
        for wave in waves where waves.contains(wave + 1) {
            for (group, extra) in [("all movers", [Condition]()), ("high-skilled movers", [Condition("high0", 1)])] {
                for reason in reasons {
                    specs.append(
                        EstimateSpec(
                            table: "T4", period: "\(wave)-\(wave + 1)", group: group, category: reason,
                            frame: "pairs", domain: extra + [Condition("moved", 1), Condition("from", Int32(wave))],
                            event: [Condition("reason_\(reason)", 1)]))
                }
            }
        }
        return specs
    }
}
