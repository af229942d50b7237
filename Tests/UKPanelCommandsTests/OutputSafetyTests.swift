import Foundation
import TestFixtures
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--out` writes only a regular file (or standard output with `-`): never a device, a FIFO, a
/// symbolic link, a folder or an input; a one-character name works; temporaries a killed run
/// left behind are removed by the next run that writes there.
@Suite("--out: only regular files, never an input")
struct OutputSafetyTests {
    static let repositoryRoot = ReportTrustTests.repositoryRoot
    static let data = repositoryRoot + "/samples/ukhls"
    static let wave14 = data + "/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz"

    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test(
        "a one-character --out works (select; an export's needs its file type); --out - writes the same CSV to standard output and nothing else"
    )
    func shortNamesAndStandardOutput() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let export = ["export", "panel", "--quiet", "--data", Self.data, "--waves", "14", "--vars", "gor"]
        let bare = try CommandRunner.run(export + ["--out", "x"], in: folder)
        #expect(bare.status != 0 && bare.stderr.contains("x: is not a file type ukpanel exports"), "\(bare.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let file = try CommandRunner.run(export + ["--out", "x.csv"], in: folder)
        #expect(file.status == 0, "\(file.stderr)")
        for name in ["x.csv", "x.dictionary.csv", "x.dictionary.json", "x.labels.R", "x.labels.do", "x.provenance.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name)")
        }
        let piped = try CommandRunner.run(export + ["--out", "-"], in: folder)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == (try String(contentsOfFile: folder + "/x.csv", encoding: .utf8)))
        #expect(piped.stderr.contains("wrote standard output"))
        let select = try CommandRunner.run(["select", Self.wave14, "--vars", "pidp", "--out", "y"], in: folder)
        #expect(select.status == 0 && FileManager.default.fileExists(atPath: folder + "/y"), "\(select.stderr)")
        let report = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--quiet", "--no-lfs", "--data", Self.data, "--out", "-"], in: folder)
        #expect(report.status != 0 && report.stderr.contains("writes a folder of outputs"), "\(report.stderr)")
        let onFile = try CommandRunner.run(
            ["reproduce", "esrc-2025", "--quiet", "--no-lfs", "--data", Self.data, "--out", "y"], in: folder)
        #expect(onFile.status != 0 && onFile.stderr.contains("y: exists and is not a folder"), "\(onFile.stderr)")
        #expect(!onFile.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("a device, a FIFO, a symbolic link or a folder at --out is refused and left as it was")
    func nonRegularTargets() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        #expect(mkfifo(folder + "/fifo.csv", 0o644) == 0)
        try "kept\n".write(toFile: folder + "/target.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/link.csv", withDestinationPath: folder + "/target.txt")
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/dangling.parquet", withDestinationPath: folder + "/none")
        try FileManager.default.createDirectory(atPath: folder + "/dir.dta", withIntermediateDirectories: false)
        let cases: [(String, String, mode_t)] = [
            ("/dev/null", "is a device", S_IFCHR), (folder + "/fifo.csv", "is a FIFO", S_IFIFO),
            (folder + "/link.csv", "is a symbolic link", S_IFLNK),
            (folder + "/dangling.parquet", "is a symbolic link", S_IFLNK), (folder + "/dir.dta", "is a folder", S_IFDIR),
        ]
        for (path, message, kind) in cases {
            for command in [
                ["select", Self.wave14, "--vars", "pidp", "--out", path],
                ["export", "panel", "--quiet", "--data", Self.data, "--waves", "14", "--vars", "gor", "--out", path],
            ] {
                // An export names its file type: /dev/null names none, and is refused for that first.
                let message = command[0] == "export" && path == "/dev/null" ? "is not a file type" : message
                let run = try CommandRunner.run(command, in: folder)
                #expect(run.status == 1, "\(command[0]) \(path)")
                #expect(run.stderr.contains("\(path): \(message)"), "\(run.stderr)")
                #expect(Self.kind(path) == kind, "\(path) is still what it was")
            }
        }
        #expect(try String(contentsOfFile: folder + "/target.txt", encoding: .utf8) == "kept\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("--out naming an input, or a hard link to it, is refused and the input keeps its bytes")
    func inputIsNeverReplaced() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let input = folder + "/n_indresp.tab.gz"
        try FileManager.default.copyItem(atPath: Self.wave14, toPath: input)
        #expect(link(input, folder + "/hard.tab.gz") == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        for out in ["n_indresp.tab.gz", "hard.tab.gz"] {
            let run = try CommandRunner.run(["select", "n_indresp.tab.gz", "--vars", "pidp", "--out", out], in: folder)
            #expect(run.status == 1 && run.stderr.contains("is an input of this run"), "\(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("temporaries a killed run left are removed by the next run that writes the same file")
    func staleTemporariesRemoved() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        // A process id that is certainly dead: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let alive = getpid()
        let stale = [".p.csv.tmp-\(dead)", ".p.csv.tmp-\(dead)-5eed", ".p.dictionary.csv.tmp-\(dead)-1"]
        let kept = [".p.csv.tmp-\(alive)-1", ".other.csv.tmp-\(dead)-1"]
        for name in stale + kept { try "half\n".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        let run = try CommandRunner.run(
            ["export", "panel", "--quiet", "--data", Self.data, "--waves", "14", "--vars", "gor", "--out", "p.csv"],
            in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        for name in stale { #expect(!names.contains(name), "\(name) removed") }
        for name in kept { #expect(names.contains(name), "\(name) kept (a live run's, or another file's)") }
    }
}
