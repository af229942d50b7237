/// A stratified, clustered sample design: one weight, stratum and primary
/// sampling unit per observation. PSUs are nested in strata (a PSU label is
/// read within its stratum). Knows nothing of any survey.
public struct SurveyDesign: Sendable {
    /// How strata with a single PSU enter the variance.
    public enum LonelyPSU: String, Sendable {
        /// As R `survey` (4.x) with `options(survey.lonely.psu = "adjust")`: the
        /// single PSU's total is centred at the population mean of the linearised
        /// values, which is zero (exactly so for ratios and means), so it enters as its square.
        case adjust
        /// Such strata add nothing to the variance.
        case remove
    }

    /// The weight of each observation.
    public let weights: [Double]
    /// For each observation, the index of its PSU in `psuStratum`.
    let psuOfObservation: [Int]
    /// For each PSU, the index of its stratum.
    let psuStratum: [Int]
    /// PSUs per stratum.
    let psusInStratum: [Int]
    /// The lonely-PSU rule.
    public let lonelyPSU: LonelyPSU

    /// Observations.
    public var count: Int { weights.count }
    /// Number of PSUs and strata.
    public var psuCount: Int { psuStratum.count }
    public var stratumCount: Int { psusInStratum.count }
    /// Degrees of freedom: PSUs minus strata.
    public var degreesOfFreedom: Int { psuCount - stratumCount }

    /// A design from per-observation weights, stratum labels and PSU labels.
    ///
    /// - Precondition: the three arrays have the same length.
    public init(weights: [Double], strata: [Int], psus: [Int], lonelyPSU: LonelyPSU = .adjust) {
        precondition(weights.count == strata.count && strata.count == psus.count, "design arrays differ in length")
        self.weights = weights
        self.lonelyPSU = lonelyPSU
        var stratumIndex: [Int: Int] = [:]
        var psuIndex: [Pair: Int] = [:]
        var psuStratum: [Int] = []
        var psusInStratum: [Int] = []
        var psuOfObservation = [Int](repeating: 0, count: weights.count)
        for i in weights.indices {
            let s: Int
            if let known = stratumIndex[strata[i]] {
                s = known
            } else {
                s = psusInStratum.count
                stratumIndex[strata[i]] = s
                psusInStratum.append(0)
            }
            let key = Pair(stratum: strata[i], psu: psus[i])
            if let p = psuIndex[key] {
                psuOfObservation[i] = p
            } else {
                let p = psuStratum.count
                psuIndex[key] = p
                psuStratum.append(s)
                psusInStratum[s] += 1
                psuOfObservation[i] = p
            }
        }
        self.psuOfObservation = psuOfObservation
        self.psuStratum = psuStratum
        self.psusInStratum = psusInStratum
    }

    /// The same observations, every weight 1 (an unweighted analysis that keeps the design's clustering).
    public func unweighted() -> SurveyDesign {
        SurveyDesign(copying: self, weights: [Double](repeating: 1, count: count))
    }

    private init(copying other: SurveyDesign, weights: [Double]) {
        self.weights = weights
        self.psuOfObservation = other.psuOfObservation
        self.psuStratum = other.psuStratum
        self.psusInStratum = other.psusInStratum
        self.lonelyPSU = other.lonelyPSU
    }

    /// The degrees of freedom of a domain (`indicator` non-zero), as R's `degf` of the design
    /// subset to it: the PSUs holding a domain observation of non-zero weight, minus their strata.
    public func degreesOfFreedom(in indicator: [Double]) -> Int {
        degreesOfFreedom(rows: indicator.indices.filter { indicator[$0] != 0 }.map { Int32($0) })
    }

    /// `degreesOfFreedom(in:)` of the domain holding the observations `rows`.
    func degreesOfFreedom(rows: [Int32]) -> Int {
        var psuSeen = [Bool](repeating: false, count: psuCount)
        var stratumSeen = [Bool](repeating: false, count: stratumCount)
        var psus = 0
        var strata = 0
        for i in rows where weights[Int(i)] != 0 {
            let p = psuOfObservation[Int(i)]
            guard !psuSeen[p] else { continue }
            psuSeen[p] = true
            psus += 1
            let s = psuStratum[p]
            if !stratumSeen[s] {
                stratumSeen[s] = true
                strata += 1
            }
        }
        return psus - strata
    }

    /// The Taylor-linearised variance of a total whose influence values are `z`
    /// (one per observation, weights already applied).
    ///
    /// Between-PSU variance within each stratum, `n_h / (n_h − 1) Σ_j (z_hj − z̄_h)²`,
    /// summed over strata (with replacement at the first stage, no finite-population correction).
    public func varianceOfTotal(_ z: [Double]) -> Double {
        var psuTotals = [Double](repeating: 0, count: psuCount)
        for i in z.indices { psuTotals[psuOfObservation[i]] += z[i] }
        return variance(psuTotals: psuTotals)
    }

    /// The variance of a total from its PSUs' totals of the influence values (`varianceOfTotal`'s second half).
    func variance(psuTotals: [Double]) -> Double {
        var stratumSums = [Double](repeating: 0, count: stratumCount)
        for (p, total) in psuTotals.enumerated() { stratumSums[psuStratum[p]] += total }
        var variance = 0.0
        var perStratum = [Double](repeating: 0, count: stratumCount)
        for (p, total) in psuTotals.enumerated() {
            let s = psuStratum[p]
            let n = psusInStratum[s]
            if n > 1 {
                let d = total - stratumSums[s] / Double(n)
                perStratum[s] += d * d
            } else if lonelyPSU == .adjust {
                perStratum[s] += total * total
            }
        }
        for s in 0..<stratumCount {
            let n = psusInStratum[s]
            variance += n > 1 ? Double(n) / Double(n - 1) * perStratum[s] : perStratum[s]
        }
        return variance
    }

    struct Pair: Hashable {
        var stratum: Int
        var psu: Int
    }
}
