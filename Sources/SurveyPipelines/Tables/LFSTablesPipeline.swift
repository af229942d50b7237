import Dispatch
import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// LFS home-working by quarter (`ukpanel tables lfs-wfh` and `batch`'s `lfs-wfh`):
/// reads the chosen quarterly files, estimates, writes estimates.csv and report.md.
public struct LFSHomeWorkingPipeline: ReportPipeline {
    public var download: LFSDownload
    /// The quarterly files to read (already chosen from `download`).
    public var files: [LFSDownload.QuarterFile]
    public var schema: Schema
    public var weighted: Bool
    public var out: String
    public var framesFolder: String?
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var settings = EstimationSettings()
    public var command: [String] = []

    public init(
        download: LFSDownload, files: [LFSDownload.QuarterFile], schema: Schema, weighted: Bool, out: String,
        framesFolder: String? = nil, syntheticNotice: String?, options: ReadOptions
    ) {
        self.download = download
        self.files = files
        self.schema = schema
        self.weighted = weighted
        self.out = out
        self.framesFolder = framesFolder
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    public var inputs: [DataInput] { files.map(\.input) }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let started = Date()
        var chosen = download
        chosen.quarters = files
        let quarters = try LFSQuarters.load(download: chosen, schema: schema, options: options, progress: messages,
            bytes: { progress.update(consumed: $1, total: $2, item: $0) })
        messages(
            String(format: "read %d quarters in %.1f s", quarters.quarters.count, Date().timeIntervalSince(started)))
        let report = try LFSReport(
            homeWorking: quarters, weighted: weighted, syntheticNotice: syntheticNotice, settings: settings)
        let written = try addingProvenance(to: report.write(to: out))
        if let framesFolder { try report.writeFrames(to: framesFolder) }
        return PipelineResult(
            summary: "\(files.count) quarters (\(LFSDownload.span(files))) → \(out)/", outputs: written,
            terminalText: report.terminalText,
            warnings: report.gaps.map(\.sentence) + report.unknownCodes.map(\.sentence))
    }
}

/// Quarter-to-quarter transitions from the LFS longitudinal datasets, and linked
/// quarterly files when asked (`ukpanel tables lfs-transitions` and `batch`).
public struct LFSTransitionsPipeline: ReportPipeline {
    public var download: LFSDownload
    /// The longitudinal datasets to read.
    public var longitudinal: [LFSDownload.LongitudinalFile]
    /// Quarterly files to link by CASENOP, or `nil` not to link.
    public var linkedFiles: [LFSDownload.QuarterFile]?
    public var schema: Schema
    public var weighted: Bool
    public var out: String
    public var framesFolder: String?
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var settings = EstimationSettings()
    public var command: [String] = []

    public init(
        download: LFSDownload, longitudinal: [LFSDownload.LongitudinalFile], linkedFiles: [LFSDownload.QuarterFile]?,
        schema: Schema, weighted: Bool, out: String, framesFolder: String? = nil, syntheticNotice: String?,
        options: ReadOptions
    ) {
        self.download = download
        self.longitudinal = longitudinal
        self.linkedFiles = linkedFiles
        self.schema = schema
        self.weighted = weighted
        self.out = out
        self.framesFolder = framesFolder
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    public var inputs: [DataInput] { longitudinal.map(\.input) + (linkedFiles ?? []).map(\.input) }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let files = longitudinal
        let (schema, options) = (self.schema, self.options)
        let results = ParallelResults<LFSLongitudinalData>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results.set(i) {
                let data = try LFSLongitudinalData.read(file: files[i], schema: schema, options: options)
                messages("read \(files[i].input.fileName): \(data.histories.count) people")
                return data
            }
        }
        let read = try results.values()
        var linked: LFSQuarters?
        if let linkedFiles {
            var chosen = download
            chosen.quarters = linkedFiles
            linked = try LFSQuarters.load(download: chosen, schema: schema, options: options, progress: messages,
            bytes: { progress.update(consumed: $1, total: $2, item: $0) })
        }
        let report = try LFSReport(
            transitions: read, linked: linked, weighted: weighted, syntheticNotice: syntheticNotice,
            settings: settings)
        let written = try addingProvenance(to: report.write(to: out))
        if let framesFolder { try report.writeFrames(to: framesFolder) }
        return PipelineResult(
            summary: "\(longitudinal.count) longitudinal datasets → \(out)/", outputs: written,
            terminalText: report.terminalText,
            warnings: report.gaps.map(\.sentence) + report.unknownCodes.map(\.sentence))
    }
}
