import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// The harmonised UKHLS panel as a tidy table (CSV, Parquet or Stata, by `out`'s extension), long or
/// wide, with its dictionary (`ukpanel export panel` and `batch`'s panel exports).
public struct PanelExportPipeline: ExportPipeline {
    public var download: UKHLSDownload
    public var waves: [Wave]
    public var export: PanelExport
    /// Said in the dictionary when the input is ukpanel's synthetic data.
    public var syntheticNotice: String?
    public var out: String
    public var options: ReadOptions
    public var command: [String] = []
    public var dataRoot: String?

    public init(download: UKHLSDownload, waves: [Wave], export: PanelExport, out: String, options: ReadOptions) {
        self.download = download
        self.waves = waves
        self.export = export
        self.out = out
        self.options = options
    }

    public var inputs: [DataInput] { waves.compactMap { download.indresp[$0] } }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let stream = PersonFileStream.ukhls(download: download, waves: waves, schema: export.schema, options: options)
        let labels = try FileLabels(inputs: stream.files.map(\.input), options: options)
        let waves = stream.files.compactMap(\.wave)
        let columns = export.exportColumns(waves: waves, fileLabels: labels)
        let columnCount = try ExportFiles.columns(columns, writtenTo: out).count
        let (s, paths) = try ExportFiles.write(
            out: out, columns: columns,
            notes: DesignNotes.notes(
                export.schema, present: export.variables.map(\.name), column: { export.format == .wide ? $0 + "_wN" : $0 },
                perWave: export.format == .wide),
            notice: syntheticNotice, title: "UKHLS panel (\(export.format.rawValue)), waves \(waves.map(\.letter).joined(separator: " "))"
        ) { writer in
            try export.write(stream, to: writer) { wave, done, total in
                progress.update(consumed: done, total: total, item: "wave \(wave.letter)")
            }
        }
        let perWave = waves.map { "\($0.letter) \(s.rowsByWave[$0.number] ?? 0)" }.joined(separator: ", ")
        let unit = export.format == .long ? "person-waves" : "people"
        return PipelineResult(
            summary: "\(s.rows) \(unit) (\(perWave)), \(columnCount) columns", outputs: try addingProvenance(to: paths),
            warnings: (download.waveGap.map { [$0] } ?? []) + stream.unknownCodes.all.map(\.sentence))
    }
}

/// Consecutive-wave pairs as a tidy table (`ukpanel export transitions` and `batch`).
public struct TransitionsExportPipeline: ExportPipeline {
    public var download: UKHLSDownload
    public var waves: [Wave]
    public var schema: Schema
    /// Said in the dictionary when the input is ukpanel's synthetic data.
    public var syntheticNotice: String?
    public var out: String
    public var options: ReadOptions
    public var command: [String] = []
    public var dataRoot: String?

    public init(download: UKHLSDownload, waves: [Wave], schema: Schema, out: String, options: ReadOptions) {
        self.download = download
        self.waves = waves
        self.schema = schema
        self.out = out
        self.options = options
    }

    public var inputs: [DataInput] { waves.compactMap { download.indresp[$0] } }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let export = try TransitionsExport(schema: schema)
        let pairs = ConsecutiveWavePairs(download: download, waves: waves, schema: schema, options: options)
        let columns = export.exportColumns()
        let columnCount = try ExportFiles.columns(columns, writtenTo: out).count
        let (s, paths) = try ExportFiles.write(
            out: out, columns: columns, notes: DesignNotes.notes(
                schema, present: ["weight_xs", "weight_lw", "strata", "psu"], column: { $0 + "_to" }), notice: syntheticNotice,
            title: "UKHLS consecutive-wave pairs"
        ) { writer in
            try export.write(pairs, to: writer) { wave, done, total in
                progress.update(consumed: done, total: total, item: "wave \(wave.letter)")
            }
        }
        let counts = s.rowsByWave.keys.sorted().compactMap { w -> String? in
            guard let from = Wave(number: w - 1), let to = Wave(number: w) else { return nil }
            return "\(from.letter)-\(to.letter) \(s.rowsByWave[w] ?? 0)"
        }
        return PipelineResult(
            summary: "\(s.rows) wave pairs (\(counts.joined(separator: ", "))), \(columnCount) columns",
            outputs: try addingProvenance(to: paths),
            warnings: (download.waveGap.map { [$0] } ?? []) + pairs.unknownCodes.all.map(\.sentence))
    }
}

/// LFS person-quarters as a tidy table (`ukpanel export lfs` and `batch`).
public struct LFSExportPipeline: ExportPipeline {
    public var files: [LFSDownload.QuarterFile]
    public var export: LFSExport
    /// Said in the dictionary when the input is ukpanel's synthetic data.
    public var syntheticNotice: String?
    public var out: String
    public var options: ReadOptions
    public var command: [String] = []
    public var dataRoot: String?

    public init(files: [LFSDownload.QuarterFile], export: LFSExport, out: String, options: ReadOptions) {
        self.files = files
        self.export = export
        self.out = out
        self.options = options
    }

    public var inputs: [DataInput] { files.map(\.input) }

    public func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws
        -> PipelineResult
    {
        let stream = PersonFileStream.lfs(files: files, schema: export.schema, options: options)
        var caseless = options
        caseless.caseInsensitiveNames = true
        let labels = try FileLabels(inputs: files.map(\.input), options: caseless)
        let columns = export.exportColumns(fileLabels: labels)
        let columnCount = try ExportFiles.columns(columns, writtenTo: out).count
        let (s, paths) = try ExportFiles.write(
            out: out, columns: columns, notes: DesignNotes.notes(export.schema, present: export.columns.variables.map(\.name)),
            notice: syntheticNotice, title: "LFS person-quarters"
        ) { writer in
            try export.write(stream, to: writer) { period, done, total in
                progress.update(consumed: done, total: total, item: period.description)
            }
        }
        let first = s.rowsByPeriod.keys.min().map(\.description) ?? "-"
        let last = s.rowsByPeriod.keys.max().map(\.description) ?? "-"
        return PipelineResult(
            summary:
                "\(s.rows) person-quarters from \(s.rowsByPeriod.count) quarters (\(first) to \(last)), \(columnCount) columns",
            outputs: try addingProvenance(to: paths), warnings: stream.unknownCodes.all.map(\.sentence))
    }
}
