import Foundation
import TestFixtures
import Testing

/// `--json` for `inspect`, `schema show`, `schema check` and the `batch` summary: one JSON document on
/// standard output whose figures Python works out again from the files themselves.
@Suite("--json outputs")
struct JSONOutputTests {
    static let root = TablesCommandTests.repositoryRoot
    static let wave14 = "samples/ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz"

    /// Writes `stdout` to `name` in `folder` and runs `script` (Python) there.
    static func check(_ stdout: String, as name: String, in folder: String, _ script: String) throws -> Int32 {
        try stdout.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        return try TestSupport.python(script, in: folder)
    }

    @Test("inspect --json: rows, and each column's counts, range and missing codes as Python counts them")
    func inspect() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["inspect", Self.wave14, "--vars", "pidp,n_gor_dv,n_jbwah", "--json", "--quiet"], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import csv, gzip, json
            got = json.load(open('inspect.json'))
            rows = list(csv.DictReader(gzip.open('\(Self.root)/\(Self.wave14)', 'rt'), delimiter='\\t'))
            assert got['rows'] == len(rows) and got['format'] == 'tab', (got['rows'], len(rows))
            codes = {-1, -2, -7, -8, -9, -10, -11, -20, -21}
            for column in got['columns']:
                values = [int(r[column['name']]) for r in rows if r[column['name']] != '']
                kept = [v for v in values if v not in codes]
                missing = {}
                for v in values:
                    if v in codes: missing[str(v)] = missing.get(str(v), 0) + 1
                assert column['values'] == len(values), column
                assert column['missing_codes'] == missing, (column['missing_codes'], missing)
                assert column['min'] == min(kept) and column['max'] == max(kept), column
                assert column['type'] == 'int' and column['label'] is None, column
            assert [c['name'] for c in got['columns']] == ['pidp', 'n_gor_dv', 'n_jbwah']
            print('ok')
            """
        #expect(try Self.check(run.stdout, as: "inspect.json", in: folder, script) == 0)
    }

    @Test("schema show --json lists the schema file's variables; schema check --json passes, or names what fails")
    func schema() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let show = try CommandRunner.run(["schema", "show", "--json", "--waves", "13-14"], in: Self.root)
        #expect(show.status == 0)
        let showScript = """
            import json, re
            got = json.load(open('show.json'))
            text = open('\(Self.root)/schemas/ukhls.yaml').read()
            variables = text[text.index('\\nvariables:\\n'):]
            names = re.findall(r'^  ([a-z0-9_]+):$', variables, re.M)
            assert [v['name'] for v in got['variables']] == names, 'names'
            jbstat = next(v for v in got['variables'] if v['name'] == 'jbstat')
            assert jbstat['sources'] == {'m': 'm_jbstat', 'n': 'n_jbstat'}, jbstat['sources']
            assert jbstat['codes']['2'] == 'paid employment', jbstat['codes']
            assert got['design']['weight'] == 'weight_xs' and [w['name'] for w in got['design']['weights']] == ['weight_xs', 'weight_lw']
            print('ok')
            """
        #expect(try Self.check(show.stdout, as: "show.json", in: folder, showScript) == 0)

        let check = try CommandRunner.run(["schema", "check", "--json"], in: Self.root)
        #expect(check.status == 0)
        #expect(try Self.check(check.stdout, as: "check.json", in: folder, """
            import json
            got = json.load(open('check.json'))
            assert got['passed'] is True and got['failures'] == [] and sorted(got['files']) == list('hijklmn'), got['files']
            print('ok')
            """) == 0)
        // A copy of the sample whose wave 14 lacks the required n_jbstat: exit 1, the failure named.
        let data = folder + "/data/UKDA-6614-tab/tab/ukhls"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        #expect(try TestSupport.python("""
            import gzip, shutil, glob, os
            for path in glob.glob('\(Self.root)/samples/ukhls/UKDA-6614-tab/tab/ukhls/*'):
                target = '\(data)/' + os.path.basename(path)
                if not path.endswith('n_indresp.tab.gz'):
                    shutil.copy(path, target); continue
                lines = gzip.open(path, 'rt').read().split('\\n')
                header = lines[0].split('\\t')
                k = header.index('n_jbstat')
                out = ['\\t'.join(f for j, f in enumerate(l.split('\\t')) if j != k) if l else l for l in lines]
                gzip.open(target, 'wt').write('\\n'.join(out))
            """, in: folder) == 0)
        let failed = try CommandRunner.run(["schema", "check", "--json", "--data", folder + "/data"], in: Self.root)
        #expect(failed.status == 1)
        #expect(try Self.check(failed.stdout, as: "failed.json", in: folder, """
            import json
            got = json.load(open('failed.json'))
            assert got['passed'] is False, got['passed']
            assert [(f['variable'], f['wave']) for f in got['failures']] == [('jbstat', 'n')], got['failures']
            jbstat = next(v for v in got['variables'] if v['name'] == 'jbstat')
            assert jbstat['findings']['n']['status'] == 'absent' and jbstat['findings']['m']['status'] == 'present'
            print('ok')
            """) == 0)
    }

    @Test("batch --json: each step's status and outputs on standard output, the commentary on standard error")
    func batch() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder + "/ukhls", withDestinationPath: Self.root + "/samples/ukhls")
        try "output: out\ndata:\n  ukhls: ukhls\nexports:\n  - transitions: t.csv\n  - panel: p.parquet\n    vars: [gor]\n"
            .write(toFile: folder + "/job.yaml", atomically: true, encoding: .utf8)
        let first = try CommandRunner.run(["batch", "job.yaml", "--json", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CommandRunner.run(["batch", "job.yaml", "--json", "--quiet"], in: folder)
        #expect(try Self.check(first.stdout, as: "first.json", in: folder, """
            import json, os
            got = json.load(open('first.json'))
            assert (got['ran'], got['skipped'], got['failed']) == (2, 0, 0), got
            assert [s['name'] for s in got['steps']] == ['export t.csv', 'export p.parquet'], got['steps']
            assert all(s['status'] == 'ran' and s['outputs'] and all(os.path.exists(o) for o in s['outputs']) for s in got['steps'])
            print('ok')
            """) == 0)
        #expect(try Self.check(second.stdout, as: "second.json", in: folder, """
            import json
            got = json.load(open('second.json'))
            assert (got['ran'], got['skipped']) == (0, 2) and {s['status'] for s in got['steps']} == {'skipped'}, got
            print('ok')
            """) == 0)
    }
}
