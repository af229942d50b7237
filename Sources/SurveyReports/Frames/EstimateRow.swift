import SurveyEstimation
import SurveyPanel

/// What to estimate: among observations of `frame` meeting `domain`, the share
/// that also meet `event`.
public struct EstimateSpec: Sendable {
    public var table: String
    public var period: String
    public var group: String
    public var category: String
    public var frame: String
    public var domain: [Condition]
    public var event: [Condition]

    public init(
        table: String, period: String, group: String, category: String, frame: String,
        domain: [Condition], event: [Condition]
    ) {
        self.table = table
        self.period = period
        self.group = group
        self.category = category
        self.frame = frame
        self.domain = domain
        self.event = event
    }
}

/// One row of the tidy output: a spec and its estimate.
public struct EstimateRow: Sendable {
    public var spec: EstimateSpec
    public var estimate: Estimate
    public var weighted: Bool

    /// The tidy CSV columns, in order (documented in the README).
    public static let csvHeader = [
        "table", "wave_or_period", "group", "category", "estimate", "se", "ci_low", "ci_high",
        "n_unweighted", "n_category", "weighted_n", "weighting",
    ]

    public var csvFields: [String] {
        [
            spec.table, spec.period, spec.group, spec.category, Self.number(estimate.value),
            Self.number(estimate.standardError), Self.number(estimate.lower), Self.number(estimate.upper),
            String(estimate.domainCount), String(estimate.numeratorCount), Self.number(estimate.weightedDomain),
            weighted ? "weighted" : "unweighted",
        ]
    }

    /// Ten significant digits; empty (never `.` or `NaN`) when there is no estimate.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        var text = String(format: "%.10g", x)
        if text.contains("e") { text = String(format: "%.12f", x) }
        return text
    }
}

/// Runs specs against frames.
public enum FrameEstimator {
    /// The estimate of every spec.
    public static func run(_ specs: [EstimateSpec], frames: [String: EstimationFrame], weighted: Bool) -> [EstimateRow]
    {
        var designs: [String: SurveyDesign] = [:]
        return specs.compactMap { spec in
            guard let frame = frames[spec.frame] else { return nil }
            let design = designs[spec.frame] ?? frame.design(weighted: weighted)
            designs[spec.frame] = design
            let domain = frame.indicator(spec.domain)
            let numerator = frame.indicator(spec.domain + spec.event)
            return EstimateRow(
                spec: spec, estimate: Estimator.ratio(numerator: numerator, denominator: domain, design: design),
                weighted: weighted)
        }
    }
}
