import Foundation
import SurveyFiles
import Yams

/// The rules of an Anywhere Jobs model: O*NET variables, each with a cut-off on O*NET's 0-100
/// scale. A job above any one cut-off cannot be done from anywhere; a job above none is an
/// Anywhere Job. Read from a YAML file (`rules/anywhere-jobs.yaml` is built in: the Tony Blair
/// Institute's 18 variables, cut-offs unverified), so a user can change the cut-offs or the
/// variables without touching code.
public struct AnywhereRules: Sendable, Equatable {
    /// Which O*NET file a variable is in.
    public enum ONetFile: String, Sendable, CaseIterable {
        /// `Work Activities.txt` (scales IM importance, LV level).
        case workActivities = "work_activities"
        /// `Work Context.txt` (scales CX, CT and their category percentages).
        case workContext = "work_context"

        /// The file's name in the O*NET text release.
        public var fileName: String {
            switch self {
            case .workActivities: return ONetReleaseFiles.workActivities
            case .workContext: return ONetReleaseFiles.workContext
            }
        }
    }

    /// One variable of the model.
    public struct Variable: Sendable, Equatable {
        /// The short name used in outputs (`outdoors`, `guiding`).
        public var key: String
        /// O*NET's Element Name, checked against the data (a different name is a warning).
        public var name: String
        /// The group it belongs to (location, others, leadership).
        public var group: String
        public var file: ONetFile
        /// O*NET's Element ID (`4.C.2.a.1.c`).
        public var element: String
        /// O*NET's Scale ID (`IM`, `CX`).
        public var scale: String
        /// Above this score (0-100) a job cannot be done from anywhere.
        public var cutoff: Double
        /// How sure the element id is (confirmed, likely, unverified).
        public var confidence: String
    }

    /// What the model is (for the outputs).
    public var model: String
    /// How sure the cut-offs are.
    public var cutoffsConfidence: String
    /// The variables, in the file's order.
    public var variables: [Variable]
    /// Where the rules came from (a file, or the built-in name).
    public var origin: String

    /// The built-in rules (`rules/anywhere-jobs.yaml`).
    public static func builtin() throws(SurveyError) -> AnywhereRules {
        try parse(yaml: BuiltinRules.anywhereJobs, origin: "built-in rules/anywhere-jobs.yaml")
    }

    /// The rules in the YAML file at `path`.
    ///
    /// - Throws: `.cannotOpen` when it cannot be read; `.invalidSpec` naming the line and variable when
    ///   it is not a valid rules file.
    public static func load(path: String) throws(SurveyError) -> AnywhereRules {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SurveyError(
                .cannotOpen, file: path, reason: "cannot read the rules file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, origin: path)
    }

    /// Parses rules from `yaml`; errors name `origin`.
    public static func parse(yaml: String, origin: String) throws(SurveyError) -> AnywhereRules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SurveyError(.invalidSpec, file: origin, reason: "not valid YAML: \(error)")
        }
        guard let top = root?.mapping else {
            throw SurveyError(.invalidSpec, file: origin, reason: "a rules file is a YAML mapping (model:, variables:)")
        }
        let reader = NodeReader(origin: origin)
        func checkKeys(_ mapping: Node.Mapping, _ allowed: Set<String>, variable: String?) throws(SurveyError) {
            for (key, _) in mapping where !allowed.contains(key.string ?? "") {
                throw SurveyError(
                    .invalidSpec, file: origin, line: reader.line(key), variable: variable,
                    reason: "unknown key '\(key.string ?? "?")' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
        try checkKeys(top, ["model", "cutoffs_confidence", "variables"], variable: nil)
        guard let list = top["variables"]?.mapping, !list.isEmpty else {
            throw SurveyError(
                .invalidSpec, file: origin, line: reader.line(top["variables"] ?? root),
                reason: "`variables:` must map each variable's short name to its element, scale and cut-off")
        }
        var variables: [Variable] = []
        var seen: [String: String] = [:]
        for (keyNode, node) in list {
            let key = keyNode.string ?? ""
            guard let fields = node.mapping else {
                throw SurveyError(
                    .invalidSpec, file: origin, line: reader.line(node), variable: key,
                    reason: "expected a mapping (name:, file:, element:, scale:, cutoff:)")
            }
            try checkKeys(fields, ["name", "group", "file", "element", "scale", "cutoff", "confidence"], variable: key)
            func text(_ field: String) throws(SurveyError) -> String {
                guard let value = fields[field]?.string, !value.isEmpty else {
                    throw SurveyError(
                        .invalidSpec, file: origin, line: reader.line(node), variable: key,
                        reason: "needs `\(field):`")
                }
                return value
            }
            let fileText = try text("file")
            guard let file = ONetFile(rawValue: fileText) else {
                throw SurveyError(
                    .invalidSpec, file: origin, line: reader.line(fields["file"]), variable: key,
                    reason: "file '\(fileText)' is not one of \(ONetFile.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let cutoffText = try text("cutoff")
            guard let cutoff = Double(cutoffText), cutoff.isFinite, (0...100).contains(cutoff) else {
                throw SurveyError(
                    .invalidSpec, file: origin, line: reader.line(fields["cutoff"]), variable: key,
                    reason: "cutoff '\(cutoffText)' is not a number from 0 to 100 (O*NET's standardised scale)")
            }
            let element = try text("element")
            let scale = try text("scale")
            if let other = seen[element + "/" + scale] {
                throw SurveyError(
                    .invalidSpec, file: origin, line: reader.line(fields["element"]), variable: key,
                    reason: "element \(element) on scale \(scale) is already variable '\(other)'")
            }
            seen[element + "/" + scale] = key
            variables.append(
                Variable(
                    key: key, name: try text("name"), group: fields["group"]?.string ?? "", file: file,
                    element: element, scale: scale, cutoff: cutoff,
                    confidence: fields["confidence"]?.string ?? "unverified"))
        }
        return AnywhereRules(
            model: top["model"]?.string ?? "Anywhere Jobs", cutoffsConfidence: top["cutoffs_confidence"]?.string ?? "",
            variables: variables, origin: origin)
    }
}
