import Foundation
import SurveyFiles
import SurveySchema

/// Writes small UKHLS-layout files whose every value is planted by a formula,
/// so tests can check what the readers decode against what was written.
public enum UKHLSFixture {
    /// The value planted for person `i` (0-based row) in `wave` for the harmonised variable `name`.
    public static func planted(_ name: String, person i: Int, wave: Wave) -> String {
        switch name {
        case "pidp": return String(68_000_000 + i * 4)
        case "hidp": return String(wave.number * 1_000_000 + i / 2)
        case "pno": return String(i % 2 + 1)
        case "intdaty": return String(2008 + wave.number + i % 2)
        case "intdatm": return String(i % 12 + 1)
        case "ivfio": return i % 9 == 8 ? "2" : "1"
        case "gor": return String(i % 12 + 1)
        case "nssec5": return i % 6 == 0 ? "-8" : (i % 7 == 3 ? "-9" : String(i % 5 + 1))
        case "jbstat": return String(i % 3 + 1)
        case "jbpl": return i % 6 == 0 ? "-8" : String(i % 4 + 1)
        case "jbwah": return i % 5 == 0 ? "-1" : String(i % 4 + 1)
        case "distmov": return i % 4 == 0 ? String(Double(i) + 0.5) : "-8"
        case "weight_xs": return i % 10 == 9 ? "0" : String(0.5 + Double(i) / 100)
        case "weight_lw": return ""
        case "strata": return String(i % 3 + 1)
        case "psu": return String(i % 6 + 1)
        case "wfhdays": return String(i % 8 + 1)
        default: return i % 3 == 0 ? "-8" : "1"
        }
    }

    /// The header and rows of `wave`'s indresp: every schema source name of the
    /// wave, with filler columns around them, in a shuffled order.
    public static func indresp(
        schema: Schema, wave: Wave, persons: Int, drop: Set<String> = [], lineEnding: String = "\n"
    ) -> String {
        var columns: [(header: String, value: (Int) -> String)] = []
        columns.append(("\(wave.letter)_filler_a", { _ in "-9" }))
        for variable in schema.variables(in: "indresp") where !drop.contains(variable.name) {
            guard let source = variable.sourceName(in: wave) else { continue }
            columns.append((source, { planted(variable.name, person: $0, wave: wave) }))
        }
        columns.append(("\(wave.letter)_filler_b", { "text \($0)" }))
        // A fixed shuffle: positions must not matter.
        columns = columns.enumerated().sorted { ($0.offset * 7919) % 97 < ($1.offset * 7919) % 97 }.map(\.element)
        var text = columns.map(\.header).joined(separator: "\t") + lineEnding
        for i in 0..<persons {
            text += columns.map { $0.value(i) }.joined(separator: "\t") + lineEnding
        }
        return text
    }

    /// Writes `text` to `path`, gzip-compressed when the path ends in `.gz`.
    public static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let sink = try FileSink(creating: path)
        let target: ByteSink = path.hasSuffix(".gz") ? try DeflatingSink(downstream: sink) : sink
        try target.write(text)
        try target.finish()
        if target !== sink { try sink.finish() }
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "ukpanel-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Helpers the test suites share.
public enum TestSupport {
    /// Every byte of a source, read `bufferSize` at a time.
    public static func drain(_ source: ByteSource, bufferSize: Int = 1 << 16) throws -> [UInt8] {
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Runs `python3 -c script` in `folder` (an independent reader for cross-checks); returns its exit status.
    public static func python(_ script: String, in folder: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
