import Foundation
import TestFixtures
import Testing

/// Messages that used to mislead (issue 14, case 6): each is now ukpanel's own, saying what is
/// wrong, where, and what to do.
@Suite("hostile input: clear messages")
struct UnclearMessagesTests {
    static let repositoryRoot = ReportTrustTests.repositoryRoot

    @Test("a file named .gz that is not gzip says so, with the bytes it starts with")
    func gzNotGzip() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        // Written as is (the fixture's writer would gzip a name ending in .gz).
        #expect(FileManager.default.createFile(atPath: folder + "/w.tab.gz", contents: Data("pidp\tx\n1\t2\n".utf8)))
        for command in [["inspect", "w.tab.gz"], ["select", "w.tab.gz", "--vars", "x"]] {
            let run = try CommandRunner.run(command, in: folder)
            #expect(run.status == 1, "\(command)")
            // "pidp" is 70 69 64 70 in hexadecimal.
            #expect(
                run.stderr.contains(
                    "w.tab.gz, byte offset 0: is named .gz but is not gzip: it starts with 70 69 64 70, not 1f 8b"),
                "\(run.stderr)")
        }
    }

    @Test("text from a file is shown with control characters escaped, never raw")
    func controlCharactersEscaped() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        // An escape sequence that would clear the screen, in a column name.
        try UKHLSFixture.write("pidp\tjb\u{1B}[2Jstat\n1\t2\n", to: folder + "/f.tab")
        let run = try CommandRunner.run(["select", "f.tab", "--vars", "jbstat"], in: folder)
        #expect(run.status == 1)
        #expect(!run.stderr.unicodeScalars.contains("\u{1B}"), "\(run.stderr)")
        #expect(run.stderr.contains("jb\\u{1B}[2Jstat"), "\(run.stderr)")
    }

    @Test("lines ended by CR alone are named as such, not as a missing variable")
    func carriageReturnsOnly() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("pidp\tx\r1\t2\r3\t4\r", to: folder + "/mac.tab")
        for command in [["select", "mac.tab", "--vars", "x"], ["inspect", "mac.tab"]] {
            let run = try CommandRunner.run(command, in: folder)
            #expect(run.status == 1, "\(command)")
            #expect(
                run.stderr.contains("mac.tab, line 1 (byte 6): the lines end with a carriage return (CR) alone"),
                "\(run.stderr)")
            #expect(!run.stderr.contains("not in"), "\(run.stderr)")
        }
    }

    @Test("a folder that cannot be read is named with the reason, not 'no files found'")
    func unreadableFolder() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/samples/ukhls", toPath: folder + "/ukhls")
        let inner = folder + "/ukhls/UKDA-6614-tab/tab"
        for locked in [inner, folder + "/ukhls"] {
            #expect(chmod(locked, 0) == 0)
            defer { chmod(locked, 0o755) }
            // Root reads any folder, so run as nobody then (setpriv is in util-linux).
            let arguments = ["schema", "check", "--data", folder + "/ukhls"]
            let run =
                getuid() == 0
                ? try CommandRunner.run(
                    ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.executable]
                        + arguments, viaExecutable: true)
                : try CommandRunner.run(arguments)
            #expect(run.status == 1)
            #expect(run.stderr.contains("\(locked): cannot list the folder: Permission denied"), "\(run.stderr)")
            #expect(!run.stderr.contains("no "), "\(run.stderr)")
        }
    }

    @Test("a data folder that is a symbolic link, or holds one, is followed: the same estimates")
    func symbolicLinks() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let real = Self.repositoryRoot + "/samples/ukhls"
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: real)
        try FileManager.default.createDirectory(atPath: folder + "/holder", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/holder/UKDA-6614-tab", withDestinationPath: real + "/UKDA-6614-tab")
        // A linked file too: the truth file that marks the data synthetic.
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/holder/truth.json", withDestinationPath: real + "/truth.json")
        // A link back up the tree is not followed again (no endless walk).
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/holder/loop", withDestinationPath: folder + "/holder")
        var estimates: [String] = []
        for data in [real, folder + "/linked", folder + "/holder"] {
            let out = folder + "/out-\(estimates.count)"
            let run = try CommandRunner.run(
                ["reproduce", "esrc-2025", "--quiet", "--no-lfs", "--data", data, "--out", out], in: folder)
            #expect(run.status == 0, "\(data): \(run.stderr)")
            estimates.append((try? String(contentsOfFile: out + "/estimates.csv", encoding: .utf8)) ?? "")
        }
        #expect(estimates[0].split(separator: "\n").count > 100)
        #expect(estimates[1] == estimates[0])
        #expect(estimates[2] == estimates[0])
    }

    @Test("Foundation's errors are said in ukpanel's words (no NSCocoaErrorDomain)")
    func noRawFoundationErrors() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write("not a folder\n", to: folder + "/taken")
        let run = try CommandRunner.run(["synth", "ukhls", "--out", "taken"], in: folder)
        #expect(run.status == 1)
        #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("Code="), "\(run.stderr)")
        #expect(run.stderr.contains("taken: exists and is not a folder"), "\(run.stderr)")
        #expect(try String(contentsOfFile: folder + "/taken", encoding: .utf8) == "not a folder\n")
    }
}
