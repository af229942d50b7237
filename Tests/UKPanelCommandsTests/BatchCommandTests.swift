import Foundation
import TestFixtures
import Testing

/// `ukpanel batch`: the sample job, skipping what has not changed, a new wave
/// picked up with no change to the job, a broken wave set aside, and job-file errors.
@Suite("ukpanel batch")
struct BatchCommandTests {
    static let repositoryRoot = TablesCommandTests.repositoryRoot

    /// The summary line's counts.
    static func counts(_ stdout: String) -> (ran: Int, skipped: Int, failed: Int)? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("summary: ") }) else { return nil }
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        return (numbers[0], numbers[1], numbers[2])
    }

    @Test(
        "samples/batch.yaml runs every step; a re-run skips them all; the manifest's checksums and a cross-tab's shares match Python's"
    )
    func sampleJob() throws {
        let out = try UKHLSFixture.temporaryFolder() + "/batch"
        let first = try CommandRunner.run(["batch", "samples/batch.yaml", "--out", out], in: Self.repositoryRoot)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(Self.counts(first.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [9, 0, 0], "\(first.stdout)")
        for file in [
            "esrc-2025/estimates.csv", "esrc-2025/figure1.svg", "lfs-wfh/report.md", "lfs-transitions/estimates.csv",
            "home_by_class/estimates.csv", "lfs_home_by_region/report.md", "panel.csv.gz", "panel.dictionary.csv",
            "panel-wide.csv.gz", "transitions.csv.gz", "lfs.csv.gz", "ukpanel-manifest.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let second = try CommandRunner.run(["batch", "samples/batch.yaml", "--out", out], in: Self.repositoryRoot)
        #expect(second.status == 0)
        #expect(Self.counts(second.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [0, 9, 0], "\(second.stdout)")
        let script = """
            import csv, gzip, hashlib, json
            manifest = json.load(open('ukpanel-manifest.json'))
            checked = 0
            for step in manifest['steps'].values():
                for i in step['inputs']:
                    path = '\(Self.repositoryRoot)/' + i['path']
                    data = open(path, 'rb').read()
                    assert i['sha256'] == hashlib.sha256(data).hexdigest(), i['path']
                    assert i['size'] == len(data)
                    checked += 1
            assert checked > 50, checked
            assert len(manifest['steps']['table esrc-2025']['inputs']) == 31
            # The cross-tab's wave-14 weighted shares, from the raw file.
            raw = csv.DictReader(gzip.open('\(Self.repositoryRoot)/samples/ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz', 'rt', newline=''), delimiter='\\t')
            sums = {}
            for r in raw:
                if not (r['n_jbhas'] == '1' or r['n_jboff'] == '1'):
                    continue
                cls = r['n_jbnssec5_dv']
                if cls.startswith('-'):
                    continue
                home = r['n_jbpl'] == '1' or r['n_jspl'] in ('1', '2') or r['n_jbwah'] in ('1', '2', '3')
                w = float(r['n_inding2_xw'])
                if w <= 0:
                    continue
                s = sums.setdefault(cls, [0.0, 0.0, 0])
                s[0] += w * home
                s[1] += w
                s[2] += 1
            rows = {(r['wave_or_period'], r['group'], r['category']): r for r in csv.DictReader(open('home_by_class/estimates.csv'))}
            for cls, (num, den, n) in sums.items():
                r = rows[('w14', 'nssec5=' + cls, 'works_at_home=1')]
                assert abs(float(r['estimate']) - num / den) < 1e-9, (cls, r['estimate'], num / den)
                assert int(r['n_unweighted']) == n, (cls, r['n_unweighted'], n)
            print('ok')
            """
        #expect(try TestSupport.python(script, in: out) == 0)
    }

    @Test(
        "a synthetic wave o added to the data root is picked up without editing the job; a broken wave p is set aside and the rest runs"
    )
    func newWave() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/samples/ukhls", toPath: root + "/ukhls")
        let job = """
            output: results
            data:
              ukhls: ukhls
            tables:
              - esrc-2025
              - crosstab: home_by_class
                survey: ukhls
                rows: nssec5
                columns: works_at_home
                domain: worker = 1
            exports:
              - panel: panel.csv
              - transitions: transitions.csv
            """
        try job.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let first = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(Self.counts(first.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [4, 0, 0], "\(first.stdout)")
        let before = try Data(contentsOf: URL(fileURLWithPath: root + "/results/panel.csv"))

        // Wave o: the same generator, one wave further (waves 8-14 come out byte-identical).
        let synth = try UKHLSFixture.temporaryFolder()
        let made = try CommandRunner.run(["synth", "ukhls", "--out", synth, "--last-wave", "15"])
        #expect(made.status == 0, "\(made.stderr)")
        let tree = "/UKDA-6614-tab/tab/ukhls/"
        #expect(
            FileManager.default.contentsEqual(
                atPath: synth + tree + "n_indresp.tab.gz", andPath: root + "/ukhls" + tree + "n_indresp.tab.gz"))
        try FileManager.default.copyItem(
            atPath: synth + tree + "o_indresp.tab.gz", toPath: root + "/ukhls" + tree + "o_indresp.tab.gz")
        // Wave p: wave o's file under p's names, without the required p_psu.
        let broken = """
            import gzip
            src = gzip.open('\(synth + tree)o_indresp.tab.gz', 'rt', newline='').read().split('\\n')
            header = src[0].split('\\t')
            drop = header.index('o_psu')
            out = []
            for line in src:
                if line:
                    cells = line.split('\\t')
                    del cells[drop]
                    out.append('\\t'.join(cells))
            out[0] = out[0].replace('o_', 'p_')
            open('\(root)/ukhls\(tree)p_indresp.tab', 'w', newline='').write('\\n'.join(out) + '\\n')
            print('ok')
            """
        #expect(try TestSupport.python(broken, in: root) == 0)

        let second = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(second.status == 1, "a set-aside wave makes the run fail: \(second.stdout)")
        #expect(Self.counts(second.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [3, 1, 1], "\(second.stdout)")
        #expect(second.stdout.contains("skipped  table esrc-2025"))
        #expect(second.stdout.contains("UKHLS wave 16 (p)") && second.stdout.contains("p_psu"), "\(second.stdout)")
        #expect(second.stdout.contains("n-o "))
        let script = """
            import csv, json
            truth = json.load(open('\(synth)/truth.json'))
            rows = list(csv.DictReader(open('results/panel.csv', newline='')))
            o = [r for r in rows if r['wave'] == '15']
            assert len(o) == truth['waves']['15']['rows'] and all(r['wave_letter'] == 'o' for r in o), len(o)
            assert not [r for r in rows if r['wave'] == '16']
            assert len(rows) == sum(truth['waves'][w]['rows'] for w in truth['waves']), len(rows)
            pairs = [r for r in csv.DictReader(open('results/transitions.csv', newline='')) if r['wave_to'] == '15']
            want = [t for t in truth['transitions'] if t['to'] == 15][0]
            assert len(pairs) == want['pairs'] and sum(r['moved'] == '1' for r in pairs) == want['movers']
            est = list(csv.DictReader(open('results/home_by_class/estimates.csv', newline='')))
            all15 = [r for r in est if r['wave_or_period'] == 'w15' and r['group'] == 'all' and r['category'] == 'works_at_home=1']
            import gzip
            raw = list(csv.DictReader(gzip.open('ukhls\(tree)o_indresp.tab.gz', 'rt', newline=''), delimiter='\\t'))
            workers = [r for r in raw if (r['o_jbhas'] == '1' or r['o_jboff'] == '1')]
            assert len(workers) == truth['waves']['15']['workers']
            home = lambda r: r['o_jbpl'] == '1' or r['o_jspl'] in ('1', '2') or r['o_jbwah'] in ('1', '2', '3')
            assert sum(map(home, workers)) == truth['waves']['15']['workers_at_home']
            valid = [r for r in workers if not r['o_jbnssec5_dv'].startswith('-') and float(r['o_inding2_xw']) > 0]
            assert len(all15) == 1 and int(all15[0]['n_unweighted']) == len(valid), (all15, len(valid))
            assert int(all15[0]['n_category']) == sum(map(home, valid)), all15
            print('ok')
            """
        #expect(try TestSupport.python(script, in: root) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/results/panel.csv")) != before)

        // A failure half-way through a file leaves the previous output as it was, and no temporary files.
        let panelBefore = try Data(contentsOf: URL(fileURLWithPath: root + "/results/panel.csv"))
        try FileManager.default.removeItem(atPath: root + "/ukhls" + tree + "p_indresp.tab")
        let corrupt = """
            import gzip
            lines = gzip.open('\(root)/ukhls\(tree)o_indresp.tab.gz', 'rt', newline='').read().split('\\n')
            header = lines[0].split('\\t')
            k = header.index('o_jbstat')
            cells = lines[-2].split('\\t')
            cells[k] = 'three'
            lines[-2] = '\\t'.join(cells)
            with gzip.open('\(root)/ukhls\(tree)o_indresp.tab.gz', 'wt', newline='') as f:
                f.write('\\n'.join(lines))
            print(len(lines) - 1)
            """
        #expect(try TestSupport.python(corrupt, in: root) == 0)
        let third = try CommandRunner.run(["batch", "job.yaml", "--force"], in: root)
        #expect(third.status == 1)
        #expect(third.stdout.contains("o_indresp.tab.gz") && third.stdout.contains("o_jbstat"), "\(third.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/results/panel.csv")) == panelBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/results").filter {
            $0.hasPrefix(".") && $0 != ".ukpanel-batch.lock"
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // The failed steps are not in the manifest, so the next run retries them.
        let manifest = try String(contentsOfFile: root + "/results/ukpanel-manifest.json", encoding: .utf8)
        #expect(!manifest.contains("\"export panel.csv\"") && manifest.contains("\"table esrc-2025\""))
    }

    @Test("a new LFS quarter dropped into the data root is picked up: the LFS steps run again with one more quarter")
    func newQuarter() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/lfs", withIntermediateDirectories: true)
        for study in 9001...9004 {
            try FileManager.default.copyItem(
                atPath: Self.repositoryRoot + "/samples/lfs/UKDA-\(study)-tab", toPath: root + "/lfs/UKDA-\(study)-tab")
        }
        try """
        output: results
        data:
          lfs: lfs
        tables:
          - lfs-wfh
        exports:
          - lfs: lfs.csv
        """.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let first = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(first.status == 0, "\(first.stdout)")
        #expect(first.stdout.contains("4 quarters (2019Q1 to 2019Q4)"), "\(first.stdout)")
        try FileManager.default.copyItem(
            atPath: Self.repositoryRoot + "/samples/lfs/UKDA-9005-tab", toPath: root + "/lfs/UKDA-9005-tab")
        let second = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(second.status == 0)
        #expect(Self.counts(second.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [2, 0, 0], "\(second.stdout)")
        #expect(second.stdout.contains("5 quarters (2019Q1 to 2020Q1)"), "\(second.stdout)")
        let script = """
            import csv, json
            truth = json.load(open('\(Self.repositoryRoot)/samples/lfs/truth.json'))
            rows = list(csv.DictReader(open('results/lfs.csv', newline='')))
            q = [r for r in rows if r['quarter'] == '2020Q1']
            assert len(q) == truth['quarters']['2020Q1']['rows'], len(q)
            est = list(csv.DictReader(open('results/lfs-wfh/estimates.csv', newline='')))
            assert any(r['wave_or_period'] == '2020Q1' for r in est)
            print('ok')
            """
        #expect(try TestSupport.python(script, in: root) == 0)
        // Touched, same bytes: still unchanged (the checksum decides); the manifest takes the new time.
        let touched = root + "/lfs/UKDA-9001-tab/tab/lfsp_jm19_eul_pwt18.tab.gz"
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: touched)
        let third = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(Self.counts(third.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [0, 2, 0], "\(third.stdout)")
        let manifest = try String(contentsOfFile: root + "/results/ukpanel-manifest.json", encoding: .utf8)
        let stamp = try #require(
            (try FileManager.default.attributesOfItem(atPath: touched)[.modificationDate] as? Date)?
                .timeIntervalSince1970)
        #expect(manifest.contains("\(stamp)"), "the new time is recorded")
        // A step's settings include only its own survey's schema: a UKHLS mapping leaves the LFS steps be,
        // an LFS mapping runs them again.
        let job = try String(contentsOfFile: root + "/job.yaml", encoding: .utf8)
        try (job + "\nschema:\n  ukhls:\n    map: [\"wfhdays=n_wfh\"]\n").write(
            toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let fourth = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(Self.counts(fourth.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [0, 2, 0], "\(fourth.stdout)")
        try (job + "\nschema:\n  lfs:\n    map: [\"home=HOME\"]\n").write(
            toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let fifth = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(Self.counts(fifth.stdout).map { [$0.ran, $0.skipped, $0.failed] } == [2, 0, 0], "\(fifth.stdout)")
    }

    @Test("a run killed half-way leaves every earlier output as it was; the next run sweeps its temporary files")
    func killed() throws {
        let root = try UKHLSFixture.temporaryFolder()
        let out = root + "/batch"
        let first = try CommandRunner.run(["batch", "samples/batch.yaml", "--out", out], in: Self.repositoryRoot)
        #expect(first.status == 0)
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.subpathsOfDirectory(atPath: out) {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isFolder),
                    !isFolder.boolValue,
                    name != "ukpanel-manifest.json", !name.hasSuffix(".md"), !name.hasSuffix(".svg")
                else { continue }
                var data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
                if name.hasSuffix("provenance.json") {
                    // A provenance file records when its run made it: compared without that line.
                    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
                    data = Data(lines.filter { !$0.contains("\"created\"") }.joined(separator: "\n").utf8)
                }
                files[name] = data
            }
            return files
        }
        let before = try snapshot()
        #expect(before.count >= 12)
        // Killed (SIGKILL: no clean-up at all) part-way through a forced re-run.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["batch", "samples/batch.yaml", "--out", out, "--force", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: Self.repositoryRoot)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run finished before it was killed")
        let after = try snapshot()
        // Every final path holds complete bytes, the same as before (same inputs, same outputs); leftovers are temporary.
        for (name, data) in before { #expect(after[name] == data, "\(name) changed") }
        for name in after.keys where before[name] == nil { #expect(name.contains(".tmp-"), "\(name)") }
        let rerun = try CommandRunner.run(["batch", "samples/batch.yaml", "--out", out], in: Self.repositoryRoot)
        #expect(rerun.status == 0)
        #expect(Self.counts(rerun.stdout).map { $0.ran + $0.skipped } == 9)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try snapshot() == before)
    }

    @Test("job-file mistakes are errors naming the file, the line and the closest name")
    func jobErrors() throws {
        let root = try UKHLSFixture.temporaryFolder()
        let cases: [(String, [String])] = [
            (
                "output: out\ndata:\n  ukhls: x\ntables:\n  - crosstab: t\n    survey: ukhls\n    rows: gor\n    colums: nssec5\n",
                ["job.yaml, line 8", "colums", "Did you mean 'columns'"]
            ),
            ("output: out\ndata:\n  ukhls: x\ntables:\n  - esrc-2052\n", ["line 5", "esrc-2052", "esrc-2025"]),
            ("data:\n  ukhls: x\ntables:\n  - esrc-2025\n", ["output: is required"]),
            ("output: out\ntables:\n  - lfs-wfh\n", ["line 3", "needs data: lfs:"]),
            (
                "output: out\ndata:\n  ukhls: x\nexports:\n  - panel: a.csv\n  - transitions: a.csv\n",
                ["line 6", "writes a.csv"]
            ),
            (
                "output: out\ndata:\n  lfs: x\ntables:\n  - crosstab: t\n    survey: lfs\n    rows: region\n    columns: home\n    by: wave\n",
                ["line 9", "quarter, year, all"]
            ),
        ]
        for (text, expected) in cases {
            try text.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
            let result = try CommandRunner.run(["batch", "job.yaml"], in: root)
            #expect(result.status == 2, "a job file that cannot be read exits 2")
            for e in expected { #expect(result.stderr.contains(e), "\(e) not in: \(result.stderr)") }
        }
        // An unknown variable in a cross-tab fails that step only, naming the closest variable.
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/samples/ukhls", toPath: root + "/ukhls")
        try """
        output: out
        data:
          ukhls: ukhls
        tables:
          - crosstab: t
            survey: ukhls
            rows: nssec
            columns: works_at_home
        exports:
          - panel: p.csv
            waves: m-n
            vars: [gor]
        """.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed   crosstab t") && result.stdout.contains("nssec5"), "\(result.stdout)")
        #expect(result.stdout.contains("ran      export p.csv"))
    }
}
