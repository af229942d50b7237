import SurveyFiles

/// What a pipeline wrote.
public struct PipelineResult: Sendable {
    /// One line for a log: what was read and where it went.
    public var summary: String
    /// The files written, in order.
    public var outputs: [String]
    /// The tables as text for a terminal (table pipelines).
    public var terminalText: String?
    /// What a careful reader must know though nothing failed (a table left empty, and why),
    /// printed on standard error by every command and by `batch`.
    public var warnings: [String]

    public init(summary: String, outputs: [String], terminalText: String? = nil, warnings: [String] = []) {
        self.summary = summary
        self.outputs = outputs
        self.terminalText = terminalText
        self.warnings = warnings
    }
}

/// One piece of work of ukpanel — a reproduction, a table set, a cross-tab, an
/// export — with the files it reads known before it runs. The commands and
/// `batch` run the same pipelines.
public protocol Pipeline {
    /// The files the pipeline reads (for `batch`'s manifest).
    var inputs: [DataInput] { get }
    /// Runs the work: `progress` follows the reading (the caller ends it), `messages` gets a line per file read
    /// in parallel.
    func run(progress: ProgressReporter, messages: @escaping @Sendable (String) -> Void) throws -> PipelineResult
}
