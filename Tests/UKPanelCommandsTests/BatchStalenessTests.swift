import Foundation
import SurveyFiles
import TestFixtures
import Testing

@testable import SurveyPipelines

#if canImport(Glibc)
    import Glibc
#endif

/// `batch` never records a result as made from inputs it did not read: a file rewritten with
/// the same size and modification time is compared by content, a file changed while a step
/// reads it fails the step, and two runs on one output folder cannot interleave.
@Suite("batch: stale results and concurrent runs")
struct BatchStalenessTests {
    static let repositoryRoot = ReportTrustTests.repositoryRoot

    static func job(in root: String) throws {
        try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/ukhls", toPath: root + "/ukhls")
        try """
        output: out
        data:
          ukhls: ukhls
        exports:
          - panel: p.csv
            waves: n
            vars: [gor]
        """.write(toFile: root + "/job.yaml", atomically: true, encoding: .utf8)
    }

    @Test("same size, same modification time, other bytes: the step runs again")
    func sameSizeAndTime() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try Self.job(in: root)
        // Wave 14 uncompressed, so one byte can be changed in place.
        let unpack = """
            import gzip, os
            p = 'ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab'
            open(p, 'wb').write(gzip.open(p + '.gz').read()); os.remove(p + '.gz')
            """
        #expect(try TestSupport.python(unpack, in: root) == 0)
        #expect(try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: root).status == 0)
        let again = try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: root)
        #expect(again.stdout.contains("skipped  export p.csv"), "\(again.stdout)")
        // Python changes the first person's region code by one digit (same size) and puts the time back.
        let rewrite = """
            import os
            p = 'ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab'
            st = os.stat(p)
            lines = open(p, 'rb').read().split(b'\\n')
            header = lines[0].split(b'\\t'); k = header.index(b'n_gor_dv')
            cells = lines[1].split(b'\\t'); old = cells[k]
            cells[k] = b'1' if old != b'1' else b'2'
            assert len(old) == 1, old
            lines[1] = b'\\t'.join(cells)
            open(p, 'wb').write(b'\\n'.join(lines))
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
            st2 = os.stat(p)
            assert st2.st_size == st.st_size and st2.st_mtime_ns == st.st_mtime_ns
            open('pidp.txt', 'w').write(cells[header.index(b'pidp')].decode() + ',' + cells[k].decode())
            """
        #expect(try TestSupport.python(rewrite, in: root) == 0)
        let third = try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: root)
        #expect(third.stdout.contains("ran      export p.csv"), "\(third.stdout)")
        // The export now holds the new code for that person.
        let expected = try String(contentsOfFile: root + "/pidp.txt", encoding: .utf8).split(separator: ",")
        let csv = try String(contentsOfFile: root + "/out/p.csv", encoding: .utf8)
        #expect(csv.contains("\n\(expected[0]),14,n,\(expected[1]),"), "\(expected)")
    }

    @Test("a file changed while the step read it fails the step")
    func changedDuringStep() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let path = folder + "/input.tab"
        try "a\n1\n".write(toFile: path, atomically: false, encoding: .utf8)
        let fingerprints = InputFingerprints(previous: BatchManifest())
        let before = [try fingerprints.record(path)]
        try fingerprints.confirm(before)
        try "a\n2\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: SurveyError.self) { try fingerprints.confirm(before) }
        // Touched but the same bytes: not a change.
        try "a\n1\n".write(toFile: path, atomically: false, encoding: .utf8)
        try fingerprints.confirm(before)
    }

    @Test("a second run on an output folder in use stops with a clear message")
    func concurrentRuns() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try Self.job(in: root)
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let fd = open(root + "/out/.ukpanel-batch.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let blocked = try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: root)
        #expect(blocked.status != 0)
        #expect(
            blocked.stderr.contains("another ukpanel batch is running with this output folder"), "\(blocked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root + "/out/p.csv"))
        flock(fd, LOCK_UN)
        close(fd)
        #expect(try CommandRunner.run(["batch", "job.yaml", "--quiet"], in: root).status == 0)
    }

    @Test("temporaries a killed run left anywhere in the output folder are swept, in either naming")
    func sweepsAbandonedTemporaries() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try Self.job(in: root)
        try FileManager.default.createDirectory(atPath: root + "/out/sub", withIntermediateDirectories: true)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let planted = ["out/.gone.csv.tmp-\(dead)-5eed", "out/sub/.old.csv.tmp-\(dead)"]
        let live = "out/.busy.csv.tmp-\(getpid())-1"
        for name in planted + [live] { try "half".write(toFile: root + "/" + name, atomically: false, encoding: .utf8) }
        let run = try CommandRunner.run(["batch", "job.yaml"], in: root)
        #expect(run.stdout.contains("removed 2 temporary files"), "\(run.stdout)")
        for name in planted { #expect(!FileManager.default.fileExists(atPath: root + "/" + name), "\(name)") }
        #expect(FileManager.default.fileExists(atPath: root + "/" + live))
    }
}
