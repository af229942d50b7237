import SurveyPanel
import SurveySchema

/// Builds the estimation frames of the briefing from a panel: person-waves
/// (one frame per wave, and all waves pooled) and consecutive-wave pairs.
public struct BriefingFrames: Sendable {
    /// Frames by name: `wave8` … `wave14`, `pooled`, `pairs`.
    public var frames: [String: EstimationFrame]
    /// People set aside, and why (for the report).
    public var exclusions: [String]

    static let personColumns = ["wave", "year", "period", "worker", "high", "home", "region", "gse", "days", "valid"]
    static let pairColumns =
        ["from", "period", "moved", "worker0", "high0", "home0"] + BriefingDefinitions.reasons.map { "reason_\($0)" }

    /// Frames for a weighted (`weighted`) or unweighted analysis.
    public init(panel: UKHLSPanel, weighted: Bool) {
        var frames: [String: EstimationFrame] = [:]
        var pooled = EstimationFrame(name: "pooled", columns: Self.personColumns)
        var noWeight = 0
        var noDesign = 0
        for wave in panel.waves.keys.sorted() {
            var frame = EstimationFrame(name: "wave\(wave)", columns: Self.personColumns)
            for r in panel.waves[wave] ?? [] {
                guard
                    let (weight, stratum, psu) = Self.design(
                        r, weighted: weighted, noWeight: &noWeight, noDesign: &noDesign)
                else { continue }
                let region = Int32(r.region.value ?? -1)
                let row: [Int32] = [
                    Int32(wave), Int32(r.interviewYear.value ?? -1), Int32(BriefingDefinitions.period(r) ?? -1),
                    BriefingDefinitions.isWorker(r) ? 1 : 0, BriefingDefinitions.isHighSkilled(r) ? 1 : 0,
                    BriefingDefinitions.worksAtHome(r) ? 1 : 0, region,
                    region > 0 ? (BriefingDefinitions.isGreaterSouthEast(Int(region)) ? 1 : 0) : -1,
                    Int32(BriefingDefinitions.validDays(r) ?? -1), BriefingDefinitions.validDays(r) == nil ? 0 : 1,
                ]
                frame.append(weight: weight, stratum: stratum, psu: psu, row: row)
                pooled.append(weight: weight, stratum: stratum, psu: psu, row: row)
            }
            frames[frame.name] = frame
        }
        frames[pooled.name] = pooled
        var pairs = EstimationFrame(name: "pairs", columns: Self.pairColumns)
        var pairsNoWeight = 0
        var pairsNoDesign = 0
        for t in panel.transitions() {
            guard
                let (weight, stratum, psu) = Self.design(
                    t.later, weighted: weighted, noWeight: &pairsNoWeight, noDesign: &pairsNoDesign)
            else { continue }
            let moved = BriefingDefinitions.moved(t.later)
            var row: [Int32] = [
                Int32(t.earlier.wave.number), Int32(BriefingDefinitions.period(t.later) ?? -1), moved ? 1 : 0,
                BriefingDefinitions.isWorker(t.earlier) ? 1 : 0, BriefingDefinitions.isHighSkilled(t.earlier) ? 1 : 0,
                BriefingDefinitions.worksAtHome(t.earlier) ? 1 : 0,
            ]
            row += t.later.moveReasons.all.map { moved && $0 == .value(1) ? 1 : 0 }
            pairs.append(weight: weight, stratum: stratum, psu: psu, row: row)
        }
        frames[pairs.name] = pairs
        self.frames = frames
        var exclusions: [String] = []
        if noWeight + pairsNoWeight > 0 {
            exclusions.append(
                "\(noWeight) person-waves and \(pairsNoWeight) wave pairs with a zero or missing cross-sectional weight are out of scope of weighted estimates"
            )
        }
        if noDesign + pairsNoDesign > 0 {
            exclusions.append(
                "\(noDesign) person-waves and \(pairsNoDesign) wave pairs with a missing stratum or PSU are left out")
        }
        self.exclusions = exclusions
    }

    /// The observation's weight (1 when unweighted), stratum and PSU, or nil when it is out of scope.
    static func design(_ r: PersonWave, weighted: Bool, noWeight: inout Int, noDesign: inout Int) -> (
        Double, Int, Int
    )? {
        guard let stratum = r.strata.value, let psu = r.psu.value else {
            noDesign += 1
            return nil
        }
        var weight = 1.0
        if weighted {
            guard let w = r.weightCrossSectional.value, w > 0 else {
                noWeight += 1
                return nil
            }
            weight = w
        }
        return (weight, Int(stratum), Int(psu))
    }
}
