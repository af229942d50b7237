import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// Runs a job's steps in order: each is skipped when the manifest shows the same
/// settings, the same inputs (sizes, times, checksums) and its outputs in place,
/// and otherwise run, its outputs written atomically. A step that fails is
/// reported and the others still run.
public final class BatchRunner {
    /// What happened to a step (or to a file set aside).
    public struct Outcome: Sendable {
        public enum Status: String, Sendable {
            case ran, skipped, failed
        }
        public var name: String
        public var status: Status
        public var detail: String
        public var outputs: [String]
        public var seconds: Double
    }

    let job: BatchJob
    let force: Bool
    let options: ReadOptions
    /// Where cross-tabs also write their frames and specs (for the R cross-check), when set.
    public var framesFolder: String?
    /// Lines for standard output.
    let say: (String) -> Void
    /// A progress reporter for a step, given its label and what it will read.
    let progress: (String, ProgressPlan) -> ProgressReporter
    /// Lines about files read in parallel.
    let messages: @Sendable (String) -> Void

    /// A runner of `job`; `force` runs every step whatever the manifest says.
    public init(
        job: BatchJob, force: Bool, options: ReadOptions, say: @escaping (String) -> Void,
        progress: @escaping (String, ProgressPlan) -> ProgressReporter = { _, _ in SilentProgress() },
        messages: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.job = job
        self.force = force
        self.options = options
        self.say = say
        self.progress = progress
        self.messages = messages
    }

    /// Runs every step; returns the outcomes, files set aside first.
    public func run() throws -> [Outcome] {
        try OutputFolders.create(job.output)
        let lock = try BatchLock(folder: job.output)
        defer { lock.release() }
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
                    // Fingerprinted before the step reads them, confirmed after: a file replaced
                    // during the step fails it rather than being recorded as what was read.
                    let before = try inputs.map(fingerprints.record)
                    let progress = self.progress(label, ProgressPlan(inputs: plan.inputs))
                    defer { progress.end() }
                    // The step's provenance wants each input's SHA-256: taken as the files are read.
                    ReadDigests.collect()
                    let result = try plan.run(progress: progress, messages: messages)
                    try fingerprints.confirm(before)
                    for warning in result.warnings {
                        FileHandle.standardError.write(Data("warning: \(step.name): \(warning)\n".utf8))
                    }
                    let (detail, outputs) = (result.summary, result.outputs)
                    let seconds = Date().timeIntervalSince(started)
                    manifest.steps[step.name] = BatchManifest.Step(
                        fingerprint: fingerprint, inputs: before, outputs: outputs,
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

    /// Removes `AtomicOutputFile`'s temporaries under `folder` whose process is gone: what a run
    /// killed half-way leaves. Returns how many.
    static func sweepTemporaryFiles(in folder: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            guard AtomicOutputFile.isAbandonedTemporary(PathNames.lastComponent(of: relative)) else { continue }
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
        switch step.work {
        case .briefing, .lfsHomeWorking, .lfsTransitions, .crossTab, .anywhereJobs:
            // Written only when not the defaults, so outputs made before `estimates:` existed stay current.
            if job.settings != EstimationSettings() {
                text += "ci \(job.settings.interval.rawValue), min_n \(job.settings.minimumCases)\n"
            }
            // The built-in rules are part of the step's definition (a rules file is an input).
            if case .anywhereJobs(_, let onet, _, nil, _, _) = step.work, onet != nil { text += BuiltinRules.anywhereJobs }
        case .exportPanel, .exportTransitions, .exportLFS: break
        }
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
        case .lfsHomeWorking, .lfsTransitions, .exportLFS, .anywhereJobs: return ["lfs"]
        case .crossTab(let spec, _, _): return [spec.survey.rawValue]
        }
    }

    func folder(_ step: BatchJob.Step) -> String { job.output + "/" + step.output }

    /// What made a step's outputs, for its `provenance.json`.
    func command(_ step: BatchJob.Step) -> [String] { ["ukpanel", "batch", job.path, "(step \(step.name))"] }

    /// The pipeline of `step`: the same one its command runs, one line per kind of work.
    func plan(_ step: BatchJob.Step, data: BatchData) throws -> any Pipeline {
        let (out, options) = (folder(step), self.options)
        switch step.work {
        case .briefing(let unweighted):
            let (download, schema) = try ukhls(data)
            let lfs = (try? self.lfs(data)).flatMap { $0.0.quarters.isEmpty ? nil : (download: $0.0, schema: $0.1) }
            var pipeline = ESRCBriefingPipeline(
                download: download, schema: schema, lfs: lfs,
                lfsProblem: job.lfs.isEmpty ? nil : data.lfsProblem ?? "no usable LFS quarterly files",
                weighted: !unweighted, out: out, syntheticNotice: ukhlsNotice(), options: options)
            pipeline.dataRoot = job.ukhls
            pipeline.command = command(step)
            pipeline.settings = job.settings
            return pipeline
        case .lfsHomeWorking(let unweighted, let range):
            let (download, schema) = try lfs(data)
            var pipeline = LFSHomeWorkingPipeline(
                download: download, files: try quarterFiles(download, range), schema: schema, weighted: !unweighted,
                out: out, syntheticNotice: lfsNotice(), options: options)
            pipeline.command = command(step)
            pipeline.settings = job.settings
            return pipeline
        case .lfsTransitions(let unweighted, let link, let range):
            let (download, schema) = try lfs(data)
            let longitudinal = download.longitudinal(within: try Self.bounds(range))
            guard !longitudinal.isEmpty || link else {
                throw SurveyError(
                    .invalidJob,
                    reason:
                        "no LFS longitudinal datasets (lgwtYY_5q_…); set link-quarters: true to link quarterly files")
            }
            var pipeline = LFSTransitionsPipeline(
                download: download, longitudinal: longitudinal,
                linkedFiles: link ? try quarterFiles(download, range) : nil,
                schema: schema, weighted: !unweighted, out: out, syntheticNotice: lfsNotice(), options: options)
            pipeline.command = command(step)
            pipeline.settings = job.settings
            return pipeline
        case .anywhereJobs(let unweighted, let onet, let crosswalk, let rules, let occupations, let soc2020):
            let (download, schema) = try lfs(data)
            let classified: AnywhereJobsPipeline.Occupations
            var notice = lfsNotice()
            if let occupations {
                classified = .tables(soc2010: DataInput.parse(occupations), soc2020: soc2020.map(DataInput.parse))
            } else {
                let release = try ONetRelease(root: onet ?? "")
                var classify = AnywhereClassifyPipeline(
                    release: release, crosswalk: DataInput.parse(crosswalk ?? ""),
                    rules: try rules.map { try AnywhereRules.load(path: $0) } ?? AnywhereRules.builtin(),
                    out: out + "/occupations.csv", syntheticNotice: SyntheticNotice.find(root: release.root, survey: "O*NET"),
                    options: options)
                classify.rulesFile = rules.map { DataInput(path: $0) }
                classify.command = command(step)
                classified = .model(classify)
                if let synthetic = classify.syntheticNotice { notice = [notice, synthetic].compactMap { $0 }.joined(separator: " ") }
            }
            var pipeline = AnywhereJobsPipeline(
                download: download, files: download.quarters(within: nil), schema: schema, occupations: classified,
                weighted: !unweighted, out: out, syntheticNotice: notice, options: options)
            pipeline.command = command(step)
            pipeline.settings = job.settings
            return pipeline
        case .crossTab(let spec, let waveText, let range):
            let frames = framesFolder.map { $0 + "/" + step.output }
            if spec.survey == .ukhls {
                let (download, schema) = try ukhls(data)
                var pipeline = try CrossTabPipeline(
                    spec: spec, source: .ukhls(download, waves: try Self.waves(waveText, in: download)), schema: schema,
                    out: out, framesFolder: frames, syntheticNotice: ukhlsNotice(), options: options)
                pipeline.command = command(step)
                pipeline.settings = job.settings
                return pipeline
            }
            let (download, schema) = try lfs(data)
            var pipeline = try CrossTabPipeline(
                spec: spec, source: .lfs(try quarterFiles(download, range)), schema: schema, out: out,
                framesFolder: frames, syntheticNotice: lfsNotice(), options: options)
            pipeline.command = command(step)
            pipeline.settings = job.settings
            return pipeline
        case .exportPanel(_, let format, let waveText, let vars, let design):
            let (download, schema) = try ukhls(data)
            var pipeline = PanelExportPipeline(
                download: download, waves: try Self.waves(waveText, in: download),
                export: try PanelExport(schema: schema, only: vars, format: format, design: design), out: out,
                options: options)
            pipeline.syntheticNotice = ukhlsNotice()
            pipeline.command = command(step)
            pipeline.dataRoot = job.ukhls
            return pipeline
        case .exportTransitions(_, let waveText):
            let (download, schema) = try ukhls(data)
            var pipeline = TransitionsExportPipeline(
                download: download, waves: try Self.waves(waveText, in: download), schema: schema, out: out,
                options: options)
            pipeline.syntheticNotice = ukhlsNotice()
            pipeline.command = command(step)
            pipeline.dataRoot = job.ukhls
            return pipeline
        case .exportLFS(_, let range, let vars, let design):
            let (download, schema) = try lfs(data)
            var pipeline = LFSExportPipeline(
                files: try quarterFiles(download, range),
                export: try LFSExport(schema: schema, only: vars, design: design), out: out, options: options)
            pipeline.syntheticNotice = lfsNotice()
            pipeline.command = command(step)
            pipeline.dataRoot = job.lfs.count == 1 ? job.lfs[0] : nil
            return pipeline
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

    func lfsNotice() -> String? { job.lfs.first.flatMap { SyntheticNotice.find(root: $0, survey: "LFS") } }

    func ukhlsNotice() -> String? { SyntheticNotice.find(root: job.ukhls ?? "") }

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
        let files = download.quarters(within: bounds)
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
        try download.waves(matching: text)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
