import Foundation
import TestFixtures
import Testing

/// `tables` and `batch` say out loud when a table rests on a variable a file lacks, or holds with
/// no valid value: on standard error and in the report, naming table, variable, source, file,
/// the closest names and the fix. Checked against the files by Python where counts matter.
@Suite("tables and batch: loud gaps")
struct TableGapsTests {
    static let repositoryRoot = ReportTrustTests.repositoryRoot

    static func warnings(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    }

    @Test("lfs-wfh: the class tables leave out each quarter whose class variables are absent")
    func lfsClassAbsent() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            [
                "tables", "lfs-wfh", "--quiet", "--from", "2023Q3", "--to", "2023Q4", "--map", "nssec_major=NSECMJXX",
                "--map", "nssec_operational=NSECMX", "--out", out,
            ], in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = Self.warnings(run.stderr)
        #expect(warnings.count == 2, "\(warnings)")
        for (quarter, file) in [("2023Q3", "lfsp_js23_eul_pwt22.tab.gz"), ("2023Q4", "lfsp_od23_eul_pwt22.tab.gz")] {
            let warning = try #require(warnings.first { $0.contains("leaves out \(quarter):") })
            for part in [
                "tables by NS-SEC class", "'nssec_major'", "'NSECMJXX'", file, "closest names present: NSECMJ20",
                "--map nssec_major=NAME",
            ] {
                #expect(warning.contains(part), "\(part) in \(warning)")
            }
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.components(separatedBy: "> **Warning.** tables by NS-SEC class").count == 3)
        // The class cells are empty, the regional ones are not: what the warning says.
        let script = """
            import csv
            rows = list(csv.DictReader(open('estimates.csv')))
            by_class = [r for r in rows if r['group'] == 'NS-SEC']
            by_region = [r for r in rows if r['group'] == 'region']
            assert by_class and all(r['estimate'] == '' and r['n_unweighted'] == '0' for r in by_class)
            assert by_region and any(r['estimate'] != '' for r in by_region)
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
        let clean = try CommandRunner.run(
            ["tables", "lfs-wfh", "--quiet", "--from", "2023Q3", "--to", "2023Q4", "--out", out + "/clean"],
            in: Self.repositoryRoot)
        #expect(clean.status == 0 && Self.warnings(clean.stderr).isEmpty, "\(clean.stderr)")
    }

    @Test("lfs-transitions: each longitudinal dataset without HOME1… is named")
    func transitionsHomeAbsent() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["tables", "lfs-transitions", "--quiet", "--map", "long_home=HOMEX{q}", "--out", out],
            in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let datasets = try FileManager.default.subpathsOfDirectory(atPath: Self.repositoryRoot + "/samples/lfs")
            .filter { $0.hasSuffix("_eul.tab.gz") && $0.contains("lgwt") }
        let warnings = Self.warnings(run.stderr)
        #expect(datasets.count == 5 && warnings.count == datasets.count, "\(warnings)")
        for path in datasets {
            let name = (path as NSString).lastPathComponent
            let warning = try #require(warnings.first { $0.contains(name) }, "\(name)")
            for part in [
                "stays home-based", "'long_home'", "'HOMEX1'", "closest names present: HOME1", "--map long_home=",
            ] {
                #expect(warning.contains(part), "\(part) in \(warning)")
            }
        }
        let script = """
            import csv
            rows = list(csv.DictReader(open('estimates.csv')))
            assert all(r['estimate'] == '' for r in rows if r['category'] == 'stays home-based')
            assert any(r['estimate'] != '' for r in rows if r['category'] == 'still in work')
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }

    /// A copy of the sample whose wave-13 `m_jbwah` is -9 in every row (rewritten by Python, which
    /// also counts the rows), and the wave-14 three-class variable mapped to a name that is not there.
    @Test("batch cross-tab: a column with no valid value and an absent one; estimates: and export provenance")
    func batchCrossTabGaps() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/samples/ukhls", toPath: root + "/ukhls")
        let rewrite = """
            import csv, gzip
            path = 'ukhls/UKDA-6614-tab/tab/ukhls/m_indresp.tab.gz'
            rows = list(csv.reader(gzip.open(path, 'rt', newline=''), delimiter='\\t'))
            k = rows[0].index('m_jbwah')
            for r in rows[1:]: r[k] = '-9'
            with gzip.open(path, 'wt', newline='') as f:
                csv.writer(f, delimiter='\\t', lineterminator='\\n').writerows(rows)
            open('rows.txt', 'w').write(str(len(rows) - 1))
            """
        #expect(try TestSupport.python(rewrite, in: root) == 0)
        let rows = try String(contentsOfFile: root + "/rows.txt", encoding: .utf8)
        try """
        output: out
        data:
          ukhls: ukhls
        schema:
          ukhls:
            map: ["nssec3@14=n_jbnssec3_dvx"]
        estimates:
          ci: normal
          min_n: 40
        tables:
          - crosstab: wah
            survey: ukhls
            rows: jbwah
            columns: nssec3
            waves: l-n
        exports:
          - panel: p.csv
            waves: n
            vars: [gor]
        """.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let warnings = Self.warnings(run.stderr)
        #expect(warnings.count == 2, "\(warnings)")
        let noValue = try #require(warnings.first { $0.contains("wah (rows: jbwah) leaves out wave 13:") })
        #expect(noValue.contains("'m_jbwah'") && noValue.contains("m_indresp.tab.gz"), "\(noValue)")
        #expect(noValue.contains("holds no valid value for it (all \(rows) rows are missing codes)"), "\(noValue)")
        let absent = try #require(warnings.first { $0.contains("wah (columns: nssec3) leaves out wave 14:") })
        #expect(
            absent.contains("'n_jbnssec3_dvx', which is not in")
                && absent.contains("closest names present: n_jbnssec3_dv") && absent.contains("in a job file"),
            "\(absent)")
        let report = try String(contentsOfFile: root + "/out/wah/report.md", encoding: .utf8)
        #expect(report.components(separatedBy: "> **Warning.** wah (").count == 3)
        let script = """
            import csv, json
            rows = list(csv.DictReader(open('out/wah/estimates.csv')))
            assert rows and all(r['small_cell'] == ('true' if int(r['n_unweighted']) < 40 else 'false') for r in rows)
            p = json.load(open('out/wah/provenance.json'))
            assert p['small_cell_threshold'] == 40 and 'normal' in p['intervals'], p
            e = json.load(open('out/p.provenance.json'))
            assert 'batch' in e['command'] and e['synthetic'] is True and 'intervals' not in e
            assert [i['file'] for i in e['inputs']] == ['UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz'], e['inputs']
            assert e['outputs'] == ['p.csv', 'p.dictionary.csv', 'p.dictionary.json', 'p.labels.R', 'p.labels.do'], e['outputs']
            print('ok')
            """
        #expect(try TestSupport.python(script, in: root) == 0)
        try "output: out\ndata:\n  ukhls: ukhls\nestimates:\n  ci: wald\ntables:\n  - esrc-2025\n".write(
            toFile: root + "/bad.yaml", atomically: true, encoding: .utf8)
        let bad = try CommandRunner.run(["batch", "bad.yaml"], in: root)
        #expect(
            bad.status == 2 && bad.stderr.contains("line 5") && bad.stderr.contains("logit or normal"), "\(bad.stderr)")
    }
}
