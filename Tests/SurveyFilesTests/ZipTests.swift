import Foundation
import TestFixtures
import Testing

@testable import SurveyFiles

@Suite("zip archives")
struct ZipTests {
    static let first = Array(sampleTable(rows: 30, columns: 5).utf8)
    static let second = Array(sampleTable(rows: 7, columns: 3, lineEnding: "\r\n").utf8)

    func writeArchive(_ path: String, zip64: Bool) throws {
        let sink = try FileSink(creating: path)
        let zip = ZipWriter(sink: sink, forceZip64: zip64)
        _ = try zip.beginMember("UKDA-6614-tab/tab/ukhls/h_indresp.tab").write(Self.first)
        let member = try zip.beginMember("UKDA-6614-tab/tab/ukhls/xwavedat.tab")
        try member.write(Self.second)
        try zip.finish()
    }

    @Test("members read back in place, classic and ZIP64", arguments: [false, true])
    func roundTrip(zip64: Bool) throws {
        let path = try makeTemporaryFolder() + "/a.zip"
        try writeArchive(path, zip64: zip64)
        let archive = try ZipArchive(path: path)
        #expect(
            archive.entries.map(\.path) == [
                "UKDA-6614-tab/tab/ukhls/h_indresp.tab", "UKDA-6614-tab/tab/ukhls/xwavedat.tab",
            ])
        let a = try DataInput(archive: path, member: "UKDA-6614-tab/tab/ukhls/h_indresp.tab").open()
        #expect(try TestSupport.drain(a, bufferSize: 7) == Self.first)
        let b = try DataInput(archive: path, member: "UKDA-6614-tab/tab/ukhls/xwavedat.tab").open()
        #expect(try TestSupport.drain(b, bufferSize: 4096) == Self.second)
    }

    @Test("our archives pass Python's zipfile check, and its archives read here", arguments: [false, true])
    func independentReader(zip64: Bool) throws {
        let folder = try makeTemporaryFolder()
        try writeArchive(folder + "/ours.zip", zip64: zip64)
        try writeFile(folder + "/first.tab", Self.first)
        let script = """
            import zipfile, sys
            z = zipfile.ZipFile('ours.zip'); assert z.testzip() is None
            assert z.read('UKDA-6614-tab/tab/ukhls/h_indresp.tab') == open('first.tab','rb').read()
            with zipfile.ZipFile('theirs.zip', 'w', zipfile.ZIP_DEFLATED) as w:
                with w.open('tab/ukhls/h_indresp.tab', 'w', force_zip64=\(zip64 ? "True" : "False")) as f:
                    f.write(open('first.tab','rb').read())
                w.writestr('tab/stored.tab', b'a\\tb\\n1\\t2\\n', compress_type=zipfile.ZIP_STORED)
            """
        #expect(try run("python3", ["-c", script], in: folder) == 0)
        let theirs = try DataInput(archive: folder + "/theirs.zip", member: "tab/ukhls/h_indresp.tab").open()
        #expect(try TestSupport.drain(theirs, bufferSize: 1000) == Self.first)
        let stored = try DataInput(archive: folder + "/theirs.zip", member: "tab/stored.tab").open()
        #expect(try TestSupport.drain(stored, bufferSize: 3) == Array("a\tb\n1\t2\n".utf8))
    }

    @Test("a truncated archive and a damaged member are errors")
    func damage() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/a.zip"
        try writeArchive(path, zip64: false)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try writeFile(folder + "/cut.zip", Array(bytes[..<(bytes.count - 30)]))
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) { try ZipArchive(path: folder + "/cut.zip") }
        // Flip a byte inside the first member's compressed data: inflate or the CRC check must catch it.
        bytes[80] ^= 0x55
        try writeFile(folder + "/bad.zip", bytes)
        let source = try DataInput(archive: folder + "/bad.zip", member: "UKDA-6614-tab/tab/ukhls/h_indresp.tab").open()
        #expect(throws: SurveyError(.corrupt, file: "", reason: "")) {
            try TestSupport.drain(source, bufferSize: 4096)
        }
    }

    @Test("a missing member names the closest ones")
    func missingMember() throws {
        let path = try makeTemporaryFolder() + "/a.zip"
        try writeArchive(path, zip64: false)
        let error = #expect(throws: SurveyError.self) {
            try DataInput(archive: path, member: "UKDA-6614-tab/tab/ukhls/h_indresp.tsv").open()
        }
        #expect(error?.code == .notFound)
        #expect(error?.hint?.contains("UKDA-6614-tab/tab/ukhls/h_indresp.tab") == true)
    }

    @Test func parseMemberSyntax() {
        #expect(
            DataInput.parse("dl/UKDA-6614-tab.zip//UKDA-6614-tab/tab/ukhls/h_indresp.tab")
                == DataInput(archive: "dl/UKDA-6614-tab.zip", member: "UKDA-6614-tab/tab/ukhls/h_indresp.tab"))
        #expect(DataInput.parse("h_indresp.tab.gz") == DataInput(path: "h_indresp.tab.gz"))
    }
}
