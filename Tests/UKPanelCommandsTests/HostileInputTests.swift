import Foundation
import TestFixtures
import Testing

/// Hostile and broken input at the command line: located errors in bounded memory. Python makes
/// the files and measures each run's peak memory (`ru_maxrss` of its one child).
@Suite("hostile input: bounded memory")
struct HostileInputTests {
    static let repositoryRoot = ReportTrustTests.repositoryRoot

    /// Runs `ukpanel ARGS` under Python; passes when it exits non-zero, says `expected` on stderr,
    /// peaks under `megabytes` and takes under `seconds`.
    static func bounded(_ arguments: [String], expected: String, megabytes: Int, seconds: Int, in folder: String)
        throws -> Int32
    {
        let script = """
            import resource, subprocess, sys, time
            started = time.time()
            r = subprocess.run(\(String(reflecting: [CommandRunner.executable] + arguments)), capture_output=True, text=True)
            took = time.time() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            print(r.returncode, peak, 'MB', round(took, 1), 's', r.stderr.strip()[:300])
            assert r.returncode != 0 and \(String(reflecting: expected)) in r.stderr, r.stderr
            assert peak < \(megabytes), peak
            assert took < \(seconds), took
            """
        return try TestSupport.python(script, in: folder)
    }

    @Test("a 256 MiB line inside a small gzip: a located error, not 256 MiB held")
    func longLine() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let make = """
            import gzip
            with gzip.open('long.tab.gz', 'wb', compresslevel=1) as f:
                f.write(b'pidp\\tx\\n1\\t2\\n3\\t')
                block = b'7' * (1 << 20)
                for _ in range(256): f.write(block)
                f.write(b'\\n')
            """
        #expect(try TestSupport.python(make, in: folder) == 0)
        for command in [["inspect", "long.tab.gz"], ["select", "long.tab.gz", "--vars", "pidp", "--out", "o.csv"]] {
            #expect(
                try Self.bounded(
                    command, expected: "long.tab.gz, line 3 (byte 11): the line is longer than 16777216 bytes",
                    megabytes: 120, seconds: 30, in: folder) == 0, "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/o.csv"))
    }

    @Test("a 100 MB header of 52 million columns: an error in seconds, in bounded memory")
    func hugeHeader() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let make = """
            import gzip
            with gzip.open('wide.tab.gz', 'wb', compresslevel=1) as f:
                f.write(b'a\\t' * 52_000_000 + b'b\\n1\\n')
            """
        #expect(try TestSupport.python(make, in: folder) == 0)
        #expect(
            try Self.bounded(
                ["inspect", "wide.tab.gz"], expected: "the header line is longer than 16777216 bytes", megabytes: 120,
                seconds: 20, in: folder) == 0)
        #expect(
            try Self.bounded(
                ["inspect", "wide.tab.gz", "--max-header-size", "128M"], expected: "names more than 100000 columns",
                megabytes: 400, seconds: 20, in: folder) == 0)
    }
}
