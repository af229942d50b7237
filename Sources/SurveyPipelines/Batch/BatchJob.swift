import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import Yams

/// A batch job file (YAML): the data roots, the tables and exports to make, and
/// the output folder. Relative paths are relative to the job file's folder.
public struct BatchJob: Sendable {
    /// One table or export of the job.
    public enum Work: Equatable, Sendable {
        /// The ESRC briefing (T1-T5).
        case briefing(unweighted: Bool)
        /// LFS home-working by quarter.
        case lfsHomeWorking(unweighted: Bool, quarters: QuarterRange)
        /// LFS quarter-to-quarter transitions.
        case lfsTransitions(unweighted: Bool, linkQuarters: Bool, quarters: QuarterRange)
        /// A user-defined cross-tab, over some UKHLS waves or LFS quarters.
        case crossTab(CrossTabSpec, waves: String, quarters: QuarterRange)
        /// The harmonised UKHLS panel; `design`: `vars` keep the design's columns.
        case exportPanel(file: String, format: PanelExport.Format, waves: String, vars: [String]?, design: Bool)
        /// Consecutive-wave pairs.
        case exportTransitions(file: String, waves: String)
        /// LFS person-quarters.
        case exportLFS(file: String, quarters: QuarterRange, vars: [String]?, design: Bool)
        /// The Anywhere Jobs reproduction: occupations classified from an O*NET release and a crosswalk
        /// (with a rules file, or the built-in rules), or taken from a table `anywhere classify` wrote.
        case anywhereJobs(
            unweighted: Bool, onet: String?, crosswalk: String?, rules: String?, occupations: String?,
            occupations2020: String?)
    }

    /// `from`/`to` quarters as written (`2020Q1`), both optional.
    public struct QuarterRange: Equatable, Sendable {
        var from: String?
        var to: String?
    }

    /// A step: what it does, its name in the summary, where it writes, and its line in the job file.
    public struct Step: Sendable {
        var name: String
        var work: Work
        /// The output, relative to the output folder: a folder for tables, a file for exports.
        var output: String
        var line: Int?
    }

    /// The job file.
    var path: String
    /// The output folder (absolute or relative to the working directory).
    public var output: String
    /// The UKHLS data root, when given.
    var ukhls: String?
    /// The LFS data roots.
    var lfs: [String]
    /// Schema extension files by survey, and `NAME=SOURCE` mappings by survey.
    var schemaFiles: [String: [String]]
    var mappings: [String: [String]]
    /// `estimates:` — the intervals and the small-cell threshold of every table step.
    public var settings = EstimationSettings()
    public var steps: [Step]

    /// `samples/../out/batch` → `out/batch`: `.` and `name/..` folded away.
    static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static let namedTables = ["esrc-2025", "lfs-wfh", "lfs-transitions", "tbi-anywhere-jobs"]

    /// Reads and checks `path`.
    ///
    /// - Throws: `SurveyError` naming the file, the line and what is wrong.
    /// Reads the job file at `path`.
    ///
    /// - Throws: `.invalidJob` naming the file, the line and what is wrong.
    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SurveyError(
                .invalidJob, file: path, line: nil, reason: "cannot read the job file: \(error.localizedDescription)")
        }
        try self.init(yaml: text, path: path)
    }

    /// Parses `yaml`, the text of the job file `path`.
    init(yaml: String, path: String) throws {
        self.path = path
        let reader = JobNodeReader(file: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SurveyError(.invalidJob, file: path, line: nil, reason: "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw SurveyError(
                .invalidJob, file: path, line: nil, reason: "expected a mapping with output:, data:, tables:, exports:")
        }
        try reader.checkKeys(
            top, allowed: ["output", "data", "schema", "estimates", "tables", "exports"], context: "the job")
        let folder = PathNames.folder(of: path)
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") || folder.isEmpty ? p : Self.normalised(folder + "/" + p)
        }
        guard let output = top["output"]?.string, !output.isEmpty else {
            throw SurveyError(
                .invalidJob, file: path, line: reader.line(root),
                reason: "output: is required (the folder for the results)")
        }
        self.output = resolve(output)
        var ukhls: String?
        var lfs: [String] = []
        if let data = top["data"] {
            guard let mapping = data.mapping else {
                throw SurveyError(
                    .invalidJob, file: path, line: reader.line(data), reason: "data: expects ukhls: and/or lfs:")
            }
            try reader.checkKeys(mapping, allowed: ["ukhls", "lfs"], context: "data")
            ukhls = mapping["ukhls"]?.string.map(resolve)
            if let node = mapping["lfs"] { lfs = try reader.strings(node, "data: lfs").map(resolve) }
        }
        self.ukhls = ukhls
        self.lfs = lfs
        var schemaFiles: [String: [String]] = [:]
        var mappings: [String: [String]] = [:]
        if let schema = top["schema"] {
            guard let mapping = schema.mapping else {
                throw SurveyError(
                    .invalidJob, file: path, line: reader.line(schema), reason: "schema: expects ukhls: and/or lfs:")
            }
            try reader.checkKeys(mapping, allowed: ["ukhls", "lfs"], context: "schema")
            for survey in ["ukhls", "lfs"] {
                guard let node = mapping[survey]?.mapping else { continue }
                try reader.checkKeys(node, allowed: ["files", "map"], context: "schema: \(survey)")
                if let files = node["files"] { schemaFiles[survey] = try reader.strings(files, "files").map(resolve) }
                if let maps = node["map"] { mappings[survey] = try reader.strings(maps, "map") }
            }
        }
        self.schemaFiles = schemaFiles
        self.mappings = mappings
        if let node = top["estimates"] { settings = try reader.estimationSettings(node) }
        var steps: [Step] = []
        for node in top["tables"]?.sequence ?? [] {
            var step = try reader.table(node)
            // The Anywhere Jobs step's files, like the data, are relative to the job file.
            if case .anywhereJobs(let unweighted, let onet, let crosswalk, let rules, let occupations, let soc2020) =
                step.work
            {
                step.work = .anywhereJobs(
                    unweighted: unweighted, onet: onet.map(resolve), crosswalk: crosswalk.map(resolve),
                    rules: rules.map(resolve), occupations: occupations.map(resolve), occupations2020: soc2020.map(resolve))
            }
            steps.append(step)
        }
        for node in top["exports"]?.sequence ?? [] { steps.append(try reader.export(node)) }
        if let tables = top["tables"], tables.sequence == nil {
            throw SurveyError(.invalidJob, file: path, line: reader.line(tables), reason: "tables: expects a list")
        }
        if let exports = top["exports"], exports.sequence == nil {
            throw SurveyError(.invalidJob, file: path, line: reader.line(exports), reason: "exports: expects a list")
        }
        guard !steps.isEmpty else {
            throw SurveyError(.invalidJob, file: path, line: nil, reason: "nothing to do: give tables: or exports:")
        }
        var outputs: [String: Step] = [:]
        var stems: [String: Step] = [:]
        for step in steps {
            if let other = outputs[step.output] {
                throw SurveyError(
                    .invalidJob, file: path, line: step.line,
                    reason: "\(step.name) writes \(step.output), as \(other.name) (line \(other.line ?? 0)) does")
            }
            outputs[step.output] = step
            switch step.work {
            case .exportPanel, .exportTransitions, .exportLFS:
                // An export's dictionary and provenance are named after its stem (panel.csv.gz and
                // panel.parquet would both write panel.dictionary.csv).
                let stem = ExportFiles.stem(step.output)
                if let other = stems[stem] {
                    throw SurveyError(
                        .invalidJob, file: path, line: step.line,
                        reason:
                            "\(step.name) writes \(stem).dictionary.csv beside its data, as \(other.name) (line \(other.line ?? 0)) does",
                        hint: "give each export its own name (panel.parquet and panel-csv.csv.gz, say)")
                }
                stems[stem] = step
            default: break
            }
        }
        for step in steps {
            switch step.work {
            case .briefing, .exportPanel, .exportTransitions:
                if ukhls == nil {
                    throw SurveyError(
                        .invalidJob, file: path, line: step.line, reason: "\(step.name) needs data: ukhls:")
                }
            case .lfsHomeWorking, .lfsTransitions, .exportLFS, .anywhereJobs:
                if lfs.isEmpty {
                    throw SurveyError(.invalidJob, file: path, line: step.line, reason: "\(step.name) needs data: lfs:")
                }
            case .crossTab(let spec, _, _):
                if spec.survey == .ukhls && ukhls == nil || spec.survey == .lfs && lfs.isEmpty {
                    throw SurveyError(
                        .invalidJob, file: path, line: step.line,
                        reason: "\(step.name) needs data: \(spec.survey.rawValue):")
                }
            }
        }
        self.steps = steps
    }
}
