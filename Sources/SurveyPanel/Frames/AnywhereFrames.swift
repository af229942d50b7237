import SurveyFiles
import SurveySchema

/// The estimation frames of the Anywhere Jobs analysis, from LFS quarters and a classification
/// of occupations (unit group → Anywhere Job or not):
///
/// - `tbi`: the people in work in the report's quarters (April 2019 - March 2020) pooled, each
///   quarter's person weight divided by the number of quarters (so weighted counts are the year's
///   average); the Anywhere flag of their main job's unit group and the report's breakdowns;
/// - `tbi_pay`: the employees among them with a gross weekly pay, weighted by the income weight,
///   with their earnings decile (weighted deciles of the pooled pay);
/// - `anywhere_<quarter>`: for every quarter, the people in work with a classified occupation, with
///   where they work in relation to home (HOME), region and NS-SEC class: potential against practice.
///
/// The design is the schema's: households (`HSERIALP`) are the clusters in one stratum.
public struct AnywhereFrames: Sendable {
    /// Frames by name.
    public var frames: [String: EstimationFrame]
    /// People set aside, and why.
    public var exclusions: [String]
    /// The report's quarters found in the data, in order.
    public var reportQuarters: [LFSPeriod]
    /// Quarters with no frame because their occupations are in a classification not given (SOC 2020).
    public var unclassifiedQuarters: [LFSPeriod]
    /// The earnings deciles' upper bounds (pounds a week), lowest first.
    public var payDeciles: [Double]

    /// The report's year: April 2019 - March 2020.
    public static let reportYear = [
        LFSPeriod(year: 2019, quarter: 2), LFSPeriod(year: 2019, quarter: 3), LFSPeriod(year: 2019, quarter: 4),
        LFSPeriod(year: 2020, quarter: 1),
    ]

    static let personColumns = [
        "anywhere", "soc_major", "industry", "region", "qualification", "degree", "sex", "age_band", "age_group",
        "family", "parent", "industry_known", "qualification_known", "family_known",
    ]
    static let payColumns = ["anywhere", "pay_decile"]
    static let quarterColumns = ["anywhere", "valid_home", "own_home", "home_based", "region", "nssec5"]

    /// The frame name of a quarter's potential-against-practice frame.
    public static func quarterFrame(_ period: LFSPeriod) -> String { "anywhere_" + period.fileCode }

    /// The family group of a person in a family unit of type `futype6` (FUTYPE6) in which they are
    /// `relationship` (RELHFU: 1 head, 2 partner, 3 child; nil when the file lacks it, when a person of
    /// 18 or under counts as a child): 1 alone, 2 couple without children, 3 couple with dependent
    /// children, 4 couple with non-dependent children only, 5 lone parent with dependent children, 6 lone
    /// parent with non-dependent children only (the head and partner of such families), 7 a son or
    /// daughter living in their parents' family.
    public static func familyGroup(_ futype6: Int, relationship: Int?, age: Int) -> Int? {
        let child = relationship.map { $0 == 3 } ?? (age <= 18)
        if child { return (1...19).contains(futype6) ? 7 : nil }
        switch futype6 {
        case 1, 2: return 1
        case 4, 7, 14, 17: return 2
        case 6, 9, 16, 19: return 3
        case 5, 8, 15, 18: return 4
        case 10, 12: return 5
        case 11, 13: return 6
        default: return nil
        }
    }

    /// The age band: 1 16-24, 2 25-34, 3 35-49, 4 50-64, 5 65 and over.
    public static func ageBand(_ age: Int) -> Int? {
        switch age {
        case 16...24: return 1
        case 25...34: return 2
        case 35...49: return 3
        case 50...64: return 4
        case 65...: return 5
        default: return nil
        }
    }

    /// Builds the frames. `soc2010` and `soc2020` map unit groups to the Anywhere flag (`soc2020` may be
    /// empty: quarters coded only to SOC 2020 then get no frame).
    ///
    /// - Throws: `.missingVariable` when the schema does not declare an indicator the tables need.
    public init(quarters: LFSQuarters, soc2010: [Int: Bool], soc2020: [Int: Bool], weighted: Bool)
        throws(SurveyError)
    {
        let schema = quarters.schema
        let worker = try schema.indicatorKey("worker", neededBy: "the Anywhere Jobs tables")
        let homeBased = try schema.indicatorKey("home_based", neededBy: "the Anywhere Jobs tables")
        let mainlyHome = try schema.indicatorKey("mainly_home", neededBy: "the Anywhere Jobs tables")
        let inReport = Set(Self.reportYear)
        /// The classification of a person's occupation: SOC 2010 when coded to it, else SOC 2020.
        func classified(_ r: LFSPerson) -> (code: Int, anywhere: Bool)? {
            if let code = r.soc2010.value { return soc2010[Int(code)].map { (Int(code), $0) } }
            if let code = r.soc2020.value { return soc2020[Int(code)].map { (Int(code), $0) } }
            return nil
        }
        // The report's quarters that contribute (a worker with a classified occupation): each quarter's
        // weights are divided by their number, so weighted counts are the year's average.
        let reportPeriods = quarters.periods.filter { period in
            inReport.contains(period)
                && (quarters.quarters[period] ?? []).contains { $0.indicators.isSet(worker) && classified($0) != nil }
        }
        let share = 1 / Double(max(reportPeriods.count, 1))
        var frames: [String: EstimationFrame] = [:]
        var tbi = EstimationFrame(name: "tbi", columns: Self.personColumns)
        var pay = EstimationFrame(name: "tbi_pay", columns: Self.payColumns)
        var payRows: [(pay: Double, weight: Double, stratum: Int, psu: Int, anywhere: Int32)] = []
        var tally = DesignTally()
        var unclassifiedCodes = 0
        var unclassifiedQuarters: [LFSPeriod] = []
        for period in quarters.periods {
            let people = quarters.quarters[period] ?? []
            let workers = people.filter { $0.indicators.isSet(worker) }
            guard workers.contains(where: { classified($0) != nil }) else {
                // Occupations coded to SOC 2020 with no SOC 2020 classification given (or none coded).
                if workers.contains(where: { $0.soc2020.value != nil }) { unclassifiedQuarters.append(period) }
                continue
            }
            var frame = EstimationFrame(name: Self.quarterFrame(period), columns: Self.quarterColumns)
            let isReport = reportPeriods.contains(period)
            for r in workers {
                guard let (code, flag) = classified(r) else {
                    if isReport { unclassifiedCodes += 1 }
                    continue
                }
                guard let (weight, stratum, psu) = tally.design(r.design, weighted: weighted) else { continue }
                let anywhere: Int32 = flag ? 1 : 0
                let i = r.indicators
                frame.append(
                    weight: weight, stratum: stratum, psu: psu,
                    row: [
                        anywhere, i[homeBased] == nil ? 0 : 1, i.isSet(mainlyHome) ? 1 : 0, i.isSet(homeBased) ? 1 : 0,
                        Int32(r.region.value ?? -1), Int32(r.nssec5.value ?? -1),
                    ])
                guard isReport else { continue }
                let age = Int(r.age.value ?? -1)
                let band = Self.ageBand(age)
                let qualification = r.hiqual.value.flatMap { (1...6).contains($0) ? Int32($0) : nil }
                let family = r.familyType.value.flatMap {
                    Self.familyGroup(Int($0), relationship: r.relationship.value.map(Int.init), age: age)
                }
                let industry = r.industry.value.flatMap { (1...21).contains($0) ? Int32($0) : nil }
                tbi.append(
                    weight: weight * share, stratum: stratum, psu: psu,
                    row: [
                        anywhere, Int32(code / 1000), industry ?? -1, Int32(r.region.value ?? -1),
                        qualification ?? -1, qualification.map { $0 == 1 ? 1 : 0 } ?? -1, Int32(r.sex.value ?? -1),
                        band.map(Int32.init) ?? -1, band.map { $0 == 1 ? 1 : $0 == 2 ? 2 : 3 } ?? -1,
                        family.map(Int32.init) ?? -1, family.map { $0 == 3 || $0 == 5 ? 1 : 0 } ?? -1,
                        industry == nil ? 0 : 1, qualification == nil ? 0 : 1, family == nil ? 0 : 1,
                    ])
                if let gross = r.grossWeeklyPay.value, gross > 0, let income = r.incomeWeight.value, income > 0,
                    r.employmentStatus.value == 1
                {
                    payRows.append((gross, weighted ? income * share : 1, stratum, psu, anywhere))
                }
            }
            frames[frame.name] = frame
        }
        frames[tbi.name] = tbi
        let deciles = Self.deciles(payRows.map { ($0.pay, $0.weight) })
        for row in payRows {
            let decile = deciles.firstIndex { row.pay <= $0 } ?? 9
            pay.append(
                weight: row.weight, stratum: row.stratum, psu: row.psu, row: [row.anywhere, Int32(decile + 1)])
        }
        frames[pay.name] = pay
        self.frames = frames
        reportQuarters = reportPeriods
        self.unclassifiedQuarters = unclassifiedQuarters
        payDeciles = deciles
        var exclusions = tally.lfsExclusions(unit: "LFS person-quarters", weightName: "person weight")
        if unclassifiedCodes > 0 {
            exclusions.append(
                "\(unclassifiedCodes) person-quarters in work in the report's year whose occupation is missing or not in the classification are left out"
            )
        }
        self.exclusions = exclusions
    }

    /// The weighted deciles' upper bounds of `values`: the smallest value at or above each tenth of the weight.
    static func deciles(_ values: [(value: Double, weight: Double)]) -> [Double] {
        let sorted = values.sorted { $0.value < $1.value }
        let total = sorted.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        var bounds: [Double] = []
        var cumulative = 0.0
        var next = 1
        for (value, weight) in sorted {
            cumulative += weight
            while next < 10, cumulative >= total * Double(next) / 10 {
                bounds.append(value)
                next += 1
            }
        }
        bounds.append(sorted.last?.value ?? 0)
        return bounds
    }
}
