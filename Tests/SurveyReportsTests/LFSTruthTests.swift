import Foundation
import SurveyEstimation
import SurveyPanel
import SurveySchema
import SurveySynth
import Testing

@testable import SurveyReports

@Suite("LFS tables on synthetic quarters recover what the generator planted")
struct LFSTruthTests {
    struct Run {
        let quarters: LFSQuarters
        let download: LFSDownload
        let truth: LFSTruth
        let schema: Schema
    }

    /// A fresh synthetic LFS (sample scale, 2019Q1-2024Q4), read back from its files.
    static let run: Result<Run, any Error> = Result {
        let folder = NSTemporaryDirectory() + "ukpanel-lfs-" + UUID().uuidString
        let schema = try SchemaLoader.builtin("lfs")
        var options = LFSSynthOptions()
        options.seed = 31
        let summary = try LFSSynthesizer(schema: schema, options: options).write(into: folder)
        let download = try LFSDownload(root: folder)
        let quarters = try LFSQuarters.load(download: download, schema: schema)
        return Run(quarters: quarters, download: download, truth: summary.truth, schema: schema)
    }

    static func find(_ rows: [EstimateRow], _ table: String, _ period: String, _ group: String, _ category: String)
        throws -> Estimate
    {
        try #require(
            rows.first {
                $0.spec.table == table && $0.spec.period == period && $0.spec.group == group
                    && $0.spec.category == category
            }
        ).estimate
    }

    @Test("lfs-wfh, unweighted: every quarter's counts of home-workers by region and class are the planted ones")
    func homeWorkingCounts() throws {
        let run = try Self.run.get()
        let report = try LFSReport(homeWorking: run.quarters, weighted: false, syntheticNotice: nil)
        #expect(run.quarters.periods.count == 24)
        #expect(run.quarters.files[LFSPeriod(year: 2020, quarter: 1)]?.vintage == "22")
        for period in run.quarters.periods {
            let t = try #require(run.truth.quarters[period.description])
            let valid = (1...4).reduce(0) { $0 + (t.home[String($1)] ?? 0) }
            let own = try Self.find(report.rows, "lfs_own_home", period.description, "all workers", "all workers")
            let based = try Self.find(report.rows, "lfs_home_based", period.description, "all workers", "all workers")
            #expect(own.domainCount == valid && own.numeratorCount == t.home["1"] ?? 0)
            #expect(based.numeratorCount == (1...3).reduce(0) { $0 + (t.home[String($1)] ?? 0) })
            #expect(abs(own.value - Double(t.home["1"] ?? 0) / Double(valid)) < 1e-12)
            for (code, name) in LFSDefinitions.regions {
                let g = t.byRegion[String(code)]
                #expect(
                    try Self.find(report.rows, "lfs_own_home", period.description, "region", name).numeratorCount == g?
                        .ownHome ?? 0)
                #expect(
                    try Self.find(report.rows, "lfs_home_based", period.description, "region", name).numeratorCount
                        == g?.homeBased ?? 0)
            }
            for (code, name) in LFSDefinitions.classes {
                let g = t.byNssec5[String(code)]
                #expect(
                    try Self.find(report.rows, "lfs_home_based", period.description, "NS-SEC", name).numeratorCount
                        == g?.homeBased ?? 0)
            }
        }
    }

    @Test("lfs-wfh, weighted: the estimate is the weighted share computed directly from the records")
    func weightedShare() throws {
        let run = try Self.run.get()
        let report = try LFSReport(homeWorking: run.quarters, weighted: true, syntheticNotice: nil)
        for period in [LFSPeriod(year: 2019, quarter: 4), LFSPeriod(year: 2021, quarter: 4)] {
            var numerator = 0.0
            var denominator = 0.0
            for r in run.quarters.quarters[period] ?? [] where r.ilodefr == .value(1) && r.region == .value(8) {
                guard let h = r.home.value, (1...4).contains(h), let w = r.design.weight.value else { continue }
                denominator += w
                if h <= 3 { numerator += w }
            }
            let e = try Self.find(report.rows, "lfs_home_based", period.description, "region", "London")
            #expect(abs(e.value - numerator / denominator) < 1e-12)
            #expect(e.standardError > 0 && e.lower < e.value && e.value < e.upper)
        }
        #expect(report.notes.contains { $0.contains("households (HSERIALP) as clusters") })
    }

    @Test(
        "lfs-transitions, unweighted: people in work in both quarters, home-based in both, changing class, as planted")
    func transitionsCounts() throws {
        let run = try Self.run.get()
        let data = try run.download.longitudinal.map { try LFSLongitudinalData.read(file: $0, schema: run.schema) }
        #expect(data.count == run.truth.longitudinal.count)
        let report = try LFSReport(transitions: data, linked: nil, weighted: false, syntheticNotice: nil)
        for (d, t) in zip(data, run.truth.longitudinal) {
            #expect(d.histories.count == t.persons)
            var first = d.file.first
            for q in 0..<4 {
                let period = LFSTables.pairLabel(first)
                let group = LFSTables.datasetName(d.file)
                let both = try Self.find(report.rows, "lfs_transitions", period, group, "home-based in both")
                #expect(
                    both.domainCount == t.workersBoth[q] && both.numeratorCount == t.homeBasedBoth[q],
                    "\(group) \(period)")
                let changed = try Self.find(report.rows, "lfs_transitions", period, group, "changes class")
                #expect(changed.domainCount == t.classValidBoth[q] && changed.numeratorCount == t.classChanged[q])
                first = first.nextQuarter
            }
        }
        #expect(run.truth.longitudinal.reduce(0) { $0 + $1.classChanged.reduce(0, +) } > 0)
    }

    @Test("T5: the UKHLS column is Figure 1's estimate for the year; the LFS column pools the year's four quarters")
    func table5() throws {
        let run = try Self.run.get()
        let ukhls = try BriefingTruthTests.run.get()
        let panel = ukhls.panel
        let report = try BriefingReport(panel: panel, lfs: run.quarters, weighted: true, syntheticNotice: nil)
        let plain = try BriefingReport(panel: panel, weighted: true, syntheticNotice: nil)
        #expect(!report.table5Years.isEmpty && plain.table5Years.isEmpty)
        #expect(Set(report.table5Years).isSubset(of: Set(2019...2024)))
        let quarterly = try LFSReport(homeWorking: run.quarters, weighted: true, syntheticNotice: nil)
        for year in report.table5Years {
            let u = try Self.find(report.rows, "T5", String(year), "UK", "UKHLS works at home")
            let f = try Self.find(report.rows, "F1", String(year), "all workers", "works at home")
            #expect(u.value == f.value && u.standardError == f.standardError && u.domainCount == f.domainCount)
            let l = try Self.find(report.rows, "T5", String(year), "UK", "LFS home as a base")
            let sum = try (1...4).reduce(0) {
                $0
                    + (try Self.find(quarterly.rows, "lfs_home_based", "\(year)Q\($1)", "all workers", "all workers"))
                    .domainCount
            }
            #expect(l.domainCount == sum)
            let london = try Self.find(report.rows, "T5", String(year), "London", "LFS mainly at home")
            let quarters = try (1...4).map {
                try Self.find(quarterly.rows, "lfs_own_home", "\(year)Q\($0)", "region", "London")
            }
            #expect(london.numeratorCount == quarters.reduce(0) { $0 + $1.numeratorCount })
        }
        #expect(report.markdown.contains("## Table 5. Home-working by region in UKHLS and the LFS"))
        #expect(plain.markdown.contains("Not run: no LFS quarters"))
    }
}
