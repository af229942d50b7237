import SurveyPanel
import SurveySchema

/// Estimation frames from LFS quarters: one per quarter (`lfs_od21`), one per
/// calendar year of whole quarters (`lfs_y2021`), and transitions between quarters.
public struct LFSFrames: Sendable {
    /// Frames by name.
    public var frames: [String: EstimationFrame]
    /// People set aside, and why.
    public var exclusions: [String]

    static let personColumns = [
        "worker", "valid_home", "own_home", "home_based", "region", "ukhls_region", "nssec5", "nssec3",
    ]
    static let transitionColumns = [
        "pair", "worker0", "worker1", "home0", "home1", "valid_both", "hb_both", "class_valid", "class_changed",
    ]

    /// The frame name of a quarter.
    public static func quarterFrame(_ period: LFSPeriod) -> String { "lfs_" + period.fileCode }
    /// The frame name of a year.
    public static func yearFrame(_ year: Int) -> String { "lfs_y\(year)" }

    /// Quarter frames (and year frames when `years`), weighted or not; households are the clusters.
    public init(quarters: LFSQuarters, weighted: Bool, years: Bool = false) {
        var frames: [String: EstimationFrame] = [:]
        var noWeight = 0
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
                guard let weight = Self.weight(r.weight, weighted: weighted) else {
                    noWeight += 1
                    continue
                }
                let region = Int(r.region.value ?? -1)
                let row: [Int32] = [
                    r.isWorker ? 1 : 0, LFSDefinitions.validHome(r.home) ? 1 : 0,
                    LFSDefinitions.ownHome(r.home) ? 1 : 0,
                    LFSDefinitions.homeBased(r.home) ? 1 : 0, Int32(region),
                    Int32(LFSDefinitions.ukhlsRegion(govtof2: region) ?? -1),
                    Int32(r.nssec5.value ?? -1), Int32(r.nssec3.value ?? -1),
                ]
                frame.append(weight: weight, stratum: 1, psu: r.hserial, row: row)
                yearFrame?.append(weight: weight, stratum: 1, psu: r.hserial, row: row)
            }
            frames[frame.name] = frame
            if let yearFrame { frames[yearName] = yearFrame }
        }
        self.frames = frames
        exclusions =
            noWeight > 0
            ? [
                "\(noWeight) LFS person-quarters with a zero or missing person weight are out of scope of weighted estimates"
            ] : []
    }

    /// Transition frames: one per longitudinal dataset (`lgwt_jm22_5q`), and `lfs_linked` from `linked`.
    public init(longitudinal: [LFSLongitudinalData], linked: [LFSQuarters.Transition]?, weighted: Bool) {
        var frames: [String: EstimationFrame] = [:]
        var noWeight = 0
        for data in longitudinal {
            var frame = EstimationFrame(name: Self.longitudinalFrame(data.file), columns: Self.transitionColumns)
            for (person, h) in data.histories.enumerated() {
                guard let weight = Self.weight(h.weight, weighted: weighted) else {
                    noWeight += 1
                    continue
                }
                for q in 0..<max(0, h.quarters.count - 1) {
                    let a = h.quarters[q]
                    let b = h.quarters[q + 1]
                    let pair = data.file.first.startMonthIndex + 3 * q
                    frame.append(
                        weight: weight, stratum: 1, psu: person + 1,
                        row: Self.transitionRow(
                            pair: pair, (a.isWorker, a.home, a.nssec5), (b.isWorker, b.home, b.nssec5)))
                }
            }
            frames[frame.name] = frame
        }
        if let linked {
            var frame = EstimationFrame(name: "lfs_linked", columns: Self.transitionColumns)
            for t in linked {
                guard let weight = Self.weight(t.later.weight, weighted: weighted) else {
                    noWeight += 1
                    continue
                }
                frame.append(
                    weight: weight, stratum: 1, psu: t.later.hserial,
                    row: Self.transitionRow(
                        pair: t.period.startMonthIndex, (t.earlier.isWorker, t.earlier.home, t.earlier.nssec5),
                        (t.later.isWorker, t.later.home, t.later.nssec5)))
            }
            frames[frame.name] = frame
        }
        self.frames = frames
        exclusions =
            noWeight > 0
            ? ["\(noWeight) people or pairs with a zero or missing weight are out of scope of weighted estimates"] : []
    }

    /// The frame name of a longitudinal dataset.
    public static func longitudinalFrame(_ file: LFSDownload.LongitudinalFile) -> String {
        "lgwt_\(file.first.fileCode)_\(file.quarters)q"
    }

    static func weight(_ w: Observed<Double>, weighted: Bool) -> Double? {
        guard weighted else { return 1 }
        guard let w = w.value, w > 0 else { return nil }
        return w
    }

    static func transitionRow(
        pair: Int, _ a: (worker: Bool, home: Observed<Int16>, nssec5: Observed<Int16>),
        _ b: (worker: Bool, home: Observed<Int16>, nssec5: Observed<Int16>)
    ) -> [Int32] {
        let classValid = a.nssec5.value != nil && b.nssec5.value != nil
        return [
            Int32(pair), a.worker ? 1 : 0, b.worker ? 1 : 0, LFSDefinitions.homeBased(a.home) ? 1 : 0,
            LFSDefinitions.homeBased(b.home) ? 1 : 0,
            LFSDefinitions.validHome(a.home) && LFSDefinitions.validHome(b.home) ? 1 : 0,
            LFSDefinitions.homeBased(a.home) && LFSDefinitions.homeBased(b.home) ? 1 : 0,
            classValid ? 1 : 0, classValid && a.nssec5 != b.nssec5 ? 1 : 0,
        ]
    }
}
