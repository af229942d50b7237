import Foundation
import SurveyPanel

/// Looks up estimates by table, period, group and category, and formats them.
struct EstimateIndex {
    private var rows: [String: EstimateRow] = [:]

    init(_ rows: [EstimateRow]) {
        for row in rows {
            self.rows[Self.key(row.spec.table, row.spec.period, row.spec.group, row.spec.category)] = row
        }
    }

    static func key(_ t: String, _ p: String, _ g: String, _ c: String) -> String {
        [t, p, g, c].joined(separator: "\u{1F}")
    }

    func row(_ table: String, _ period: String, _ group: String, _ category: String) -> EstimateRow? {
        rows[Self.key(table, period, group, category)]
    }

    /// `52.6% (0.4)`: the estimate and its standard error in percentage points; `–` when there is none;
    /// `n<30` in place of an estimate resting on fewer unweighted cases than its threshold (a small cell).
    func percent(_ table: String, _ period: String, _ group: String, _ category: String) -> String {
        guard let r = row(table, period, group, category), r.estimate.value.isFinite else { return "–" }
        if r.isSmallCell { return "n<\(r.minimumCases)" }
        return String(format: "%.1f%% (%.1f)", 100 * r.estimate.value, 100 * r.estimate.standardError)
    }

    /// The domain's unweighted n.
    func n(_ table: String, _ period: String, _ group: String, _ category: String) -> String {
        row(table, period, group, category).map { String($0.estimate.domainCount) } ?? "–"
    }
}
