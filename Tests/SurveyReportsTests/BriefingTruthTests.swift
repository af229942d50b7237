import Foundation
import SurveyEstimation
import SurveyFiles
import SurveyPanel
import SurveySchema
import SurveySynth
import Testing

@testable import SurveyReports

@Suite("The briefing reproduced on synthetic data recovers what the generator planted")
struct BriefingTruthTests {
    struct Run {
        let report: BriefingReport
        let truth: SynthTruth
        let panel: UKHLSPanel
    }

    /// A fresh synthetic download (1,500 people, every compression path exercised elsewhere), read back from its files.
    static let run: Result<Run, any Error> = Result {
        let folder = NSTemporaryDirectory() + "ukpanel-briefing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var options = UKHLSSynthOptions()
        options.scale = .persons(1_500)
        options.compression = .zip
        let schema = try SchemaLoader.builtin("ukhls")
        let summary = try UKHLSSynthesizer(schema: schema, options: options).write(into: folder)
        let panel = try UKHLSPanel.load(download: UKHLSDownload(root: folder + "/UKDA-6614-tab.zip"), schema: schema)
        return Run(
            report: try BriefingReport(panel: panel, weighted: false, syntheticNotice: nil), truth: summary.truth,
            panel: panel)
    }

    func row(_ run: Run, _ table: String, _ period: String, _ group: String, _ category: String) throws -> Estimate {
        try #require(
            run.report.rows.first {
                $0.spec.table == table && $0.spec.period == period && $0.spec.group == group
                    && $0.spec.category == category
            }
        ).estimate
    }

    @Test("Table 1: counts per category and n, all workers and high-skilled")
    func table1() throws {
        let run = try Self.run.get()
        let w14 = run.truth.wave14
        for (group, column) in [("all workers", w14.table1All), ("high-skilled", w14.table1HighSkilled)] {
            for category in w14.categories {
                let e = try row(run, "T1", "wave 14", group, category)
                #expect(e.numeratorCount == column.counts[category], "\(group) \(category)")
                #expect(e.domainCount == column.n)
                #expect(abs(e.value - Double(column.counts[category] ?? -1) / Double(column.n)) < 1e-12)
            }
        }
    }

    @Test("workers, high-skilled workers and home-workers in every wave")
    func perWave() throws {
        let run = try Self.run.get()
        for (wave, counts) in run.truth.waves {
            let all = try row(run, "F1", "wave \(wave)", "all workers", "works at home")
            let high = try row(run, "F1", "wave \(wave)", "high-skilled", "works at home")
            #expect(all.domainCount == counts.workers, "wave \(wave)")
            #expect(all.numeratorCount == counts.workersAtHome, "wave \(wave)")
            #expect(high.domainCount == counts.highSkilledWorkers, "wave \(wave)")
            #expect(high.numeratorCount == counts.highSkilledAtHome, "wave \(wave)")
        }
    }

    @Test("pairs and movers per wave pair, by group, and the reasons they gave")
    func moves() throws {
        let run = try Self.run.get()
        #expect(run.truth.transitions.count == 6)
        for t in run.truth.transitions {
            let period = "\(t.from)-\(t.to)"
            let everyone = try row(run, "T3", period, "everyone", "moved")
            #expect(everyone.domainCount == t.pairs && everyone.numeratorCount == t.movers, "\(period)")
            let high = try row(run, "T3", period, "high-skilled", "moved")
            #expect(high.domainCount == t.highSkilledPairs && high.numeratorCount == t.highSkilledMovers, "\(period)")
            let home = try row(run, "T3", period, "workers at home", "moved")
            #expect(home.domainCount == t.atHomePairs && home.numeratorCount == t.atHomeMovers, "\(period)")
            for reason in BriefingDefinitions.reasons {
                let all = try row(run, "T4", period, "all movers", reason)
                #expect(
                    all.domainCount == t.movers && all.numeratorCount == (t.reasons[reason] ?? 0), "\(period) \(reason)"
                )
                let hs = try row(run, "T4", period, "high-skilled movers", reason)
                #expect(
                    hs.domainCount == t.highSkilledMovers && hs.numeratorCount == (t.highSkilledReasons[reason] ?? 0))
            }
        }
    }

    @Test("the outputs: tidy CSV with the documented columns, report with definitions, figure")
    func outputs() throws {
        let run = try Self.run.get()
        let folder = NSTemporaryDirectory() + "ukpanel-out-" + UUID().uuidString
        let files = try run.report.write(to: folder)
        #expect(
            files.map { ($0 as NSString).lastPathComponent } == [
                "estimates.csv", "report.md", "figure1.svg", "figure2.svg", "figure3.svg", "figure4.svg",
            ])
        let csv = try String(contentsOfFile: folder + "/estimates.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(
            lines.first
                == "table,wave_or_period,group,category,estimate,se,ci_low,ci_high,df,n_unweighted,n_category,weighted_n,weighting,small_cell,synthetic"
        )
        #expect(lines.count == run.report.rows.count + 1)
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        for (term, _) in BriefingDefinitions.text { #expect(report.contains("**\(term)**"), "\(term)") }
        let svg = try String(contentsOfFile: folder + "/figure1.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("polygon") && svg.contains("2024"))
    }
}
