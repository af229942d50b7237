import Foundation
import Testing

@testable import SurveyFiles

#if canImport(Glibc)
    import Glibc
#endif

@Suite("atomic output files")
struct AtomicOutputFileTests {
    @Test("temporary names are new files with an unpredictable part, beside the target")
    func temporaryNames() throws {
        let folder = try makeTemporaryFolder()
        let a = try AtomicOutputFile(path: folder + "/out.csv")
        let b = try AtomicOutputFile(path: folder + "/out.csv")
        #expect(a.temporaryPath != b.temporaryPath)
        for file in [a, b] {
            #expect(file.temporaryPath.hasPrefix(folder + "/.out.csv.tmp-\(getpid())-"))
            #expect(file.temporaryPath.count > (folder + "/.out.csv.tmp-\(getpid())-").count)
        }
        try a.sink.write(Array("a\n".utf8))
        try a.commit()
        b.abandon()
        #expect(try String(contentsOfFile: folder + "/out.csv", encoding: .utf8) == "a\n")
        #expect(!FileManager.default.fileExists(atPath: b.temporaryPath))
    }

    @Test("a symbolic link put at the target while writing is not followed: the commit fails")
    func linkAppearsBeforeCommit() throws {
        let folder = try makeTemporaryFolder()
        try writeFile(folder + "/victim", Array("keep".utf8))
        let file = try AtomicOutputFile(path: folder + "/out.csv")
        try file.sink.write(Array("data".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder + "/out.csv", withDestinationPath: folder + "/victim")
        // The error names the user's path, not the temporary file.
        let error = #expect(throws: SurveyError.self) { try file.commit() }
        #expect(error?.file == folder + "/out.csv")
        #expect(error?.description.contains(".tmp-") == false)
        #expect(try String(contentsOfFile: folder + "/victim", encoding: .utf8) == "keep")
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
    }

    @Test(
        "folder and last component by string rules",
        arguments: [
            ("a/b/c.csv", "a/b", "c.csv"), ("c.csv", ".", "c.csv"), ("x", ".", "x"), ("/c.csv", "/", "c.csv"),
            ("a/b/", "a", "b"), ("a//b", "a", "b"), ("/", "/", "/"),
        ])
    func pathNames(path: String, folder: String, last: String) {
        #expect(PathNames.folder(of: path) == folder)
        #expect(PathNames.lastComponent(of: path) == last)
    }
}
