import Foundation

/// A dot plot as SVG: categories down the side, a percentage across, one dot per series with
/// its 95% interval as a bar; a small cell (too few cases) is drawn hollow and its interval
/// left out. Used for the briefing's Figures 2-4 (regions, moves, reasons; before and after).
enum DotPlotSVG {
    struct Series {
        var label: String
        var colour: String
        /// One row per category (nil: no estimate).
        var rows: [EstimateRow?]
    }

    static func render(
        title: String, categories: [String], series: [Series], axisTitle: String, notice: String?,
        minimumCases: Int
    ) -> String {
        let rowHeight = 14.0 * Double(max(series.count, 1)) + 10
        let left = 190.0
        let plotW = 420.0
        let right = 250.0
        let top = notice == nil ? 50.0 : 70.0
        let plotH = rowHeight * Double(categories.count)
        let width = left + plotW + right
        let height = top + plotH + 70
        let maximum = niceMaximum(series.flatMap { $0.rows.compactMap { $0.map { row in row.estimate.upper } } })
        let x = { (p: Double) in left + plotW * min(max(p, 0), maximum) / maximum }
        var svg = FigureSVG.header(width: width, height: height, title: title, notice: notice, left: left)
        let step = maximum > 0.5 ? 0.2 : maximum > 0.2 ? 0.1 : 0.05
        for tick in stride(from: 0.0, through: maximum + 1e-9, by: step) {
            svg +=
                "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>\n"
            svg +=
                "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(Int((tick * 100).rounded()))%</text>\n"
        }
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 42))\" text-anchor=\"middle\">\(escape(axisTitle))</text>\n"
        for (c, category) in categories.enumerated() {
            let y0 = top + rowHeight * Double(c)
            svg +=
                "<text x=\"\(f(left - 10))\" y=\"\(f(y0 + rowHeight / 2 + 4))\" text-anchor=\"end\">\(escape(category))</text>\n"
            for (k, s) in series.enumerated() {
                guard let row = s.rows[c], row.estimate.value.isFinite else { continue }
                let y = y0 + 10 + 14 * Double(k)
                if row.isSmallCell {
                    svg +=
                        "<circle cx=\"\(f(x(row.estimate.value)))\" cy=\"\(f(y))\" r=\"4\" fill=\"white\" stroke=\"\(s.colour)\" stroke-width=\"1.5\"/>\n"
                    continue
                }
                if row.estimate.lower.isFinite && row.estimate.upper.isFinite {
                    svg +=
                        "<line x1=\"\(f(x(row.estimate.lower)))\" x2=\"\(f(x(row.estimate.upper)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(s.colour)\" stroke-width=\"2\"/>\n"
                }
                svg += "<circle cx=\"\(f(x(row.estimate.value)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(s.colour)\"/>\n"
            }
        }
        for (k, s) in series.enumerated() {
            let y = top + 10 + 22 * Double(k)
            svg += "<circle cx=\"\(f(left + plotW + 22))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(s.colour)\"/>\n"
            svg += "<text x=\"\(f(left + plotW + 32))\" y=\"\(f(y + 4))\">\(escape(s.label))</text>\n"
        }
        let y = top + 10 + 22 * Double(series.count) + 8
        svg += "<text x=\"\(f(left + plotW + 15))\" y=\"\(f(y))\" fill=\"#555\">bars: 95% CI</text>\n"
        svg +=
            "<text x=\"\(f(left + plotW + 15))\" y=\"\(f(y + 16))\" fill=\"#555\">hollow: n &lt; \(minimumCases)</text>\n"
        return svg + "</svg>\n"
    }

    /// The axis end: the largest upper bound rounded up to a tenth (at least 10%).
    static func niceMaximum(_ values: [Double]) -> Double {
        let top = values.filter(\.isFinite).max() ?? 1
        return min(1, max(0.1, (top * 10).rounded(.up) / 10))
    }

    static func f(_ v: Double) -> String { FigureSVG.f(v) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
