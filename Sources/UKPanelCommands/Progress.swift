import Foundation
import SurveyFiles
import SurveyPipelines

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of a long job, on standard error, only when it is a terminal: where the whole job
/// stands (the file being read and which of how many, the bytes read of all it will read, the rate
/// and the time left), redrawn at most five times a second. Files read in parallel report from
/// several threads: the line is kept under a lock.
final class ProgressLine: ProgressReporter, @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let plan: ProgressPlan?
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    /// Each file's bytes read and size, by name, and the names in the order they were first seen.
    private var files: [String: (consumed: Int, total: Int?)] = [:]
    private var order: [String] = []

    /// A progress line for `label`; silent unless stderr is a terminal (and not `quiet`). With a `plan`
    /// (the files and bytes the job will read) it says where the whole job stands; without, the file's.
    init(label: String, quiet: Bool = false, plan: ProgressPlan? = nil) {
        self.label = label
        self.enabled = !quiet && isatty(2) != 0
        self.plan = plan
    }

    func update(consumed: Int, total: Int?, item: String?) {
        guard enabled else { return }
        let now = Date()
        let line: String? = lock.withLock {
            let name = item ?? ""
            if files[name] == nil { order.append(name) }
            files[name] = (consumed, total)
            guard now.timeIntervalSince(lastDraw) >= 0.2 else { return nil }
            lastDraw = now
            return Self.text(
                label: label, item: item, index: (order.firstIndex(of: name) ?? 0) + 1, plan: plan,
                done: files.values.reduce(0) { $0 + $1.consumed },
                seen: files.values.reduce(0) { $0 + ($1.total ?? $1.consumed) }, fileDone: consumed, fileTotal: total,
                seconds: now.timeIntervalSince(started))
        }
        guard let line else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + "  ").utf8))
        lock.withLock { drawn = true }
    }

    /// The line: `export: wave k (3 of 7), 120.5 of 290.0 MB (41%), 95 MB/s, 1.8 s left`; without a
    /// plan, the file's own bytes.
    static func text(
        label: String, item: String?, index: Int, plan: ProgressPlan?, done: Int, seen: Int, fileDone: Int,
        fileTotal: Int?, seconds: Double
    ) -> String {
        var text = label + (item.map { " \($0)" } ?? "")
        let (read, all) = plan.map { (done, max($0.bytes, seen)) } ?? (fileDone, fileTotal ?? 0)
        if let plan, plan.files > 1 { text += " (\(min(index, plan.files)) of \(plan.files))" }
        text += ": \(megabytes(read))"
        if all > 0 { text += " of \(megabytes(all)) (\(min(100, Int(Double(read) * 100 / Double(all))))%)" }
        let rate = Double(read) / max(seconds, 0.001)
        text += String(format: ", %.0f MB/s", rate / 1e6)
        if all > read, seconds >= 1, rate > 0 {
            text += String(format: ", %.0f s left", Double(all - read) / rate)
        }
        return text
    }

    /// Clears the line.
    func end() {
        guard enabled, lock.withLock({ drawn }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}

/// Runs `pipeline` with a progress line labelled `label`, cleared when it ends (whether it succeeds or not).
func runShowingProgress(_ pipeline: some Pipeline, label: String, reading: ReadingOptions) throws -> PipelineResult {
    let progress = ProgressLine(label: label, quiet: reading.quiet, plan: ProgressPlan(inputs: pipeline.inputs))
    defer { progress.end() }
    // Every pipeline writes provenance, which wants each input's SHA-256: taken as the files are read.
    ReadDigests.collect()
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
