import Foundation
import SurveySchema
import TestFixtures
import Testing

@Suite("ukpanel select")
struct SelectCommandTests {
    @Test("the named columns come out as RFC 4180 CSV, in the order asked")
    func csvOutput() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write(
            "pidp\th_note\th_jbstat\th_x\n1\tsays \"hi\", twice\t2\t9\n2\t\t-8\t9\n3\tplain\t1\t9\n",
            to: folder + "/h_indresp.tab.gz")
        let result = try CommandRunner.run(["select", folder + "/h_indresp.tab.gz", "--vars", "h_jbstat,pidp,h_note"])
        #expect(result.status == 0)
        #expect(result.stdout == "h_jbstat,pidp,h_note\n2,1,\"says \"\"hi\"\", twice\"\n-8,2,\n1,3,plain\n")
    }

    @Test("an independent CSV reader (Python's csv module) reads the output back to the same values")
    func pythonReadsIt() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let folder = try UKHLSFixture.temporaryFolder()
        let wave = Wave(number: 14)!
        try UKHLSFixture.write(
            UKHLSFixture.indresp(schema: schema, wave: wave, persons: 40), to: folder + "/n_indresp.tab")
        let out = folder + "/out.csv"
        let result = try CommandRunner.run([
            "select", folder + "/n_indresp.tab", "--vars", "pidp,n_jbstat,n_filler_b,n_inding2_xw", "--out", out,
        ])
        #expect(result.status == 0)
        let script = """
            import csv
            rows = list(csv.reader(open('out.csv', newline='')))
            assert rows[0] == ['pidp', 'n_jbstat', 'n_filler_b', 'n_inding2_xw'], rows[0]
            assert len(rows) == 41
            for i, r in enumerate(rows[1:]):
                assert r[0] == str(68000000 + i * 4), r
                assert r[1] == str(i % 3 + 1), r
                assert r[2] == 'text %d' % i, r
            print('ok')
            """
        #expect(try TestSupport.python(script, in: folder) == 0)
    }

    @Test("a zip member read in place")
    func zipMember() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("a\tb\n1\t2\n", to: folder + "/t.tab")
        let zipped =
            "import zipfile; zipfile.ZipFile('UKDA-6614-tab.zip','w',zipfile.ZIP_DEFLATED).write('t.tab','UKDA-6614-tab/tab/ukhls/t.tab')"
        #expect(try TestSupport.python(zipped, in: folder) == 0)
        let result = try CommandRunner.run([
            "select", folder + "/UKDA-6614-tab.zip//UKDA-6614-tab/tab/ukhls/t.tab", "--vars", "b",
        ])
        #expect(result.stdout == "b\n2\n")
    }

    @Test("bad input: a clear error, exit status 1, and no half-written output")
    func badInput() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        var text = "pidp\th_jbstat\n"
        for i in 0..<100_000 { text += "\(i)\t1\n" }
        text += "7\n"  // the last row is short
        try UKHLSFixture.write(text, to: folder + "/bad.tab")
        let out = folder + "/out.csv"
        let result = try CommandRunner.run(["select", folder + "/bad.tab", "--vars", "pidp", "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.tab, line 100002"))
        #expect(result.stderr.contains("1 fields but the header names 2"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("an unknown variable names the closest ones")
    func unknownVariable() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("pidp\tn_jbstat\tn_jbsemp\n1\t2\t3\n", to: folder + "/n_indresp.tab")
        let result = try CommandRunner.run(["select", folder + "/n_indresp.tab", "--vars", "jbstat"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("variable 'jbstat'"))
        #expect(result.stderr.contains("closest variables present are n_jbstat"))
    }
}
