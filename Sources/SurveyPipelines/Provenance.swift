import Foundation
import SurveyFiles
import SurveyReports

/// The version of ukpanel recorded in provenance files.
public enum ToolVersion {
    /// The release this tree builds.
    public static let current = "0.15.0"
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
    /// How the estimates were made; `nil` for an export, which makes none.
    public var settings: EstimationSettings?

    public init(command: [String], dataRoot: String?, synthetic: Bool, settings: EstimationSettings? = .init()) {
        self.command = command
        self.dataRoot = dataRoot
        self.synthetic = synthetic
        self.settings = settings
    }

    /// The provenance of a run that read `inputs` and wrote `outputs`, as JSON.
    public func json(inputs: [DataInput], outputs: [String]) throws -> [UInt8] {
        // The files' checksums: those taken as they were read, the rest on both cores.
        let paths = inputs.map(\.path).uniqued()
        let digests = ParallelResults<String>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            digests.set(k) { try ReadDigests.digest(of: paths[k]) }
        }
        var files: [[String: Any]] = []
        for (path, digest) in zip(paths, try digests.values()) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            files.append([
                "file": ReportFiles.relative(DataInput(path: path), to: dataRoot),
                "bytes": (attributes?[.size] as? NSNumber)?.intValue ?? 0,
                "sha256": digest,
            ])
        }
        var object: [String: Any] = [
            "tool": "ukpanel",
            "version": ToolVersion.current,
            "command": command,
            "data_root": dataRoot ?? "",
            "synthetic": synthetic,
            "created": ISO8601DateFormatter().string(from: Date()),
            "inputs": files,
            "outputs": outputs.map { PathNames.lastComponent(of: $0) },
        ]
        if let settings {
            object["intervals"] =
                settings.interval == .logit
                ? "95% logit, t quantile on the design degrees of freedom (as R svyciprop)"
                : "95% logit, normal quantile"
            object["small_cell_threshold"] = settings.minimumCases
        }
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }

    /// Writes `name` (by default `provenance.json`) into `folder` (atomically); returns its path.
    public func write(
        to folder: String, name: String = "provenance.json", inputs: [DataInput], outputs: [String]
    ) throws -> String {
        let bytes = try json(inputs: inputs, outputs: outputs)
        return try ReportFiles.write([(name, bytes)], to: folder)[0]
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

/// A pipeline that writes one export file (and its dictionary): `NAME.provenance.json` goes beside them.
public protocol ExportPipeline: Pipeline {
    /// The export file.
    var out: String { get }
    /// The notice for synthetic input, when it is.
    var syntheticNotice: String? { get }
    /// The command that runs the pipeline, for the provenance file.
    var command: [String] { get set }
    /// The data folder the provenance names inputs relative to, when there is one.
    var dataRoot: String? { get set }
}

extension ExportPipeline {
    /// `written` and the provenance file written beside the export.
    func addingProvenance(to written: [String]) throws -> [String] {
        if out == "-" { return written }
        let provenance = Provenance(
            command: command, dataRoot: dataRoot, synthetic: syntheticNotice != nil, settings: nil)
        let path = ExportFiles.provenancePath(out)
        _ = try provenance.write(
            to: PathNames.folder(of: path), name: PathNames.lastComponent(of: path), inputs: inputs, outputs: written)
        return written + [path]
    }
}
