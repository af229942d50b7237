import SurveyPanel
import SurveySchema

/// The Anywhere Jobs analysis as estimate specifications, the names of its categories, and the
/// report's published figures to set beside the estimates.
public enum AnywhereTables {
    /// The report's period label.
    public static let period = "2019Q2-2020Q1"

    /// A breakdown: its name, the frame column, and its categories (code, name).
    public struct Breakdown: Sendable {
        public var name: String
        public var column: String
        public var categories: [(code: Int32, name: String)]
        /// The frame column that is 1 where `column` is known: Anywhere Jobs' make-up is among those.
        public var known: String? = nil
    }

    /// The report's breakdowns.
    public static let breakdowns: [Breakdown] = [
        Breakdown(
            name: "major group", column: "soc_major",
            categories: (1...9).map { (Int32($0), SOC2010.majorGroups[$0] ?? String($0)) }),
        Breakdown(name: "industry", column: "industry", categories: industries, known: "industry_known"),
        Breakdown(
            name: "region", column: "region", categories: LFSDefinitions.regions.map { (Int32($0.code), $0.name) }),
        Breakdown(
            name: "qualification", column: "qualification", categories: qualifications, known: "qualification_known"),
        Breakdown(name: "sex", column: "sex", categories: [(2, "Women"), (1, "Men")]),
        Breakdown(name: "age", column: "age_group", categories: [(1, "16-24"), (2, "25-34"), (3, "35 and over")]),
        Breakdown(
            name: "age band", column: "age_band",
            categories: [(1, "16-24"), (2, "25-34"), (3, "35-49"), (4, "50-64"), (5, "65 and over")]),
        Breakdown(name: "family type", column: "family", categories: families, known: "family_known"),
        Breakdown(
            name: "parent", column: "parent",
            categories: [(1, "With dependent children"), (0, "Without dependent children")], known: "family_known"),
    ]

    /// SIC 2007 sections, INDS07M 1-21.
    static let industries: [(code: Int32, name: String)] = [
        "A Agriculture, forestry and fishing", "B Mining and quarrying", "C Manufacturing",
        "D Electricity, gas, air conditioning", "E Water supply, sewerage, waste", "F Construction",
        "G Wholesale, retail, repair of vehicles", "H Transport and storage", "I Accommodation and food",
        "J Information and communication", "K Financial and insurance", "L Real estate",
        "M Professional, scientific, technical", "N Administrative and support", "O Public administration and defence",
        "P Education", "Q Health and social work", "R Arts, entertainment and recreation", "S Other services",
        "T Households as employers", "U Extraterritorial organisations",
    ].enumerated().map { (Int32($0.offset + 1), $0.element) }

    /// Highest qualification, HIQUL15D/HIQUL22D 1-6 (7, don't know, is left out).
    static let qualifications: [(code: Int32, name: String)] = [
        (1, "Degree or equivalent"), (2, "Higher education"), (3, "GCE A level or equivalent"),
        (4, "GCSE grades A*-C or equivalent"), (5, "Other qualification"), (6, "No qualification"),
    ]

    /// Family groups (`AnywhereFrames.familyGroup`).
    static let families: [(code: Int32, name: String)] = [
        (1, "Living alone"), (2, "Couple, no children"), (3, "Couple, dependent children"),
        (4, "Couple, non-dependent children only"), (5, "Lone parent, dependent children"),
        (6, "Lone parent, non-dependent children only"), (7, "Son or daughter in a family"),
    ]

    /// The tables: `AJ_rate` (the share of a group's workers in Anywhere Jobs), `AJ_of` (the share of
    /// Anywhere Jobs in each group), `AJ_pay` (employees by earnings decile), `AJ_quarter` (potential
    /// against practice, per quarter).
    public static func specs(quarters: [LFSPeriod]) -> [EstimateSpec] {
        let anywhere = [Condition("anywhere", 1)]
        var specs: [EstimateSpec] = [
            EstimateSpec(
                table: "AJ_rate", period: period, group: "all workers", category: "all workers", frame: "tbi",
                domain: [], event: anywhere)
        ]
        for b in breakdowns {
            for (code, name) in b.categories {
                let condition = [Condition(b.column, code)]
                specs.append(
                    EstimateSpec(
                        table: "AJ_rate", period: period, group: b.name, category: name, frame: "tbi",
                        domain: condition, event: anywhere))
                specs.append(
                    EstimateSpec(
                        table: "AJ_of", period: period, group: b.name, category: name, frame: "tbi",
                        domain: anywhere + (b.known.map { [Condition($0, 1)] } ?? []), event: condition))
            }
        }
        for decile in 1...10 {
            specs.append(
                EstimateSpec(
                    table: "AJ_pay", period: period, group: "earnings decile", category: String(decile),
                    frame: "tbi_pay", domain: [Condition("pay_decile", Int32(decile))], event: anywhere))
        }
        for quarter in quarters {
            let frame = AnywhereFrames.quarterFrame(quarter)
            var groups: [(group: String, category: String, condition: [Condition])] = [
                ("all workers", "all workers", [])
            ]
            groups += LFSDefinitions.regions.map { ("region", $0.name, [Condition("region", Int32($0.code))]) }
            groups += LFSDefinitions.classes.map { ("NS-SEC", $0.name, [Condition("nssec5", Int32($0.code))]) }
            for g in groups {
                for m in practiceMeasures {
                    specs.append(
                        EstimateSpec(
                            table: m.table, period: quarter.description, group: g.group, category: g.category,
                            frame: frame, domain: g.condition + m.domain, event: m.event))
                }
            }
        }
        return specs
    }

    /// Potential against practice: the share of workers in Anywhere Jobs, the shares mainly at home
    /// and using home as a base (HOME), and the share of Anywhere Jobs' holders mainly at home.
    public static let practiceMeasures: [(table: String, words: String, domain: [Condition], event: [Condition])] = [
        ("AJ_potential", "In an Anywhere Job", [], [Condition("anywhere", 1)]),
        ("AJ_own_home", "Mainly at home (HOME = 1)", [Condition("valid_home", 1)], [Condition("own_home", 1)]),
        ("AJ_home_based", "Home as a base (HOME 1-3)", [Condition("valid_home", 1)], [Condition("home_based", 1)]),
        (
            "AJ_anywhere_at_home", "Anywhere Jobs' holders mainly at home",
            [Condition("anywhere", 1), Condition("valid_home", 1)], [Condition("own_home", 1)]
        ),
    ]

    /// A figure the report publishes: where it sits among the estimates, and its value (a share, 0-1).
    public struct Published: Sendable {
        public var words: String
        public var table: String
        public var group: String
        public var category: String
        public var value: Double
    }

    /// The report's headline figures (Anywhere Jobs, June 2021).
    public static let published: [Published] = [
        Published(words: "Workers in Anywhere Jobs", table: "AJ_rate", group: "all workers", category: "all workers", value: 0.18),
        Published(
            words: "Anywhere Jobs in professional occupations", table: "AJ_of", group: "major group",
            category: SOC2010.majorGroups[2] ?? "", value: 0.36),
        Published(
            words: "… in associate professional and technical occupations", table: "AJ_of", group: "major group",
            category: SOC2010.majorGroups[3] ?? "", value: 0.30),
        Published(
            words: "… in administrative and secretarial occupations", table: "AJ_of", group: "major group",
            category: SOC2010.majorGroups[4] ?? "", value: 0.24),
        Published(words: "Anywhere Jobs in London", table: "AJ_of", group: "region", category: "London", value: 0.21),
        Published(words: "… in the South East", table: "AJ_of", group: "region", category: "South East", value: 0.14),
        Published(
            words: "Anywhere Jobs' holders with a degree", table: "AJ_of", group: "qualification",
            category: "Degree or equivalent", value: 0.48),
        Published(
            words: "Graduates in Anywhere Jobs (\"one in five\")", table: "AJ_rate", group: "qualification",
            category: "Degree or equivalent", value: 0.20),
        Published(words: "Women in work in Anywhere Jobs", table: "AJ_rate", group: "sex", category: "Women", value: 0.17),
        Published(words: "Men in work in Anywhere Jobs", table: "AJ_rate", group: "sex", category: "Men", value: 0.19),
        Published(words: "25-34-year-olds in Anywhere Jobs", table: "AJ_rate", group: "age", category: "25-34", value: 0.21),
        Published(
            words: "Older workers (35 and over) in Anywhere Jobs", table: "AJ_rate", group: "age", category: "35 and over",
            value: 0.16),
        Published(words: "Anywhere Jobs held by 25-34-year-olds", table: "AJ_of", group: "age", category: "25-34", value: 0.27),
        Published(
            words: "Anywhere Jobs held by parents with dependent children", table: "AJ_of", group: "parent",
            category: "With dependent children", value: 0.39),
    ]
}
