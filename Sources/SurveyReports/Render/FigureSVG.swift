import Foundation
import SurveyPanel

/// Figure 1 as SVG: the share working at home by interview year, all workers
/// and the high-skilled, with 95% confidence bands; a small cell's point drawn hollow.
enum FigureSVG {
    /// The start of a figure: the canvas, the title and, for synthetic input, the notice (so a
    /// figure pasted into slides keeps it).
    static func header(width: Double, height: Double, title: String, notice: String?, left: Double) -> String {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(min(left, 70)))" y="28" font-size="15" font-weight="bold">\(DotPlotSVG.escape(title))</text>

            """
        if notice != nil {
            svg +=
                "<text x=\"\(f(min(left, 70)))\" y=\"48\" font-size=\"12\" font-weight=\"bold\" fill=\"#b00\">\(DotPlotSVG.escape(syntheticLine))</text>\n"
        }
        return svg
    }

    static func render(_ index: EstimateIndex, years: ClosedRange<Int>, notice: String?, minimumCases: Int) -> String {
        let width = 720.0
        let height = 440.0
        let left = 80.0
        let right = 170.0
        let top = notice == nil ? 50.0 : 70.0
        let bottom = 60.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        let x = { (year: Int) in left + plotW * Double(year - years.lowerBound) / Double(max(years.count - 1, 1)) }
        let y = { (p: Double) in top + plotH * (1 - p) }
        var svg = header(
            width: width, height: height,
            title: "Figure 1. Prevalence of working from home, all and high-skilled workers", notice: notice, left: left
        )
        svg +=
            "<text transform=\"translate(22,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">Share of workers who work at home (%)</text>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            svg +=
                "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(left - 8)\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(Int(tick * 100))%</text>\n"
        }
        for year in years {
            svg += "<text x=\"\(f(x(year)))\" y=\"\(f(top + plotH + 20))\" text-anchor=\"middle\">\(year)</text>\n"
        }
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">Interview year (UKHLS waves 8-14 pooled)</text>\n"
        let series: [(String, String)] = [("all workers", "#1f77b4"), ("high-skilled", "#d62728")]
        for (n, (group, colour)) in series.enumerated() {
            let points = years.compactMap { year -> (Int, EstimateRow)? in
                guard let r = index.row("F1", String(year), group, "works at home"), r.estimate.value.isFinite else {
                    return nil
                }
                return (year, r)
            }
            guard !points.isEmpty else { continue }
            let banded = points.filter { !$0.1.isSmallCell && $0.1.estimate.lower.isFinite }
            let upper = banded.map { "\(f(x($0.0))),\(f(y($0.1.estimate.upper)))" }
            let lower = banded.reversed().map { "\(f(x($0.0))),\(f(y($0.1.estimate.lower)))" }
            if !banded.isEmpty {
                svg +=
                    "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            }
            let line = points.map { "\(f(x($0.0))),\(f(y($0.1.estimate.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>\n"
            for (year, r) in points {
                let fill = r.isSmallCell ? "white\" stroke=\"\(colour)\" stroke-width=\"1.5" : colour
                svg += "<circle cx=\"\(f(x(year)))\" cy=\"\(f(y(r.estimate.value)))\" r=\"3.5\" fill=\"\(fill)\"/>\n"
            }
            let legendY = top + 20 + Double(n) * 22
            svg +=
                "<line x1=\"\(f(left + plotW + 15))\" x2=\"\(f(left + plotW + 40))\" y1=\"\(f(legendY))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>\n"
            svg += "<text x=\"\(f(left + plotW + 46))\" y=\"\(f(legendY + 4))\">\(group)</text>\n"
        }
        svg += "<text x=\"\(f(left + plotW + 15))\" y=\"\(f(top + 80))\" fill=\"#555\">bands: 95% CI</text>\n"
        svg +=
            "<text x=\"\(f(left + plotW + 15))\" y=\"\(f(top + 96))\" fill=\"#555\">hollow: n &lt; \(minimumCases)</text>\n"
        svg += "</svg>\n"
        return svg
    }

    /// What a figure of synthetic data says under its title (short enough for one line).
    static let syntheticLine = "SYNTHETIC DATA (ukpanel synth): not real survey responses, not findings"

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
