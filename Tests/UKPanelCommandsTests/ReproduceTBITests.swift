import Foundation
import SurveyFiles
import TestFixtures
import Testing

/// `ukpanel reproduce tbi-anywhere-jobs`, run as a user runs it.
@Suite("ukpanel reproduce tbi-anywhere-jobs")
struct ReproduceTBITests {
    static let repositoryRoot = TablesCommandTests.repositoryRoot

    @Test(
        "with no options: the report's figures within 0.5 point; every share recomputed by Python from the LFS files and the classification"
    )
    func sample() throws {
        let out = try UKHLSFixture.temporaryFolder() + "/tbi"
        let run = try CommandRunner.run(["reproduce", "tbi-anywhere-jobs", "--out", out], in: Self.repositoryRoot)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("the report's figures beside ours"))
        for file in [
            "estimates.csv", "report.md", "figure-major-groups.svg", "figure-regions.svg",
            "figure-potential-practice.svg", "occupations.csv", "occupations.provenance.json", "provenance.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let script = """
            import csv, glob, gzip, json, xml.etree.ElementTree as ET
            root = '\(Self.repositoryRoot)/samples/lfs/'
            anywhere = {int(r['soc2010']): r['anywhere'] == '1' for r in csv.DictReader(open('occupations.csv')) if r['anywhere']}
            planted = set(json.load(open('\(Self.repositoryRoot)/samples/onet/truth.json'))['anywhere'])
            assert {c for c, a in anywhere.items() if a} == planted
            est = {(r['table'], r['wave_or_period'], r['group'], r['category']): r for r in csv.DictReader(open('estimates.csv'))}
            def ours(t, g, c, p='2019Q2-2020Q1'): return float(est[(t, p, g, c)]['estimate'])
            # The report's year, pooled: workers with a classified occupation, weight / 4.
            rows = []
            for q in ['aj19', 'js19', 'od19', 'jm20']:
                f = sorted(glob.glob(root + f'**/lfsp_{q}_eul_pwt*.tab.gz', recursive=True))[-1]
                for r in csv.DictReader(gzip.open(f, 'rt'), delimiter='\\t'):
                    if r['ILODEFR'] != '1' or int(r['SOC10M']) not in anywhere: continue
                    w = float(next(v for k, v in r.items() if k.startswith('PWT'))) / 4
                    rows.append(dict(w=w, a=anywhere[int(r['SOC10M'])], major=int(r['SOC10M']) // 1000,
                        region=int(r['GOVTOF2']), degree=r['HIQUL15D'] == '1', sex=int(r['SEX']), age=int(r['AGE']),
                        parent=r['RELHFU'] in ('1', '2') and r['FUTYPE6'] in ('6', '9', '10', '12', '16', '19')))
            def share(top, among=lambda r: True):
                return sum(r['w'] for r in rows if among(r) and top(r)) / sum(r['w'] for r in rows if among(r))
            A = lambda r: r['a']
            checks = [
                (ours('AJ_rate', 'all workers', 'all workers'), share(A), 0.18),
                (ours('AJ_of', 'major group', 'Professional occupations'), share(lambda r: r['major'] == 2, A), 0.36),
                (ours('AJ_of', 'major group', 'Associate professional and technical occupations'), share(lambda r: r['major'] == 3, A), 0.30),
                (ours('AJ_of', 'major group', 'Administrative and secretarial occupations'), share(lambda r: r['major'] == 4, A), 0.24),
                (ours('AJ_of', 'region', 'London'), share(lambda r: r['region'] == 8, A), 0.21),
                (ours('AJ_of', 'region', 'South East'), share(lambda r: r['region'] == 9, A), 0.14),
                (ours('AJ_of', 'qualification', 'Degree or equivalent'), share(lambda r: r['degree'], A), 0.48),
                (ours('AJ_rate', 'qualification', 'Degree or equivalent'), share(A, lambda r: r['degree']), 0.20),
                (ours('AJ_rate', 'sex', 'Women'), share(A, lambda r: r['sex'] == 2), 0.17),
                (ours('AJ_rate', 'sex', 'Men'), share(A, lambda r: r['sex'] == 1), 0.19),
                (ours('AJ_rate', 'age', '25-34'), share(A, lambda r: 25 <= r['age'] <= 34), 0.21),
                (ours('AJ_rate', 'age', '35 and over'), share(A, lambda r: r['age'] >= 35), 0.16),
                (ours('AJ_of', 'parent', 'With dependent children'), share(lambda r: r['parent'], A), 0.39)]
            for mine, python, published in checks:
                assert abs(mine - python) < 1e-9, (mine, python)
                assert abs(mine - published) < 0.005, (mine, published)
            # Potential against practice in a later quarter: HOME among workers with a valid answer.
            f = sorted(glob.glob(root + '**/lfsp_od23_eul_pwt*.tab.gz', recursive=True))[-1]
            q = [r for r in csv.DictReader(gzip.open(f, 'rt'), delimiter='\\t') if r['ILODEFR'] == '1' and int(r['SOC10M']) in anywhere]
            wt = lambda r: float(next(v for k, v in r.items() if k.startswith('PWT')))
            pot = sum(wt(r) for r in q if anywhere[int(r['SOC10M'])]) / sum(wt(r) for r in q)
            valid = [r for r in q if r['HOME'] in '1234' and r['HOME']]
            home = sum(wt(r) for r in valid if r['HOME'] == '1') / sum(wt(r) for r in valid)
            assert abs(ours('AJ_potential', 'all workers', 'all workers', '2023Q4') - pot) < 1e-9
            assert abs(ours('AJ_own_home', 'all workers', 'all workers', '2023Q4') - home) < 1e-9
            for name in ['figure-major-groups.svg', 'figure-regions.svg', 'figure-potential-practice.svg']:
                ET.parse(name)
            print('ok', len(rows))
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }

    @Test("--occupations: a table anywhere classify wrote gives the same estimates as classifying again")
    func fromTable() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        #expect(
            try CommandRunner.run(["anywhere", "classify", "--out", folder + "/occ.csv"], in: Self.repositoryRoot).status == 0)
        let a = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--quiet", "--out", folder + "/a"], in: Self.repositoryRoot)
        let b = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--quiet", "--occupations", folder + "/occ.csv", "--out", folder + "/b"],
            in: Self.repositoryRoot)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\n\(b.stderr)")
        let first = FileManager.default.contents(atPath: folder + "/a/estimates.csv")
        #expect(first != nil && first == FileManager.default.contents(atPath: folder + "/b/estimates.csv"))
    }

    @Test("errors: no quarter of the report's year; a bad flag in the occupations table names file, line and column")
    func errors() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let later = try CommandRunner.run(["synth", "lfs", "--from", "2022Q1", "--to", "2022Q2", "--out", folder + "/lfs"])
        #expect(later.status == 0)
        let none = try CommandRunner.run(
            [
                "reproduce", "tbi-anywhere-jobs", "--lfs", folder + "/lfs", "--onet", "samples/onet/db_25_1_text.zip",
                "--crosswalk", "samples/onet/soc2010-onet-crosswalk.tab", "--out", folder + "/out",
            ], in: Self.repositoryRoot)
        #expect(none.status != 0 && none.stderr.contains("Apr-Jun 2019"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/estimates.csv"))
        try Data("soc2010,title,anywhere\n2136,\"Programmers, and others\",1\n2137,Web,yes\n".utf8).write(
            to: URL(fileURLWithPath: folder + "/bad.csv"))
        let bad = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--occupations", folder + "/bad.csv", "--out", folder + "/out2"],
            in: Self.repositoryRoot)
        #expect(bad.status != 0 && bad.stderr.contains("bad.csv, line 3") && bad.stderr.contains("anywhere"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out2/occupations.csv"))
        // Real LFS data classified by the synthetic O*NET sample only when asked; clashing options refused.
        let unsaid = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--lfs", folder + "/lfs", "--out", folder + "/out3"], in: Self.repositoryRoot)
        #expect(unsaid.status != 0 && unsaid.stderr.contains("--onet"))
        let both = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--occupations", folder + "/bad.csv", "--rules", "x.yaml"],
            in: Self.repositoryRoot)
        #expect(both.status != 0 && both.stderr.contains("--occupations"))
        // A SOC 2020 table given as the SOC 2010 one.
        try Data("soc2020,anywhere\n2134,1\n".utf8).write(to: URL(fileURLWithPath: folder + "/soc2020.csv"))
        let wrong = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--occupations", folder + "/soc2020.csv", "--out", folder + "/out4"],
            in: Self.repositoryRoot)
        #expect(wrong.status != 0 && wrong.stderr.contains("SOC 2020 table"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out4"))
    }

    @Test("as a batch step: the same estimates as the command, skipped when nothing changed; a step missing its crosswalk is a located error")
    func batchStep() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let root = Self.repositoryRoot
        let job = """
            output: out
            data:
              lfs: \(root)/samples/lfs
            tables:
              - table: tbi-anywhere-jobs
                onet: \(root)/samples/onet/db_25_1_text.zip
                crosswalk: \(root)/samples/onet/soc2010-onet-crosswalk.tab
            """
        try Data(job.utf8).write(to: URL(fileURLWithPath: folder + "/job.yaml"))
        let first = try CommandRunner.run(["batch", folder + "/job.yaml", "--quiet"], in: root)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(BatchCommandTests.counts(first.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [1, 0, 0])
        let direct = try CommandRunner.run(
            ["reproduce", "tbi-anywhere-jobs", "--quiet", "--out", folder + "/direct"], in: root)
        #expect(direct.status == 0)
        let batch = FileManager.default.contents(atPath: folder + "/out/tbi-anywhere-jobs/estimates.csv")
        #expect(batch != nil && batch == FileManager.default.contents(atPath: folder + "/direct/estimates.csv"))
        let second = try CommandRunner.run(["batch", folder + "/job.yaml", "--quiet"], in: root)
        #expect(BatchCommandTests.counts(second.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [0, 1, 0])
        try Data(job.replacingOccurrences(of: "    crosswalk:", with: "    # crosswalk:").utf8).write(
            to: URL(fileURLWithPath: folder + "/broken.yaml"))
        let broken = try CommandRunner.run(["batch", folder + "/broken.yaml", "--quiet"], in: root)
        #expect(broken.status != 0 && broken.stderr.contains("broken.yaml, line 5") && broken.stderr.contains("crosswalk:"))
    }
}
