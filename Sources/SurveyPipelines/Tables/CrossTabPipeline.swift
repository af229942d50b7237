import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// A user's cross-tab over UKHLS waves or LFS quarters: streams the files into
/// frames, estimates, and writes estimates.csv and report.md.
public struct CrossTabPipeline: ReportPipeline {
    /// Where the table's observations come from.
    public enum Source {
        case ukhls(UKHLSDownload, waves: [Wave])
        case lfs([LFSDownload.QuarterFile])
    }

    public var spec: CrossTabSpec
    public var source: Source
    public var schema: Schema
    public var out: String
    public var framesFolder: String?
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var settings = EstimationSettings()
    public var command: [String] = []

    /// A cross-tab; its variables are checked against `schema` now, before anything is read.
    ///
    /// - Throws: `.invalidSpec` naming the table and the variable when one is unknown.
    public init(
        spec: CrossTabSpec, source: Source, schema: Schema, out: String, framesFolder: String? = nil,
        syntheticNotice: String?, options: ReadOptions
    ) throws(SurveyError) {
        _ = try CrossTabFrames.variables(spec, schema: schema)
        self.spec = spec
        self.source = source
        self.schema = schema
        self.out = out
        self.framesFolder = framesFolder
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    public var inputs: [DataInput] {
        switch source {
        case .ukhls(let download, let waves): return waves.compactMap { download.indresp[$0] }
        case .lfs(let files): return files.map(\.input)
        }
    }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let report: (String, Int, Int?) -> Void = { item, done, total in
            progress.update(consumed: done, total: total, item: item)
        }
        let frames: CrossTabFrames
        let read: String
        switch source {
        case .ukhls(let download, let waves):
            frames = try CrossTabFrames(
                spec: spec, schema: schema, download: download, waves: waves, options: options, onProgress: report)
            read = "waves \(waves.map(\.letter).joined(separator: ", "))"
        case .lfs(let files):
            frames = try CrossTabFrames(spec: spec, schema: schema, files: files, options: options, onProgress: report)
            read = "\(files.count) quarters (\(LFSDownload.span(files)))"
        }
        let table = CrossTabReport(frames: frames, syntheticNotice: syntheticNotice, settings: settings)
        let written = try addingProvenance(to: table.write(to: out))
        if let framesFolder { try table.writeFrames(to: framesFolder) }
        return PipelineResult(
            summary: "\(table.rows.count) estimates, \(read) → \(out)/", outputs: written,
            terminalText: nil, warnings: table.gaps.map(\.sentence) + table.frames.unknownCodes.map(\.sentence))
    }
}
