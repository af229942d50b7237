import SurveyFiles
import SurveySchema

/// Estimation frames from LFS quarters: one per quarter (`lfs_od21`), one per
/// calendar year of whole quarters (`lfs_y2021`), and transitions between
/// quarters. The design (person weight, households as clusters) and the
/// indicators (worker, home_based, mainly_home) are the schema's declarations.
public struct LFSFrames: Sendable {
    /// Frames by name.
    public var frames: [String: EstimationFrame]
    /// People set aside, and why.
    public var exclusions: [String]
    /// The quarterly files linked by CASENOP, when asked: how many pairs, and the earlier quarters of the pairs.
    public var linkedPairs: (count: Int, periods: [LFSPeriod])?

    static let personColumns = [
        "worker", "valid_home", "own_home", "home_based", "region", "ukhls_region", "nssec5", "nssec3",
    ]
    static let transitionColumns = [
        "pair", "worker0", "worker1", "home0", "home1", "valid_both", "hb_both", "class_valid", "class_changed",
    ]

    /// The indicators the LFS frames use, resolved once from the schema.
    struct Keys {
        let worker: IndicatorKey
        let homeBased: IndicatorKey
        let mainlyHome: IndicatorKey

        init(_ schema: Schema) throws(SurveyError) {
            let user = "the LFS tables"
            worker = try schema.indicatorKey("worker", neededBy: user)
            homeBased = try schema.indicatorKey("home_based", neededBy: user)
            mainlyHome = try schema.indicatorKey("mainly_home", neededBy: user)
        }
    }

    /// The frame name of a quarter.
    public static func quarterFrame(_ period: LFSPeriod) -> String { "lfs_" + period.fileCode }
    /// The frame name of a year.
    public static func yearFrame(_ year: Int) -> String { "lfs_y\(year)" }

    /// Quarter frames (and year frames when `years`), weighted or not; households are the clusters.
    ///
    /// - Throws: `.missingVariable` when the schema does not declare an indicator the tables need.
    public init(quarters: LFSQuarters, weighted: Bool, years: Bool = false) throws(SurveyError) {
        linkedPairs = nil
        let keys = try Keys(quarters.schema)
        var frames: [String: EstimationFrame] = [:]
        var tally = DesignTally()
        for period in quarters.periods {
            var frame = EstimationFrame(name: Self.quarterFrame(period), columns: Self.personColumns)
            // Whole calendar quarters are pooled into their year; taken out of `frames` so appends don't copy it.
            let yearName = Self.yearFrame(period.year)
            var yearFrame: EstimationFrame? = nil
            if years && period.isCalendarQuarter {
                yearFrame =
                    frames.removeValue(forKey: yearName) ?? EstimationFrame(name: yearName, columns: Self.personColumns)
            }
            for r in quarters.quarters[period] ?? [] {
                guard let (weight, stratum, psu) = tally.design(r.design, weighted: weighted) else { continue }
                let region = Int(r.region.value ?? -1)
                let i = r.indicators
                let row: [Int32] = [
                    i.isSet(keys.worker) ? 1 : 0, i[keys.homeBased] == nil ? 0 : 1, i.isSet(keys.mainlyHome) ? 1 : 0,
                    i.isSet(keys.homeBased) ? 1 : 0, Int32(region), Int32(Self.ukhlsRegion(govtof2: region) ?? -1),
                    Int32(r.nssec5.value ?? -1), Int32(r.nssec3.value ?? -1),
                ]
                frame.append(weight: weight, stratum: stratum, psu: psu, row: row)
                yearFrame?.append(weight: weight, stratum: stratum, psu: psu, row: row)
            }
            frames[frame.name] = frame
            if let yearFrame { frames[yearName] = yearFrame }
        }
        self.frames = frames
        exclusions = tally.lfsExclusions(unit: "LFS person-quarters", weightName: "person weight")
    }

    /// Transition frames: one per longitudinal dataset (`lgwt_jm22_5q`), and `lfs_linked` from `linked`.
    ///
    /// - Throws: `.missingVariable` when the schema does not declare an indicator the tables need.
    public init(longitudinal: [LFSLongitudinalData], linked: LFSQuarters?, weighted: Bool) throws(SurveyError) {
        linkedPairs = nil
        var frames: [String: EstimationFrame] = [:]
        var tally = DesignTally()
        for data in longitudinal {
            let keys = try Keys(data.schema)
            var frame = EstimationFrame(name: Self.longitudinalFrame(data.file), columns: Self.transitionColumns)
            for (person, h) in data.histories.enumerated() {
                // Each person is a cluster of their own; the longitudinal weight is the dataset's.
                let d = DesignValues(
                    weight: h.weight, stratum: .value(1), psu: .value(person + 1), interviewYear: .missing(.notInFile),
                    interviewMonth: .missing(.notInFile))
                guard let (weight, stratum, psu) = tally.design(d, weighted: weighted) else { continue }
                for q in 0..<max(0, h.quarters.count - 1) {
                    let a = h.quarters[q]
                    let b = h.quarters[q + 1]
                    let pair = data.file.first.startMonthIndex + 3 * q
                    frame.append(
                        weight: weight, stratum: stratum, psu: psu,
                        row: Self.transitionRow(
                            pair: pair, (a.indicators, a.nssec5), (b.indicators, b.nssec5), keys: keys))
                }
            }
            frames[frame.name] = frame
        }
        if let linked {
            let keys = try Keys(linked.schema)
            var frame = EstimationFrame(name: "lfs_linked", columns: Self.transitionColumns)
            let pairs = linked.transitionsByPersonIdentifier()
            linkedPairs = (pairs.count, Set(pairs.map(\.period)).sorted())
            for t in pairs {
                guard let (weight, stratum, psu) = tally.design(t.later.design, weighted: weighted) else { continue }
                frame.append(
                    weight: weight, stratum: stratum, psu: psu,
                    row: Self.transitionRow(
                        pair: t.period.startMonthIndex, (t.earlier.indicators, t.earlier.nssec5),
                        (t.later.indicators, t.later.nssec5), keys: keys))
            }
            frames[frame.name] = frame
        }
        self.frames = frames
        exclusions = tally.lfsExclusions(unit: "people or pairs", weightName: "weight")
    }

    /// The frame name of a longitudinal dataset.
    public static func longitudinalFrame(_ file: LFSDownload.LongitudinalFile) -> String {
        "lgwt_\(file.first.fileCode)_\(file.quarters)q"
    }

    /// The UKHLS region code (gor_dv, 1-12) of a GOVTOF2 code (1-13, no 3).
    public static func ukhlsRegion(govtof2 code: Int) -> Int? {
        switch code {
        case 1, 2: return code
        case 4...13: return code - 1
        default: return nil
        }
    }

    static func transitionRow(
        pair: Int, _ a: (IndicatorValues, nssec5: Observed<Int16>), _ b: (IndicatorValues, nssec5: Observed<Int16>),
        keys: Keys
    ) -> [Int32] {
        let classValid = a.nssec5.value != nil && b.nssec5.value != nil
        let (ia, ib) = (a.0, b.0)
        return [
            Int32(pair), ia.isSet(keys.worker) ? 1 : 0, ib.isSet(keys.worker) ? 1 : 0,
            ia.isSet(keys.homeBased) ? 1 : 0, ib.isSet(keys.homeBased) ? 1 : 0,
            ia[keys.homeBased] != nil && ib[keys.homeBased] != nil ? 1 : 0,
            ia.isSet(keys.homeBased) && ib.isSet(keys.homeBased) ? 1 : 0,
            classValid ? 1 : 0, classValid && a.nssec5 != b.nssec5 ? 1 : 0,
        ]
    }
}

extension DesignTally {
    /// The LFS frames' notes on what was set aside.
    func lfsExclusions(unit: String, weightName: String) -> [String] {
        var notes: [String] = []
        if noWeight > 0 {
            notes.append(
                "\(noWeight) \(unit) with a zero or missing \(weightName) are out of scope of weighted estimates")
        }
        if noDesign > 0 { notes.append("\(noDesign) \(unit) with no household are left out") }
        return notes
    }
}
