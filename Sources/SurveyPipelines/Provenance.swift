import Foundation
import SurveyFiles
import SurveyReports

/// The version of ukpanel recorded in provenance files.
public enum ToolVersion {
    /// The release this tree builds.
    public static let current = "0.13.0"
}

/// What made a set of outputs, written beside them as `provenance.json`: the tool and its
/// version, the command, the data folder, whether the data were synthetic, and each input's
/// size and SHA-256 (so a reader can tell which download a table came from).
public struct Provenance: Sendable {
    /// The command line (or the batch job and step) that made the outputs.
    public var command: [String]
    /// The data folder the inputs were found in (`--data`), when there is one.
    public var dataRoot: String?
    /// Whether the input was ukpanel's synthetic data.
    public var synthetic: Bool
    /// How the estimates were made.
    public var settings: EstimationSettings

    public init(command: [String], dataRoot: String?, synthetic: Bool, settings: EstimationSettings = .init()) {
        self.command = command
        self.dataRoot = dataRoot
        self.synthetic = synthetic
        self.settings = settings
    }

    /// The provenance of a run that read `inputs` and wrote `outputs`, as JSON.
    public func json(inputs: [DataInput], outputs: [String]) throws -> [UInt8] {
        var files: [[String: Any]] = []
        for path in inputs.map(\.path).uniqued() {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            files.append([
                "file": ReportFiles.relative(DataInput(path: path), to: dataRoot),
                "bytes": (attributes?[.size] as? NSNumber)?.intValue ?? 0,
                "sha256": try SHA256.file(path),
            ])
        }
        let object: [String: Any] = [
            "tool": "ukpanel",
            "version": ToolVersion.current,
            "command": command,
            "data_root": dataRoot ?? "",
            "synthetic": synthetic,
            "intervals": settings.interval == .logit
                ? "95% logit, t quantile on the design degrees of freedom (as R svyciprop)"
                : "95% logit, normal quantile",
            "small_cell_threshold": settings.minimumCases,
            "created": ISO8601DateFormatter().string(from: Date()),
            "inputs": files,
            "outputs": outputs.map { ($0 as NSString).lastPathComponent },
        ]
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }

    /// Writes `provenance.json` into `folder` (atomically); returns its path.
    public func write(to folder: String, inputs: [DataInput], outputs: [String]) throws -> String {
        let bytes = try json(inputs: inputs, outputs: outputs)
        return try ReportFiles.write([("provenance.json", bytes)], to: folder)[0]
    }
}

/// A pipeline that writes a report into a folder: its estimates follow `settings`, and
/// `provenance.json` goes beside its outputs.
public protocol ReportPipeline: Pipeline {
    /// The folder of the outputs.
    var out: String { get }
    /// The notice for synthetic input, when it is.
    var syntheticNotice: String? { get }
    /// How estimates are made (intervals, the small-cell threshold).
    var settings: EstimationSettings { get set }
    /// The command that runs the pipeline, for `provenance.json`.
    var command: [String] { get set }
    /// The data folder the report names files relative to, when there is one.
    var dataRoot: String? { get }
}

extension ReportPipeline {
    public var dataRoot: String? { nil }

    /// `written` and the `provenance.json` written beside it.
    func addingProvenance(to written: [String]) throws -> [String] {
        let provenance = Provenance(
            command: command, dataRoot: dataRoot, synthetic: syntheticNotice != nil, settings: settings)
        return written + [try provenance.write(to: out, inputs: inputs, outputs: written)]
    }
}
