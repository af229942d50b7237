import Foundation

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

    /// `52.6% (0.4)`: the estimate and its standard error in percentage points; `–` when there is none.
    func percent(_ table: String, _ period: String, _ group: String, _ category: String) -> String {
        guard let r = row(table, period, group, category), r.estimate.value.isFinite else { return "–" }
        return String(format: "%.1f%% (%.1f)", 100 * r.estimate.value, 100 * r.estimate.standardError)
    }

    /// The domain's unweighted n.
    func n(_ table: String, _ period: String, _ group: String, _ category: String) -> String {
        row(table, period, group, category).map { String($0.estimate.domainCount) } ?? "–"
    }
}

/// Plain and Markdown tables.
enum TableText {
    /// Rows with aligned columns, for the terminal.
    static func plain(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == 0
                    ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A Markdown table; the first row is the header.
    static func markdown(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|")
        for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
