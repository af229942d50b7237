import Foundation
import SurveyFiles
import SurveySchema
import TestFixtures
import Testing

@testable import SurveyPanel

@Suite("Finding UKHLS files in a download")
struct DiscoveryTests {
    let schema: Schema
    init() throws { schema = try SchemaLoader.builtin("ukhls") }

    func waveText(_ n: Int) -> String {
        UKHLSFixture.indresp(schema: schema, wave: Wave(number: n)!, persons: 3)
    }

    @Test("the current flat layout, unpacked and gzipped, with bhps files beside it")
    func flatLayout() throws {
        let root = try UKHLSFixture.temporaryFolder()
        let base = root + "/UKDA-6614-tab/tab"
        for n in 8...14 {
            let letter = Wave(number: n)!.letter
            try UKHLSFixture.write(waveText(n), to: base + "/ukhls/\(letter)_indresp.tab" + (n % 2 == 0 ? ".gz" : ""))
        }
        try UKHLSFixture.write("pidp\tsex_dv\n1\t2\n", to: base + "/ukhls/xwavedat.tab")
        try UKHLSFixture.write("pidp\n1\n", to: base + "/bhps/ba_indresp.tab")
        try UKHLSFixture.write("x\n", to: base + "/ukhls/h_hhresp.tab")
        let download = try UKHLSDownload(root: root)
        #expect(download.waves.map(\.number) == Array(8...14))
        #expect(download.indresp[Wave(number: 8)!]?.path == base + "/ukhls/h_indresp.tab.gz")
        #expect(download.indresp[Wave(number: 9)!]?.path == base + "/ukhls/i_indresp.tab")
        #expect(download.xwavedat?.path == base + "/ukhls/xwavedat.tab")
        #expect(download.notes.isEmpty)
    }

    @Test("the older per-wave folders")
    func perWaveFolders() throws {
        let root = try UKHLSFixture.temporaryFolder()
        for n in [8, 10] {
            try UKHLSFixture.write(waveText(n), to: root + "/tab/ukhls_w\(n)/\(Wave(number: n)!.letter)_indresp.tab")
        }
        try UKHLSFixture.write("pidp\n1\n", to: root + "/tab/ukhls_wx/xwavedat.tab")
        let download = try UKHLSDownload(root: root)
        #expect(download.waves.map(\.letter) == ["h", "j"])
        #expect(download.xwavedat != nil)
    }

    @Test("the zip as downloaded, given directly or inside a folder; a new wave o found with no change")
    func zipArchive() throws {
        let root = try UKHLSFixture.temporaryFolder()
        let path = root + "/UKDA-6614-tab.zip"
        let zip = ZipWriter(sink: try FileSink(creating: path))
        for n in [12, 13, 14, 15] {
            try zip.beginMember("UKDA-6614-tab/tab/ukhls/\(Wave(number: n)!.letter)_indresp.tab").write(waveText(n))
        }
        try zip.finish()
        for candidate in [path, root] {
            let download = try UKHLSDownload(root: candidate)
            #expect(download.waves.map(\.number) == [12, 13, 14, 15])
            #expect(download.indresp[Wave(number: 15)!]?.member == "UKDA-6614-tab/tab/ukhls/o_indresp.tab")
        }
    }

    @Test("the same wave twice: the loose file wins over the archive, and a note says so")
    func duplicates() throws {
        let root = try UKHLSFixture.temporaryFolder()
        let zip = ZipWriter(sink: try FileSink(creating: root + "/UKDA-6614-tab.zip"))
        try zip.beginMember("UKDA-6614-tab/tab/ukhls/n_indresp.tab").write(waveText(14))
        try zip.finish()
        try UKHLSFixture.write(waveText(14), to: root + "/UKDA-6614-tab/tab/ukhls/n_indresp.tab")
        let download = try UKHLSDownload(root: root)
        #expect(download.indresp[Wave(number: 14)!]?.member == nil)
        #expect(download.notes.count == 1)
        #expect(download.notes.first?.contains("found twice") == true)
    }

    @Test("a folder with no UKHLS files is a clear error naming the formats looked for")
    func nothingFound() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("x", to: root + "/UKDA-6614-stata/stata/stata13_se/ukhls/h_indresp.txt")
        let error = #expect(throws: SurveyError.self) { try UKHLSDownload(root: root) }
        #expect(error?.code == .notFound)
        #expect(error?.reason.contains(".dta, .sav or .zsav") == true)
        #expect(throws: SurveyError.self) { try UKHLSDownload(root: root + "/nowhere") }
    }

    @Test(
        "the Stata and SPSS releases, current and per-wave layouts; a wave in two formats is read from one, with a note"
    )
    func otherReleases() throws {
        let root = try UKHLSFixture.temporaryFolder()
        for path in [
            "UKDA-6614-stata/stata/stata14_se/ukhls/h_indresp.dta",
            "UKDA-6614-stata/stata/stata13_se/ukhls_w10/j_indresp.dta",
            "UKDA-6614-spss/spss/spss25/ukhls/i_indresp.sav", "UKDA-6614-spss/spss/spss28/ukhls/k_indresp.zsav",
            "UKDA-6614-spss/spss/spss24/ukhls_w8/h_indresp.sav", "UKDA-6614-stata/stata/stata14_se/ukhls/xwavedat.dta",
        ] {
            try UKHLSFixture.write("x", to: root + "/" + path)
        }
        let download = try UKHLSDownload(root: root)
        #expect(download.waves.map(\.number) == [8, 9, 10, 11])
        #expect(download.indresp[Wave(number: 8)!]?.path.hasSuffix("stata14_se/ukhls/h_indresp.dta") == true)
        #expect(download.indresp[Wave(number: 11)!]?.path.hasSuffix(".zsav") == true)
        #expect(download.xwavedat?.path.hasSuffix("xwavedat.dta") == true)
        #expect(download.notes.count == 1)
        #expect(download.notes.first?.contains("two formats") == true)
        #expect(download.notes.first?.contains("(dta), not") == true)
    }
}

@Suite("Checking a download against the schema")
struct SchemaCheckTests {
    @Test("passes when every required variable is there; optional ones absent are listed, not failed")
    func passes() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let root = try UKHLSFixture.temporaryFolder()
        for n in 8...14 {
            let wave = Wave(number: n)!
            try UKHLSFixture.write(
                UKHLSFixture.indresp(schema: schema, wave: wave, persons: 2, drop: n == 9 ? ["jspl"] : []),
                to: root + "/tab/ukhls/\(wave.letter)_indresp.tab")
        }
        let check = try SchemaCheck(schema: schema, download: UKHLSDownload(root: root))
        #expect(check.passed)
        let jspl = try #require(check.rows.first { $0.variable.name == "jspl" })
        guard case .absent(let source, let closest) = jspl.findings[1] else {
            Issue.record("jspl should be absent in wave 9")
            return
        }
        #expect(source == "i_jspl")
        #expect(closest.first == "i_jbpl")  // one letter away
        #expect(jspl.findings[0] == .present("h_jspl"))
        let jbwah = try #require(check.rows.first { $0.variable.name == "jbwah" })
        #expect(jbwah.findings[0] == .notInWave)
        #expect(jbwah.findings[1] == .present("i_jbwah"))
    }

    @Test("fails naming the wave, the source and the closest names when a required one is absent")
    func fails() throws {
        var schema = try SchemaLoader.builtin("ukhls")
        let root = try UKHLSFixture.temporaryFolder()
        let wave = Wave(number: 14)!
        try UKHLSFixture.write(
            UKHLSFixture.indresp(schema: schema, wave: wave, persons: 2, drop: ["weight_xs"]),
            to: root + "/n_indresp.tab")
        var check = try SchemaCheck(schema: schema, download: UKHLSDownload(root: root))
        #expect(!check.passed)
        #expect(check.failures.count == 1)
        #expect(check.failures.first?.source == "n_inding2_xw")
        // Mapping the weight to a column that exists makes it pass.
        schema = try schema.applying([SourceMapping(parsing: "weight_xs@n=n_filler_a")])
        check = try SchemaCheck(schema: schema, download: UKHLSDownload(root: root))
        #expect(check.passed)
    }
}
