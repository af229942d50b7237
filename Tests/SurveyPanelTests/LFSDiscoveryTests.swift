import Foundation
import SurveyFiles
import SurveySchema
import TestFixtures
import Testing

@testable import SurveyPanel

@Suite("LFS discovery: quarters and vintages from file names, in any layout")
struct LFSDiscoveryTests {
    static let header = "HSERIALP\tPERSNO\tTHISWV\tILODEFR\tHOME\tGOVTOF2\tPWT22\n1\t1\t1\t1\t1\t8\t100\n"

    @Test("quarter codes: calendar, the 2020-21 non-calendar files, and two-digit years")
    func periods() throws {
        let od21 = try #require(LFSPeriod(code: "od21"))
        #expect(od21.description == "2021Q4" && od21.year == 2021 && od21.quarter == 4)
        #expect(od21.nextQuarter.description == "2022Q1")
        let mm20 = try #require(LFSPeriod(code: "mm20"))
        #expect(mm20.description == "Mar-May 2020" && mm20.quarter == nil && mm20.startMonth == 3)
        let n20j = try #require(LFSPeriod(code: "n20j"))
        #expect(n20j.description == "Nov-Jan 2021" && n20j.year == 2020 && n20j.startMonth == 11)
        #expect(try #require(LFSPeriod(code: "jm06")).description == "2006Q1")
        #expect(try #require(LFSPeriod(code: "js98")).year == 1998)
        #expect(LFSPeriod(code: "xx21") == nil && LFSPeriod(code: "od") == nil)
        #expect(LFSPeriod(quarterLabel: "2019q3") == LFSPeriod(code: "js19"))
    }

    @Test("names as delivered: _eul, _end_user, _pwtNN, .tab and .tab.gz; other files ignored")
    func names() throws {
        let root = try UKHLSFixture.temporaryFolder()
        for name in [
            "a/lfsp_aj22_eul_pwt22.tab", "b/c/lfsp_jm06_end_user.tab", "lfsp_od18_end_user_pwt18.tab.gz",
            "lfsp_mj20_eul_pwt18.tab", "LFSP_JS21_EUL_PWT22.TAB", "lfsh_aj22_eul.tab", "lfsp_aj22_eul_pwt22.sav",
            "notes/lfsp_aj22.txt", "lgwt22_5q_jm22_jm23_eul.tab", "lgwt22_2q_od22_jm23_eul.tab.gz",
        ] {
            try UKHLSFixture.write(Self.header, to: root + "/" + name)
        }
        let download = try LFSDownload(root: root)
        #expect(
            download.quarters.map(\.period.description) == ["2006Q1", "2018Q4", "May-Jul 2020", "2021Q3", "2022Q2"])
        #expect(download.quarters.map(\.vintage) == [nil, "18", "18", "22", "22"])
        #expect(download.quarters.last?.input.path == root + "/a/lfsp_aj22_eul_pwt22.tab")
        #expect(
            download.longitudinal.map { "\($0.quarters) \($0.first) \($0.last) \($0.vintage)" } == [
                "5 2022Q1 2023Q1 22", "2 2022Q4 2023Q1 22",
            ])
        // The same quarter as SPSS: the tab file is used, and a note says so.
        #expect(download.notes.count == 1)
        #expect(download.notes.first?.contains("not lfsp_aj22_eul_pwt22.sav") == true)
    }

    @Test("two vintages of one quarter: the newest wins, and the output says so")
    func vintages() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write(Self.header, to: root + "/old/lfsp_jm20_eul_pwt18.tab.gz")
        try UKHLSFixture.write(Self.header, to: root + "/new/lfsp_jm20_eul_pwt22.tab.gz")
        try UKHLSFixture.write(Self.header, to: root + "/lfsp_jm20_end_user.tab")
        let download = try LFSDownload(root: root)
        #expect(download.quarters.count == 1)
        #expect(download.quarters.first?.vintage == "22")
        #expect(download.notes.count == 2)
        #expect(download.notes.allSatisfy { $0.contains("2020Q1: using lfsp_jm20_eul_pwt22.tab.gz (vintage 22)") })
        #expect(download.notes.contains { $0.contains("not lfsp_jm20_eul_pwt18.tab.gz (vintage 18)") })
    }

    @Test("inside the study's zip (UKDA-NNNN-tab/tab/…), in a folder of zips, or files named one by one")
    func archivesAndExplicitFiles() throws {
        let root = try UKHLSFixture.temporaryFolder()
        for (study, code) in [(8999, "od21"), (9001, "jm22")] {
            let zip = ZipWriter(sink: try FileSink(creating: root + "/UKDA-\(study)-tab.zip"))
            try zip.beginMember("UKDA-\(study)-tab/tab/lfsp_\(code)_eul_pwt22.tab").write(Self.header)
            try zip.beginMember("UKDA-\(study)-tab/mrdoc/pdf/lfs_user_guide.pdf").write("%PDF")
            try zip.finish()
        }
        let all = try LFSDownload(root: root)
        #expect(all.quarters.map(\.period.description) == ["2021Q4", "2022Q1"])
        #expect(all.quarters.first?.input.member == "UKDA-8999-tab/tab/lfsp_od21_eul_pwt22.tab")
        let one = try LFSDownload(roots: [root + "/UKDA-9001-tab.zip"])
        #expect(one.quarters.map(\.period.description) == ["2022Q1"])
        try UKHLSFixture.write(Self.header, to: root + "/x/lfsp_aj22_eul_pwt22.tab")
        let named = try LFSDownload(roots: [root + "/UKDA-8999-tab.zip", root + "/x/lfsp_aj22_eul_pwt22.tab"])
        #expect(named.quarters.map(\.period.description) == ["2021Q4", "2022Q2"])
    }

    @Test("a folder with no LFS file is an error that names it")
    func nothingFound() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("x\n", to: root + "/readme.txt")
        let error = try #require(throws: SurveyError.self) { try LFSDownload(root: root) }
        #expect(error.code == .notFound && error.file == root)
    }
}
