import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// Runs a job's steps in order: each is skipped when the manifest shows the same
/// settings, the same inputs (sizes, times, checksums) and its outputs in place,
/// and otherwise run, its outputs written atomically. A step that fails is
/// reported and the others still run.
final class BatchRunner {
    /// What happened to a step (or to a file set aside).
    struct Outcome {
        enum Status: String {
            case ran, skipped, failed
        }
        var name: String
        var status: Status
        var detail: String
        var outputs: [String]
        var seconds: Double
    }

    let job: BatchJob
    let force: Bool
    let quiet: Bool
    let options: ReadOptions
    /// Where cross-tabs also write their frames and specs (for the R cross-check), when set.
    var framesFolder: String?
    /// Lines for standard output.
    let say: (String) -> Void

    init(
        job: BatchJob, force: Bool, quiet: Bool, options: ReadOptions,
        say: @escaping (String) -> Void
    ) {
        self.job = job
        self.force = force
        self.quiet = quiet
        self.options = options
        self.say = say
    }

    /// Runs every step; returns the outcomes, files set aside first.
    func run() throws -> [Outcome] {
        try FileManager.default.createDirectory(atPath: job.output, withIntermediateDirectories: true)
        let swept = Self.sweepTemporaryFiles(in: job.output)
        if swept > 0 { say("note: removed \(swept) temporary files left by an interrupted run") }
        let data = BatchData(job: job, options: options)
        for note in data.notes { say("note: \(note)") }
        var outcomes: [Outcome] = data.setAside.map {
            Outcome(name: $0.item, status: .failed, detail: "set aside: \($0.reason)", outputs: [], seconds: 0)
        }
        for o in outcomes { say("failed   \(o.name): \(o.detail)") }
        var (manifest, manifestNote) = BatchManifest.load(from: job.output)
        if let manifestNote { say("note: \(manifestNote)") }
        let fingerprints = InputFingerprints(previous: manifest)
        for (index, step) in job.steps.enumerated() {
            let label = "[\(index + 1)/\(job.steps.count)] \(step.name)"
            let started = Date()
            var outcome: Outcome
            do {
                let plan = try self.plan(step, data: data)
                let inputs = plan.inputs.map(\.path).uniqued()
                let fingerprint = Self.fingerprint(step, job: job)
                if !force, let record = manifest.steps[step.name], record.fingerprint == fingerprint,
                    record.outputs.allSatisfy({ FileManager.default.fileExists(atPath: $0) }),
                    try fingerprints.unchanged(inputs, recorded: record.inputs)
                {
                    // Touched but identical files: remember their new times.
                    manifest.steps[step.name]?.inputs = try inputs.map(fingerprints.record)
                    outcome = Outcome(
                        name: step.name, status: .skipped, detail: "inputs unchanged (\(inputs.count) files)",
                        outputs: record.outputs, seconds: 0)
                } else {
                    let progress = ProgressLine(label: label, quiet: quiet)
                    let (detail, outputs) = try plan.run(progress)
                    progress.end()
                    let seconds = Date().timeIntervalSince(started)
                    manifest.steps[step.name] = BatchManifest.Step(
                        fingerprint: fingerprint, inputs: try inputs.map(fingerprints.record), outputs: outputs,
                        finished: ISO8601DateFormatter().string(from: Date()), seconds: seconds)
                    outcome = Outcome(name: step.name, status: .ran, detail: detail, outputs: outputs, seconds: seconds)
                }
            } catch {
                manifest.steps[step.name] = nil
                outcome = Outcome(
                    name: step.name, status: .failed, detail: "\(error)", outputs: [],
                    seconds: Date().timeIntervalSince(started))
            }
            // Saved after every step, so a run killed half-way keeps what finished.
            try manifest.save(to: job.output)
            say(Self.line(outcome))
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Removes `.NAME.tmp-PID` files (`AtomicOutputFile`'s) under `folder` whose process is gone:
    /// what a run killed half-way leaves. Returns how many.
    static func sweepTemporaryFiles(in folder: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards),
                let pid = Int32(name[range.upperBound...]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if (try? FileManager.default.removeItem(atPath: folder + "/" + relative)) != nil { removed += 1 }
        }
        return removed
    }

    /// One outcome as a line of the log.
    static func line(_ o: Outcome) -> String {
        let status = o.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        let time = o.status == .ran ? String(format: " (%.1f s)", o.seconds) : ""
        return "\(status) \(o.name)\(time): \(o.detail)"
    }

    /// The settings that make a step's result what it is: its definition, the schemas, and the format version.
    static func fingerprint(_ step: BatchJob.Step, job: BatchJob) -> String {
        var text = "ukpanel batch 1\n\(step.work)\n"
        for survey in surveys(step.work) { text += BatchData.schemaText(survey, job: job) }
        var digest = SHA256()
        digest.update(Array(text.utf8))
        return digest.finalizeHex()
    }

    /// The surveys (schemas) a step reads: a change to another survey's schema does not re-run it.
    static func surveys(_ work: BatchJob.Work) -> [String] {
        switch work {
        case .briefing: return ["ukhls", "lfs"]
        case .exportPanel, .exportTransitions: return ["ukhls"]
        case .lfsHomeWorking, .lfsTransitions, .exportLFS: return ["lfs"]
        case .crossTab(let spec, _, _): return [spec.survey.rawValue]
        }
    }

    /// What a step reads, and how to run it.
    struct Plan {
        var inputs: [DataInput]
        var run: (ProgressLine) throws -> (String, [String])
    }

    func folder(_ step: BatchJob.Step) -> String { job.output + "/" + step.output }

    /// The inputs of `step` and its work.
    func plan(_ step: BatchJob.Step, data: BatchData) throws -> Plan {
        let options = self.options
        // Steps that read files in parallel report each file as it finishes (stderr, terminal only).
        let toTerminal = !quiet && isatty(2) != 0
        let progressMessages: @Sendable (String) -> Void = { message in
            if toTerminal { FileHandle.standardError.write(Data("  \(message)\n".utf8)) }
        }
        let out = folder(step)
        switch step.work {
        case .briefing(let unweighted):
            let (download, schema) = try ukhls(data)
            let waves = download.waves.filter { (8...14).contains($0.number) }
            // T5's LFS quarters, when the job has usable ones.
            let lfsData = (try? lfs(data)).flatMap { $0.0.quarters.isEmpty ? nil : $0 }
            let root = job.ukhls ?? ""
            return Plan(
                inputs: waves.compactMap { download.indresp[$0] } + (lfsData?.0.quarters.map(\.input) ?? [])
            ) { _ in
                let panel = try UKHLSPanel.load(
                    download: download, schema: schema, only: Set(8...14), options: options, progress: progressMessages)
                var lfsQuarters: LFSQuarters?
                if let (lfsDownload, lfsSchema) = lfsData {
                    lfsQuarters = try LFSQuarters.load(
                        download: lfsDownload, schema: lfsSchema, options: options, progress: progressMessages)
                }
                let report = BriefingReport(
                    panel: panel, lfs: lfsQuarters, weighted: !unweighted,
                    syntheticNotice: ReproduceESRC2025Command.syntheticNotice(root: root))
                let written = try report.write(to: out)
                var t5 = lfsQuarters.map { ", T5 with \($0.periods.count) LFS quarters" } ?? ""
                if lfsQuarters == nil, !self.job.lfs.isEmpty {
                    t5 = ", no T5 (\(data.lfsProblem ?? "no usable LFS quarterly files"))"
                }
                return ("waves \(waves.map(\.letter).joined(separator: ", "))\(t5) → \(out)/", written)
            }
        case .lfsHomeWorking(let unweighted, let range):
            let (download, schema) = try lfs(data)
            let files = try quarterFiles(download, range)
            return Plan(inputs: files.map(\.input)) { _ in
                var chosen = download
                chosen.quarters = files
                let quarters = try LFSQuarters.load(
                    download: chosen, schema: schema, options: options, progress: progressMessages)
                let report = LFSReport(
                    homeWorking: quarters, weighted: !unweighted, syntheticNotice: self.lfsNotice())
                let written = try report.write(to: out)
                return ("\(files.count) quarters (\(Self.span(files))) → \(out)/", written)
            }
        case .lfsTransitions(let unweighted, let link, let range):
            let (download, schema) = try lfs(data)
            let bounds = try Self.bounds(range)
            let longitudinal = download.longitudinal.filter { f in
                bounds.map { $0.contains(f.first) && $0.contains(f.last) } ?? true
            }
            let files = link ? try quarterFiles(download, range) : []
            guard !longitudinal.isEmpty || link else {
                throw SurveyError(
                    .invalidArgument,
                    reason:
                        "no LFS longitudinal datasets (lgwtYY_5q_…); set link-quarters: true to link quarterly files")
            }
            return Plan(inputs: longitudinal.map(\.input) + files.map(\.input)) { _ in
                let read = try longitudinal.map {
                    try LFSLongitudinalData.read(file: $0, schema: schema, options: options)
                }
                var linked: LFSQuarters?
                if link {
                    var chosen = download
                    chosen.quarters = files
                    linked = try LFSQuarters.load(download: chosen, schema: schema, options: options)
                }
                let report = LFSReport(
                    transitions: read, linked: linked, weighted: !unweighted, syntheticNotice: self.lfsNotice())
                let written = try report.write(to: out)
                return ("\(longitudinal.count) longitudinal datasets → \(out)/", written)
            }
        case .crossTab(let spec, let waveText, let range):
            if spec.survey == .ukhls {
                let (download, schema) = try ukhls(data)
                let waves = try Self.waves(waveText, in: download)
                _ = try CrossTabFrames.variables(spec, schema: schema)
                return Plan(inputs: waves.compactMap { download.indresp[$0] }) { progress in
                    let frames = try CrossTabFrames(
                        spec: spec, schema: schema, download: download, waves: waves, options: options
                    ) { item, done, total in progress.update(consumed: done, total: total, item: item) }
                    let report = CrossTabReport(
                        frames: frames,
                        syntheticNotice: ReproduceESRC2025Command.syntheticNotice(root: self.job.ukhls ?? ""))
                    let written = try report.write(to: out)
                    if let f = self.framesFolder { try report.writeFrames(to: f + "/" + step.output) }
                    return (
                        "\(report.rows.count) estimates, waves \(waves.map(\.letter).joined(separator: ", ")) → \(out)/",
                        written
                    )
                }
            }
            let (download, schema) = try lfs(data)
            let files = try quarterFiles(download, range)
            _ = try CrossTabFrames.variables(spec, schema: schema)
            return Plan(inputs: files.map(\.input)) { progress in
                let frames = try CrossTabFrames(spec: spec, schema: schema, files: files, options: options) {
                    item, done, total in progress.update(consumed: done, total: total, item: item)
                }
                let report = CrossTabReport(frames: frames, syntheticNotice: self.lfsNotice())
                let written = try report.write(to: out)
                if let f = self.framesFolder { try report.writeFrames(to: f + "/" + step.output) }
                return (
                    "\(report.rows.count) estimates, \(files.count) quarters (\(Self.span(files))) → \(out)/", written
                )
            }
        case .exportPanel(_, let format, let waveText, let vars):
            let (download, schema) = try ukhls(data)
            let waves = try Self.waves(waveText, in: download)
            let export = try PanelExport(schema: schema, only: vars, format: format)
            return Plan(inputs: waves.compactMap { download.indresp[$0] }) { progress in
                try ExportFiles.panel(
                    download: download, waves: waves, export: export, out: out, options: options, progress: progress)
            }
        case .exportTransitions(_, let waveText):
            let (download, schema) = try ukhls(data)
            let waves = try Self.waves(waveText, in: download)
            return Plan(inputs: waves.compactMap { download.indresp[$0] }) { progress in
                try ExportFiles.transitions(
                    download: download, waves: waves, schema: schema, out: out, options: options, progress: progress)
            }
        case .exportLFS(_, let range, let vars):
            let (download, schema) = try lfs(data)
            let files = try quarterFiles(download, range)
            let export = try LFSExport(schema: schema, only: vars)
            return Plan(inputs: files.map(\.input)) { progress in
                try ExportFiles.lfs(files: files, export: export, out: out, options: options, progress: progress)
            }
        }
    }

    func ukhls(_ data: BatchData) throws -> (UKHLSDownload, Schema) {
        guard let download = data.ukhls, let schema = data.ukhlsSchema, data.ukhlsProblem == nil else {
            throw SurveyError(
                .invalidArgument, reason: "UKHLS data \(job.ukhls ?? "(none)"): \(data.ukhlsProblem ?? "not given")")
        }
        return (download, schema)
    }

    func lfs(_ data: BatchData) throws -> (LFSDownload, Schema) {
        guard let download = data.lfs, let schema = data.lfsSchema, data.lfsProblem == nil else {
            throw SurveyError(
                .invalidArgument,
                reason: "LFS data \(job.lfs.joined(separator: ", ")): \(data.lfsProblem ?? "not given")")
        }
        return (download, schema)
    }

    func lfsNotice() -> String? {
        job.lfs.first.flatMap { ReproduceESRC2025Command.syntheticNotice(root: $0, survey: "LFS") }
    }

    static func bounds(_ range: BatchJob.QuarterRange) throws -> ClosedRange<LFSPeriod>? {
        guard range.from != nil || range.to != nil else { return nil }
        let first = range.from.flatMap { LFSPeriod(quarterLabel: $0) } ?? LFSPeriod(year: 1992, quarter: 1)
        let last = range.to.flatMap { LFSPeriod(quarterLabel: $0) } ?? LFSPeriod(year: 2099, quarter: 4)
        guard first <= last else {
            throw SurveyError(.invalidArgument, reason: "from: \(range.from ?? "") is after to: \(range.to ?? "")")
        }
        return first...last
    }

    func quarterFiles(_ download: LFSDownload, _ range: BatchJob.QuarterRange) throws -> [LFSDownload.QuarterFile] {
        let bounds = try Self.bounds(range)
        let files = download.quarters.filter { bounds?.contains($0.period) ?? true }
        guard !files.isEmpty else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no usable LFS quarterly files\(range.from.map { " from \($0)" } ?? "")\(range.to.map { " to \($0)" } ?? "")"
            )
        }
        return files
    }

    static func waves(_ text: String, in download: UKHLSDownload) throws -> [Wave] {
        var selection = WaveSelection()
        selection.waves = text
        return try selection.chosen(in: download)
    }

    static func span(_ files: [LFSDownload.QuarterFile]) -> String {
        let periods = files.map(\.period).sorted()
        guard let first = periods.first, let last = periods.last else { return "none" }
        return first == last ? "\(first)" : "\(first) to \(last)"
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
