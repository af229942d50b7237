import Foundation
import SurveyPipelines

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of a long read, on standard error, only when it is a terminal.
final class ProgressLine: ProgressReporter {
    private let label: String
    private let enabled: Bool
    private var started = Date()
    private var currentItem: String?
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A progress line for reading `label`; silent unless stderr is a terminal (or `quiet`).
    init(label: String, quiet: Bool = false) {
        self.label = label
        self.enabled = !quiet && isatty(2) != 0
    }

    /// Redraws at most five times a second: `consumed` of `total` bytes of the file `item`
    /// (a new item restarts the rate).
    func update(consumed: Int, total: Int?, item: String?) {
        guard enabled else { return }
        let now = Date()
        if item != currentItem {
            // A new file: its rate is measured from here, first shown after a fifth of a second.
            currentItem = item
            started = now
            lastDraw = now
            return
        }
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let seconds = max(now.timeIntervalSince(started), 0.001)
        var text = "\r\u{1B}[K\(label)\(item.map { " \($0)" } ?? ""): \(Self.megabytes(consumed))"
        if let total, total > 0 {
            text += " of \(Self.megabytes(total)) (\(Int(Double(consumed) * 100 / Double(total)))%)"
        }
        text += String(format: ", %.0f MB/s  ", Double(consumed) / 1e6 / seconds)
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    /// Clears the line.
    func end() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}

/// Runs `pipeline` with a progress line labelled `label`, cleared when it ends (whether it succeeds or not).
func runShowingProgress(_ pipeline: some Pipeline, label: String, reading: ReadingOptions) throws -> PipelineResult {
    let progress = ProgressLine(label: label, quiet: reading.quiet)
    defer { progress.end() }
    return try pipeline.run(progress: progress, messages: reading.progress)
}

/// Runs `pipeline` with a progress line labelled `label` and `messages` on standard error; prints the tables
/// (when the pipeline makes them) and the files written, as every table command does.
func runTables(_ pipeline: some Pipeline, label: String, reading: ReadingOptions) throws {
    let result = try runShowingProgress(pipeline, label: label, reading: reading)
    printWarnings(result.warnings)
    if let text = result.terminalText {
        print(text)
        print("")
    }
    for path in result.outputs { print("wrote \(path)") }
}

/// Prints each warning on standard error, whatever `--quiet` says: they are what a reader of the
/// outputs must know.
func printWarnings(_ warnings: [String]) {
    for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
}
