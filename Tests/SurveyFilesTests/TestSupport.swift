import Foundation
import SurveyFiles

/// A fresh temporary folder for one test.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "ukpanel-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `bytes` to `path`.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// gzip-compresses `text` with our own compressor, as one member.
func gzipMember(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
    let sink = BytesSink()
    let gzip = try DeflatingSink(downstream: sink, format: .gzip, level: level)
    try gzip.write(bytes)
    try gzip.finish()
    return sink.bytes
}

/// Runs a command-line tool and returns its exit status.
@discardableResult
func run(_ tool: String, _ arguments: [String], in folder: String? = nil) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// A small tab file's text: the header and rows of `columns` columns.
func sampleTable(rows: Int, columns: Int, lineEnding: String = "\n") -> String {
    var text = (0..<columns).map { "v\($0)" }.joined(separator: "\t") + lineEnding
    for r in 0..<rows {
        text +=
            (0..<columns).map { c in
                switch (r + c) % 5 {
                case 0: return "-8"
                case 1: return "\(r * 7 + c)"
                case 2: return "\(Double(r) + 0.25)"
                case 3: return ""
                default: return "s\(r)"
                }
            }.joined(separator: "\t") + lineEnding
    }
    return text
}
