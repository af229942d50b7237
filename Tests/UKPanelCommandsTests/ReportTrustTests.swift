import Foundation
import TestFixtures
import Testing

/// What a careful reader of `reproduce esrc-2025` needs: a table left empty is explained (on
/// standard error and in the report), small cells are flagged and withheld, the outputs say the
/// data are synthetic and where they came from.
@Suite("reproduce: loud gaps, small cells, provenance")
struct ReportTrustTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test("T1's item absent: a warning names table, variable, source, file, closest names and the fix")
    func absentItemIsExplained() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--no-lfs", "--quiet", "--map", "wfhdays=n_wkhomeday", "--out", out],
            in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let warning = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("warning: T1") })
        for part in [
            "'wfhdays'", "'n_wkhomeday'", "UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz", "closest names present: n_wkhome",
            "--map wfhdays=NAME",
        ] {
            #expect(warning.contains(part), "\(part) in \(warning)")
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("> **Not computed.** T1 (wave 14"))
        #expect(run.stdout.contains("NOT COMPUTED: T1"))
        // With the item present (the default, n_wkhome), no warning and T1 has its eight rows.
        let good = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--no-lfs", "--quiet", "--out", out + "/good"], in: Self.repositoryRoot)
        #expect(good.status == 0 && !good.stderr.contains("warning: T1"), "\(good.stderr)")
        let csv = try String(contentsOfFile: out + "/good/estimates.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.hasPrefix("T1,wave 14,all workers,") }.count == 8)
        // A variable two tables rest on: both carry the warning, above tables that are still printed.
        let partial = try CommandRunner.run(
            [
                "reproduce", "esrc-2025", "--no-lfs", "--quiet", "--map", "origadd=n_origaddress", "--out",
                out + "/partial",
            ],
            in: Self.repositoryRoot)
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stderr.contains("warning: T3, T4 (moved since the previous wave) leave out wave 9: "))
        let partialReport = try String(contentsOfFile: out + "/partial/report.md", encoding: .utf8)
        for heading in ["## Table 3.", "## Table 4."] {
            let section = try #require(partialReport.components(separatedBy: heading).dropFirst().first)
            let body = try #require(section.components(separatedBy: "\n## ").first)
            #expect(
                body.contains("> **Warning.** T3, T4 (moved since the previous wave) leave out wave 9"), "\(heading)")
            #expect(body.contains("| "), "\(heading) keeps its table")
        }
    }

    /// Checked by Python from the files themselves: small_cell is n_unweighted < the threshold on
    /// every row; the tables print `n<N` for exactly those cells; the provenance's checksums are the
    /// files' SHA-256; report.md holds no absolute path of this machine.
    @Test("small cells flagged and withheld; provenance with the inputs' SHA-256; relative names")
    func smallCellsAndProvenance() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--no-lfs", "--min-n", "50", "--out", out], in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        try run.stdout.write(toFile: out + "/stdout.txt", atomically: true, encoding: .utf8)
        let script = """
            import csv, hashlib, json, os
            rows = list(csv.DictReader(open('estimates.csv')))
            assert rows and all(r['synthetic'] == 'true' for r in rows)
            small = [r for r in rows if r['estimate'] and int(r['n_unweighted']) < 50]
            assert small, 'the sample has cells under 50'
            for r in rows:
                assert r['small_cell'] == ('true' if int(r['n_unweighted']) < 50 else 'false'), r
            # F1 2024 high-skilled rests on fewer than 50 people: withheld in the printed table.
            f1 = [r for r in rows if r['table'] == 'F1' and r['wave_or_period'] == '2024' and r['group'] == 'high-skilled'][0]
            line = [l for l in open('stdout.txt') if l.startswith('2024 ')][0]
            assert (int(f1['n_unweighted']) < 50) == ('n<50' in line), (f1, line)
            p = json.load(open('provenance.json'))
            assert p['tool'] == 'ukpanel' and p['synthetic'] is True and p['data_root'] == 'samples/ukhls'
            assert p['small_cell_threshold'] == 50 and 'reproduce' in p['command']
            root = os.path.join(\(String(reflecting: Self.repositoryRoot)), 'samples/ukhls')
            assert len(p['inputs']) == 7
            for i in p['inputs']:
                data = open(os.path.join(root, i['file']), 'rb').read()
                assert i['sha256'] == hashlib.sha256(data).hexdigest() and i['bytes'] == len(data), i
            report = open('report.md').read()
            assert \(String(reflecting: Self.repositoryRoot)) not in report
            assert '`UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz`' in report
            assert 'frame' not in report.lower().replace('frameworks', '')
            for name in ['figure1.svg', 'figure2.svg', 'figure3.svg', 'figure4.svg']:
                svg = open(name).read()
                assert svg.startswith('<svg') and svg.rstrip().endswith('</svg>') and 'SYNTHETIC DATA' in svg, name
                assert name in report or name == 'figure1.svg' and '(figure1.svg)' in report
            assert 'Share of workers who work at home (%)' in open('figure1.svg').read()
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }

    @Test("--ci normal keeps the 1.96 interval; --min-n must not be negative")
    func normalIntervals() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--no-lfs", "--quiet", "--ci", "normal", "--out", out], in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import csv, math
            for r in csv.DictReader(open('estimates.csv')):
                p, se = float(r['estimate'] or 'nan'), float(r['se'] or 'nan')
                if not (0 < p < 1 and se > 0): continue
                half = 1.959964 * se / (p * (1 - p))
                lo = 1 / (1 + math.exp(-(math.log(p / (1 - p)) - half)))
                assert abs(float(r['ci_low']) - lo) < 1e-8, r
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
        let bad = try CommandRunner.run(["reproduce", "esrc-2025", "--min-n", "-1"], in: Self.repositoryRoot)
        #expect(bad.status != 0 && bad.stderr.contains("--min-n"))
    }

    @Test("an export's dictionary says the data are synthetic, in its last row")
    func exportDictionarySaysSynthetic() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["export", "panel", "--quiet", "--waves", "14", "--vars", "gor", "--out", out + "/p.csv"],
            in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import csv
            rows = list(csv.reader(open('p.dictionary.csv')))
            assert rows[-1][0] == '(data)' and rows[-1][1].startswith('Synthetic data'), rows[-1]
            assert len(rows[-1]) == len(rows[0])
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }

    @Test("tables lfs-wfh takes --ci and --min-n and writes provenance.json with the inputs' SHA-256")
    func lfsTablesSettingsAndProvenance() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["tables", "lfs-wfh", "--quiet", "--ci", "normal", "--min-n", "100", "--out", out],
            in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import csv, hashlib, json, math, os
            rows = list(csv.DictReader(open('estimates.csv')))
            assert rows and all(r['small_cell'] == ('true' if int(r['n_unweighted']) < 100 else 'false') for r in rows)
            for r in rows:
                p, se = float(r['estimate'] or 'nan'), float(r['se'] or 'nan')
                if 0 < p < 1 and se > 0:
                    half = 1.959964 * se / (p * (1 - p))
                    assert abs(float(r['ci_high']) - 1 / (1 + math.exp(-(math.log(p / (1 - p)) + half)))) < 1e-8, r
            prov = json.load(open('provenance.json'))
            assert prov['small_cell_threshold'] == 100 and prov['synthetic'] is True and 'normal' in prov['intervals']
            root = \(String(reflecting: Self.repositoryRoot))
            assert prov['inputs']
            for i in prov['inputs']:
                path = i['file'] if os.path.isabs(i['file']) else os.path.join(root, i['file'])
                assert hashlib.sha256(open(path, 'rb').read()).hexdigest() == i['sha256'], i
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }
}
