import Foundation
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
    /// Each wave's frame and each pair of consecutive waves' frame is built on its own (on both
    /// cores); `pooled` and `pairs` are those put end to end in wave order.
    ///
    /// - Throws: `.missingVariable` when the panel's schema does not declare an indicator the briefing needs.
    public init(panel: UKHLSPanel, weighted: Bool) throws(SurveyError) {
        let keys = try Keys(panel.schema)
        let waves = panel.waves.keys.sorted()
        let laterWaves = waves.filter { panel.waves[$0 - 1] != nil }
        let parts = ParallelResults<(EstimationFrame, DesignTally)>(count: waves.count + laterWaves.count)
        DispatchQueue.concurrentPerform(iterations: waves.count + laterWaves.count) { job in
            parts.set(job) {
                if job < waves.count {
                    return Self.waveFrame(panel.waves[waves[job]] ?? [], wave: waves[job], keys, weighted)
                }
                let later = laterWaves[job - waves.count]
                return Self.pairFrame(panel.waves[later - 1] ?? [], panel.waves[later] ?? [], keys, weighted)
            }
        }
        let built: [(EstimationFrame, DesignTally)]
        do {
            built = try parts.values()
        } catch let error as SurveyError {
            throw error
        } catch {
            throw SurveyError(.ioFailure, file: "(frames)", reason: "building the briefing's frames failed: \(error)")
        }
        var frames: [String: EstimationFrame] = [:]
        var pooled = EstimationFrame(name: "pooled", columns: Self.personColumns)
        var pairs = EstimationFrame(name: "pairs", columns: Self.pairColumns)
        pooled.reserveCapacity(built.prefix(waves.count).reduce(0) { $0 + $1.0.count })
        pairs.reserveCapacity(built.dropFirst(waves.count).reduce(0) { $0 + $1.0.count })
        var person = DesignTally()
        var pair = DesignTally()
        for (job, (frame, tally)) in built.enumerated() {
            if job < waves.count {
                frames[frame.name] = frame
                pooled.append(contentsOf: frame)
                person.add(tally)
            } else {
                pairs.append(contentsOf: frame)
                pair.add(tally)
            }
        }
        frames[pooled.name] = pooled
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

    /// One wave's person frame, `wave<N>`, and the observations set aside for their design.
    static func waveFrame(_ records: [PersonWave], wave: Int, _ keys: Keys, _ weighted: Bool)
        -> (EstimationFrame, DesignTally)
    {
        var frame = EstimationFrame(name: "wave\(wave)", columns: personColumns)
        frame.reserveCapacity(records.count)
        var tally = DesignTally()
        var row = [Int32](repeating: 0, count: personColumns.count)
        for r in records {
            guard let (weight, stratum, psu) = tally.design(r.design, weighted: weighted) else { continue }
            let days = validDays(r)
            let i = r.indicators
            row[0] = Int32(wave)
            row[1] = Int32(r.design.interviewYear.value ?? -1)
            row[2] = Int32(period(r) ?? -1)
            row[3] = i.isSet(keys.worker) ? 1 : 0
            row[4] = i.isSet(keys.high) ? 1 : 0
            row[5] = i.isSet(keys.home) ? 1 : 0
            row[6] = Int32(r.region.value ?? -1)
            row[7] = i.code(keys.gse) ?? -1
            row[8] = Int32(days ?? -1)
            row[9] = days == nil ? 0 : 1
            frame.append(weight: weight, stratum: stratum, psu: psu, row: row)
        }
        return (frame, tally)
    }

    /// The pairs of `later`'s interviews with the same person's in `earlier` (the wave before), in
    /// `later`'s order, weighted by the later interview's design.
    static func pairFrame(_ earlier: [PersonWave], _ later: [PersonWave], _ keys: Keys, _ weighted: Bool)
        -> (EstimationFrame, DesignTally)
    {
        var index: [Int: Int] = [:]
        index.reserveCapacity(earlier.count)
        for (i, r) in earlier.enumerated() { index[r.pidp] = i }
        var frame = EstimationFrame(name: "pairs", columns: pairColumns)
        frame.reserveCapacity(min(earlier.count, later.count))
        var tally = DesignTally()
        var row = [Int32](repeating: 0, count: pairColumns.count)
        for now in later {
            guard let e = index[now.pidp] else { continue }
            guard let (weight, stratum, psu) = tally.design(now.design, weighted: weighted) else { continue }
            let before = earlier[e]
            let moved = Self.moved(now)
            let i = before.indicators
            row[0] = Int32(before.wave.number)
            row[1] = Int32(period(now) ?? -1)
            row[2] = moved ? 1 : 0
            row[3] = i.isSet(keys.worker) ? 1 : 0
            row[4] = i.isSet(keys.high) ? 1 : 0
            row[5] = i.isSet(keys.home) ? 1 : 0
            let reasons = now.moveReasons
            let reason = { (r: Observed<Int16>) -> Int32 in moved && r == .value(1) ? 1 : 0 }
            (row[6], row[7], row[8]) = (reason(reasons.family), reason(reasons.education), reason(reasons.employment))
            (row[9], row[10], row[11]) = (reason(reasons.housing), reason(reasons.area), reason(reasons.other))
            frame.append(weight: weight, stratum: stratum, psu: psu, row: row)
        }
        return (frame, tally)
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
struct DesignTally: Sendable {
    var noWeight = 0
    var noDesign = 0

    /// Adds `other`'s counts.
    mutating func add(_ other: DesignTally) {
        noWeight += other.noWeight
        noDesign += other.noDesign
    }

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
