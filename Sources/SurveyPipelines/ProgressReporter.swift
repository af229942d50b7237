import SurveyFiles

/// Where a pipeline reports how far it has read: the command line draws a line
/// on a terminal; a test or a quiet run passes `SilentProgress`. Files read in parallel
/// report from several threads at once, so a reporter must be safe to call so.
public protocol ProgressReporter: AnyObject, Sendable {
    /// `consumed` of `total` bytes of the file `item` have been read.
    func update(consumed: Int, total: Int?, item: String?)
    /// The work is done: clear whatever was drawn.
    func end()
}

/// Progress that goes nowhere.
public final class SilentProgress: ProgressReporter {
    public init() {}
    public func update(consumed: Int, total: Int?, item: String?) {}
    public func end() {}
}

/// What a whole job will read, so that its progress can say where it stands: how many files and
/// how many bytes (as stored: a gzip file's or a zip member's compressed size).
public struct ProgressPlan: Sendable, Equatable {
    /// The files.
    public var files: Int
    /// Their bytes as stored.
    public var bytes: Int

    public init(files: Int, bytes: Int) {
        self.files = files
        self.bytes = bytes
    }

    /// The plan of reading `inputs` (each file once; a zip member by its compressed size).
    public init(inputs: [DataInput]) {
        var seen = Set<DataInput>()
        var bytes = 0
        for input in inputs where seen.insert(input).inserted { bytes += input.storedSize ?? 0 }
        self.init(files: seen.count, bytes: bytes)
    }
}
