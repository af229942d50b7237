import SurveyFiles
import SurveySchema

/// The estimation frames of the ESRC briefing, built from a panel: person-waves
/// (one frame per wave, and all waves pooled) and consecutive-wave pairs. The
/// design and the indicators (worker, high_skilled, works_at_home,
/// greater_south_east) are the schema's declarations.
public struct BriefingFrames: Sendable {
    /// Frames by name: `wave8` … `wave14`, `pooled`, `pairs`.
    public var frames: [String: EstimationFrame]
    /// People set aside, and why (for the report).
    public var exclusions: [String]

    /// March 2020, as a month count: interviews from this month on are post-pandemic.
    public static let pandemicStart = 2020 * 12 + 2

    static let personColumns = ["wave", "year", "period", "worker", "high", "home", "region", "gse", "days", "valid"]
    static let pairColumns =
        ["from", "period", "moved", "worker0", "high0", "home0"] + PersonWave.MoveReasons.names.map { "reason_\($0)" }

    /// The indicators the briefing uses, resolved once from the schema.
    struct Keys {
        let worker: IndicatorKey
        let high: IndicatorKey
        let home: IndicatorKey
        let gse: IndicatorKey

        init(_ schema: Schema) throws(SurveyError) {
            let user = "the ESRC briefing"
            worker = try schema.indicatorKey("worker", neededBy: user)
            high = try schema.indicatorKey("high_skilled", neededBy: user)
            home = try schema.indicatorKey("works_at_home", neededBy: user)
            gse = try schema.indicatorKey("greater_south_east", neededBy: user)
        }
    }

    /// Frames for a weighted (`weighted`) or unweighted analysis.
    ///
    /// - Throws: `.missingVariable` when the panel's schema does not declare an indicator the briefing needs.
    public init(panel: UKHLSPanel, weighted: Bool) throws(SurveyError) {
        let keys = try Keys(panel.schema)
        var frames: [String: EstimationFrame] = [:]
        var pooled = EstimationFrame(name: "pooled", columns: Self.personColumns)
        var person = DesignTally()
        for wave in panel.waves.keys.sorted() {
            var frame = EstimationFrame(name: "wave\(wave)", columns: Self.personColumns)
            for r in panel.waves[wave] ?? [] {
                guard let (weight, stratum, psu) = person.design(r.design, weighted: weighted) else { continue }
                let days = Self.validDays(r)
                let i = r.indicators
                let row: [Int32] = [
                    Int32(wave), Int32(r.design.interviewYear.value ?? -1), Int32(Self.period(r) ?? -1),
                    i.isSet(keys.worker) ? 1 : 0, i.isSet(keys.high) ? 1 : 0, i.isSet(keys.home) ? 1 : 0,
                    Int32(r.region.value ?? -1), i.code(keys.gse) ?? -1, Int32(days ?? -1), days == nil ? 0 : 1,
                ]
                frame.append(weight: weight, stratum: stratum, psu: psu, row: row)
                pooled.append(weight: weight, stratum: stratum, psu: psu, row: row)
            }
            frames[frame.name] = frame
        }
        frames[pooled.name] = pooled
        var pairs = EstimationFrame(name: "pairs", columns: Self.pairColumns)
        var pair = DesignTally()
        for t in panel.transitions() {
            guard let (weight, stratum, psu) = pair.design(t.later.design, weighted: weighted) else { continue }
            let moved = Self.moved(t.later)
            let i = t.earlier.indicators
            var row: [Int32] = [
                Int32(t.earlier.wave.number), Int32(Self.period(t.later) ?? -1), moved ? 1 : 0,
                i.isSet(keys.worker) ? 1 : 0, i.isSet(keys.high) ? 1 : 0, i.isSet(keys.home) ? 1 : 0,
            ]
            row += t.later.moveReasons.all.map { moved && $0 == .value(1) ? 1 : 0 }
            pairs.append(weight: weight, stratum: stratum, psu: psu, row: row)
        }
        frames[pairs.name] = pairs
        self.frames = frames
        var exclusions: [String] = []
        if person.noWeight + pair.noWeight > 0 {
            exclusions.append(
                "\(person.noWeight) person-waves and \(pair.noWeight) wave pairs with a zero or missing cross-sectional weight are out of scope of weighted estimates"
            )
        }
        if person.noDesign + pair.noDesign > 0 {
            exclusions.append(
                "\(person.noDesign) person-waves and \(pair.noDesign) wave pairs with a missing stratum or PSU are left out"
            )
        }
        self.exclusions = exclusions
    }

    /// A valid days-a-week answer (1–8).
    public static func validDays(_ r: PersonWave) -> Int? {
        guard let d = r.wfhDays.value, (1...8).contains(d) else { return nil }
        return Int(d)
    }

    /// Post-pandemic (1), pre (0), or unknown date (nil).
    public static func period(_ r: PersonWave) -> Int? {
        r.design.interviewMonthIndex.map { $0 >= pandemicStart ? 1 : 0 }
    }

    /// Moved since the previous wave (origadd = 2).
    public static func moved(_ r: PersonWave) -> Bool { r.origadd == .value(2) }
}

/// Counts of observations set aside for their design, while frames are built.
struct DesignTally {
    var noWeight = 0
    var noDesign = 0

    /// The observation's weight (1 when unweighted), stratum and PSU, or `nil`, counted, when it is out of scope.
    mutating func design(_ d: DesignValues, weighted: Bool) -> (Double, Int, Int)? {
        guard let stratum = d.stratum.value, let psu = d.psu.value else {
            noDesign += 1
            return nil
        }
        guard let weight = d.weight(weighted: weighted) else {
            noWeight += 1
            return nil
        }
        return (weight, stratum, psu)
    }
}
