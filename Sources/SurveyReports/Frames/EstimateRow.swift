import Foundation
import SurveyEstimation
import SurveyFiles
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

/// How estimates are made and presented, whatever the report.
public struct EstimationSettings: Sendable, Equatable {
    /// How the 95% intervals are made (default: as R's `svyciprop(method = "logit")`).
    public var interval: IntervalMethod
    /// An estimate resting on fewer unweighted cases than this is a small cell: flagged in
    /// `estimates.csv`, suppressed in the printed tables, drawn hollow in figures.
    public var minimumCases: Int

    /// The defaults: logit intervals with the t quantile on the design's degrees of freedom; 30 cases.
    public init(interval: IntervalMethod = .logit, minimumCases: Int = 30) {
        self.interval = interval
        self.minimumCases = minimumCases
    }
}

/// One row of the tidy output: a spec and its estimate.
public struct EstimateRow: Sendable {
    public var spec: EstimateSpec
    public var estimate: Estimate
    public var weighted: Bool
    /// The smallest number of unweighted cases an estimate may rest on before it is a small cell.
    public var minimumCases = 30

    /// Whether the estimate rests on fewer than `minimumCases` unweighted cases.
    public var isSmallCell: Bool { estimate.domainCount < minimumCases }

    /// The tidy CSV columns, in order (documented in the README).
    public static let csvHeader = [
        "table", "wave_or_period", "group", "category", "estimate", "se", "ci_low", "ci_high", "df",
        "n_unweighted", "n_category", "weighted_n", "weighting", "small_cell", "synthetic",
    ]

    /// The row's CSV fields; `synthetic` says whether the input was synthetic data.
    public func csvFields(synthetic: Bool) -> [String] {
        [
            spec.table, spec.period, spec.group, spec.category, Self.number(estimate.value),
            Self.number(estimate.standardError), Self.number(estimate.lower), Self.number(estimate.upper),
            String(estimate.degreesOfFreedom), String(estimate.domainCount), String(estimate.numeratorCount),
            Self.number(estimate.weightedDomain), weighted ? "weighted" : "unweighted",
            isSmallCell ? "true" : "false", synthetic ? "true" : "false",
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
    /// Specs are independent: they are estimated on both cores, and the rows come back in the specs'
    /// order (a spec whose frame is absent gives none).
    public static func run(
        _ specs: [EstimateSpec], frames: [String: EstimationFrame], weighted: Bool,
        settings: EstimationSettings = .init()
    ) -> [EstimateRow] {
        // Each frame's design and row index once, its frames in parallel too.
        let names = Array(Set(specs.map(\.frame)).filter { frames[$0] != nil }).sorted()
        let prepared = ParallelResults<(SurveyDesign, FrameRowIndex)>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { k in
            prepared.set(k) {
                guard let frame = frames[names[k]] else {
                    throw SurveyError(.invalidSpec, file: names[k], reason: "no such frame")
                }
                return (frame.design(weighted: weighted), FrameRowIndex(frame))
            }
        }
        let designs = Dictionary(uniqueKeysWithValues: zip(names, (try? prepared.values()) ?? []))
        let rows = ParallelResults<EstimateRow?>(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count) { k in
            rows.set(k) {
                let spec = specs[k]
                guard let (design, index) = designs[spec.frame] else { return nil }
                let (domain, event) = index.rows(domain: spec.domain, event: spec.event)
                return EstimateRow(
                    spec: spec,
                    estimate: Estimator.proportion(
                        domain: domain, event: event, design: design, interval: settings.interval),
                    weighted: weighted, minimumCases: settings.minimumCases)
            }
        }
        return ((try? rows.values()) ?? []).compactMap { $0 }
    }
}
