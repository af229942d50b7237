import Foundation
import TestFixtures
import Testing

/// The export's file type follows its name, on the command line and in job files: `.parquet` and
/// `.dta` write those formats with their dictionary (no R or Stata helper: the labels are in the
/// file), another extension is an error that writes nothing. (What the files hold is read back by
/// pyarrow, Polars, DuckDB, pandas, pyreadstat and R haven in `scripts/crosscheck-exports.sh`.)
@Suite("ukpanel export: the file type follows the name")
struct TypedExportCommandTests {
    static let repositoryRoot = TablesCommandTests.repositoryRoot

    @Test("--out FILE.parquet and FILE.dta: the format, its dictionary and provenance; .txt: an error")
    func fileTypes() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let base = ["export", "panel", "--quiet", "--waves", "13-14", "--vars", "gor,jbwah"]
        let bad = try CommandRunner.run(base + ["--out", out + "/p.txt"], in: Self.repositoryRoot)
        #expect(bad.status != 0 && bad.stderr.contains("p.txt: is not a file type ukpanel exports"), "\(bad.stderr)")
        #expect(bad.stderr.contains(".csv, .csv.gz, .parquet or .dta"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        for type in ["parquet", "dta"] {
            let run = try CommandRunner.run(base + ["--out", "\(out)/p.\(type)"], in: Self.repositoryRoot)
            #expect(run.status == 0, "\(run.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(
                written == ["p.\(type)", "p.dictionary.csv", "p.dictionary.json", "p.provenance.json"].sorted(),
                "\(written)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/p.\(type)"))
            if type == "parquet" {
                #expect(bytes.prefix(4) == Data("PAR1".utf8) && bytes.suffix(4) == Data("PAR1".utf8))
            } else {
                #expect(bytes.prefix(28) == Data("<stata_dta><header><release>".utf8))
            }
            // The dictionary's two forms list the same columns: the .dta's without the numeric reason columns,
            // and a note on the letters that carry the reasons instead.
            let script = """
                import csv, json
                rows = list(csv.reader(open('p.dictionary.csv')))
                columns = [r[0] for r in rows[1:] if not r[0].startswith('(')]
                listed = [c['name'] for c in json.load(open('p.dictionary.json'))['columns']]
                assert columns == listed, (columns, listed)
                reasons = [c for c in columns if c.endswith('_missing')]
                notes = [r[0] for r in rows if r[0].startswith('(')]
                if '\(type)' == 'dta':
                    assert reasons == [], reasons
                    assert '(missing values)' in notes, notes
                else:
                    assert reasons == ['gor_missing', 'jbwah_missing', 'weight_xs_missing', 'weight_lw_missing', 'strata_missing', 'psu_missing'], reasons
                assert '(weights)' in notes and '(design)' in notes and '(data)' in notes, notes
                print('ok')
                """
            #expect(try TestSupport.python(script, in: out) == 0)
            for name in written { try FileManager.default.removeItem(atPath: out + "/" + name) }
        }
    }

    @Test("a job file's export names its file type; design: false leaves the design's columns out")
    func jobFiles() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/ukhls", withDestinationPath: Self.repositoryRoot + "/samples/ukhls")
        let job = """
            output: out
            data:
              ukhls: ukhls
            exports:
              - panel: p.parquet
                waves: "14"
                vars: [gor]
              - panel: w.dta
                format: wide
                waves: 13-14
                vars: [gor]
                design: false
            """
        try job.write(toFile: folder + "/job.yaml", atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for name in ["p.parquet", "p.dictionary.json", "w.dta", "w.dictionary.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/out/" + name), "\(name)")
        }
        let wide = try String(contentsOfFile: folder + "/out/w.dictionary.csv", encoding: .utf8)
        #expect(!wide.contains("weight_xs_w14") && wide.contains("gor_w14"))
        try (job + "\n  - transitions: t.txt\n").write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let bad = try CommandRunner.run(["batch", "bad.yaml"], in: folder)
        #expect(bad.status == 2 && bad.stderr.contains("line 13") && bad.stderr.contains(".parquet or .dta"), "\(bad.stderr)")
        try job.replacingOccurrences(of: "design: false", with: "design: maybe").write(
            toFile: folder + "/bad2.yaml", atomically: true, encoding: .utf8)
        let bad2 = try CommandRunner.run(["batch", "bad2.yaml"], in: folder)
        #expect(bad2.status == 2 && bad2.stderr.contains("design: true"), "\(bad2.stderr)")
        // Two exports of one stem would write one dictionary twice.
        try (job + "\n  - panel: p.csv.gz\n").write(toFile: folder + "/bad3.yaml", atomically: true, encoding: .utf8)
        let bad3 = try CommandRunner.run(["batch", "bad3.yaml"], in: folder)
        #expect(
            bad3.status == 2 && bad3.stderr.contains("line 13") && bad3.stderr.contains("p.dictionary.csv"),
            "\(bad3.stderr)")
    }
}
