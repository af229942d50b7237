import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// The ESRC briefing from a UKHLS download (and T5 from LFS quarters): reads the
/// waves, builds the panel and the frames, estimates, and writes estimates.csv,
/// report.md and figure1.svg. `ukpanel reproduce esrc-2025` and `batch` run this.
public struct ESRCBriefingPipeline: ReportPipeline {
    public var download: UKHLSDownload
    public var schema: Schema
    /// LFS quarters for T5 and their schema, when there are any.
    public var lfs: (download: LFSDownload, schema: Schema)?
    /// Why there are no LFS quarters though some were asked for (said in the summary).
    public var lfsProblem: String?
    public var weighted: Bool
    /// The folder for the outputs, and for the frames (the R cross-check) when set.
    public var out: String
    public var framesFolder: String?
    public var syntheticNotice: String?
    public var options: ReadOptions
    public var settings = EstimationSettings()
    /// The data folder (`--data`): the report names files relative to it.
    public var dataRoot: String?
    public var command: [String] = []

    /// The waves the briefing reads.
    public static let waveNumbers = Set(8...14)

    public init(
        download: UKHLSDownload, schema: Schema, lfs: (download: LFSDownload, schema: Schema)?,
        lfsProblem: String? = nil,
        weighted: Bool, out: String, framesFolder: String? = nil, syntheticNotice: String?, options: ReadOptions
    ) {
        self.download = download
        self.schema = schema
        self.lfs = lfs
        self.lfsProblem = lfsProblem
        self.weighted = weighted
        self.out = out
        self.framesFolder = framesFolder
        self.syntheticNotice = syntheticNotice
        self.options = options
    }

    var waves: [Wave] { download.waves.filter { Self.waveNumbers.contains($0.number) } }

    public var inputs: [DataInput] {
        waves.compactMap { download.indresp[$0] } + (lfs?.download.quarters.map(\.input) ?? [])
    }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let started = Date()
        let panel = try UKHLSPanel.load(
            download: download, schema: schema, only: Self.waveNumbers, options: options, progress: messages,
            bytes: { progress.update(consumed: $1, total: $2, item: $0) })
        messages(String(format: "read %d waves in %.1f s", panel.waves.count, Date().timeIntervalSince(started)))
        let quarters = try lfs.map {
            try LFSQuarters.load(download: $0.download, schema: $0.schema, options: options, progress: messages,
            bytes: { progress.update(consumed: $1, total: $2, item: $0) })
        }
        let report = try BriefingReport(
            panel: panel, lfs: quarters, weighted: weighted, syntheticNotice: syntheticNotice, dataRoot: dataRoot,
            settings: settings)
        let written = try addingProvenance(to: report.write(to: out))
        if let framesFolder { try report.writeFrames(to: framesFolder) }
        var t5 = quarters.map { ", T5 with \($0.periods.count) LFS quarters" } ?? ""
        if quarters == nil, let lfsProblem { t5 = ", no T5 (\(lfsProblem))" }
        return PipelineResult(
            summary: "waves \(waves.map(\.letter).joined(separator: ", "))\(t5) → \(out)/",
            outputs: written, terminalText: report.terminalText,
            warnings: (download.waveGap.map { [$0] } ?? []) + report.gaps.map(\.sentence)
                + report.unknownCodes.map(\.sentence))
    }

    /// The LFS quarters for T5: `explicit` (`--lfs`), else LFS files in the UKHLS data at `ukhlsRoot`, else a
    /// folder `lfs` beside it; `nil` when there are none.
    ///
    /// - Throws: `.invalidArgument` when `explicit` holds no LFS quarterly file.
    public static func findLFS(ukhlsRoot: String, explicit: String?) throws -> LFSDownload? {
        if let explicit {
            let download = try LFSDownload(root: explicit)
            guard !download.quarters.isEmpty else {
                throw SurveyError(
                    .invalidArgument, file: "--lfs \(explicit)",
                    reason: "no LFS quarterly files (lfsp_<quarter><yy>_eul…) there")
            }
            return download
        }
        let inside = LFSDownload(listing: try DownloadListing(root: ukhlsRoot))
        if !inside.quarters.isEmpty { return inside }
        let trimmed = ukhlsRoot.hasSuffix("/") ? String(ukhlsRoot.dropLast()) : ukhlsRoot
        let parent = PathNames.folder(of: trimmed)
        let beside = (parent.isEmpty ? "." : parent) + "/lfs"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: beside, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        let found = LFSDownload(listing: try DownloadListing(root: beside))
        return found.quarters.isEmpty ? nil : found
    }
}
