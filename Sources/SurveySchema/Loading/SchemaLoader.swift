import Foundation
import SurveyFiles
import Yams

/// Reads schema YAML: the built-in `schemas/NAME.yaml`, or a user's file that
/// extends one (`extends: ukhls`) by adding variables or changing any field of
/// an existing one.
public enum SchemaLoader {
    /// The built-in schema `name` (`ukhls`).
    ///
    /// - Throws: `SurveyError` when there is no such schema.
    public static func builtin(_ name: String) throws(SurveyError) -> Schema {
        guard let text = BuiltinSchemas.yaml[name] else {
            throw SurveyError(
                .invalidSchema, file: "schemas",
                reason:
                    "no built-in schema '\(name)' (have: \(BuiltinSchemas.yaml.keys.sorted().joined(separator: ", ")))")
        }
        return try load(yaml: text, origin: "schemas/\(name).yaml", base: nil)
    }

    /// The YAML text of the built-in schema `name`, when there is one.
    public static func builtinText(_ name: String) -> String? { BuiltinSchemas.yaml[name] }

    /// Loads the built-in schema `name`, then the user's schema files in order.
    public static func load(builtin name: String, extendedBy files: [String]) throws -> Schema {
        var schema = try builtin(name)
        for path in files {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw SurveyError(
                    .invalidSchema, file: path, reason: "cannot read the schema file: \(error.localizedDescription)")
            }
            schema = try load(yaml: text, origin: path, base: schema)
        }
        return schema
    }

    /// Parses `yaml`; with a `base`, the text extends it.
    ///
    /// - Throws: `SurveyError` naming `origin`, the line and the variable.
    public static func load(yaml: String, origin: String, base: Schema?) throws(SurveyError) -> Schema {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SurveyError(.invalidSchema, file: origin, reason: "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw SurveyError(
                .invalidSchema, file: origin, reason: "a schema is a YAML mapping (survey:, variables:, …)")
        }
        let reader = NodeReader(origin: origin)
        try reader.checkKeys(
            top,
            allowed: [
                "survey", "title", "waves", "files", "design", "indicators", "missing", "codesets", "variables",
                "extends",
            ],
            variable: nil)
        var schema: Schema
        if let base {
            if let extends = top["extends"]?.string, extends != base.survey {
                throw SurveyError(
                    .invalidSchema, file: origin, line: reader.line(top["extends"]),
                    reason: "extends '\(extends)' but is applied to '\(base.survey)'")
            }
            schema = base
        } else {
            guard let survey = top["survey"]?.string else {
                throw SurveyError(.invalidSchema, file: origin, reason: "a schema needs `survey:` (its short name)")
            }
            schema = Schema(
                survey: survey, title: survey, waves: WaveRange(from: 1, to: nil), files: [:], missingCodes: [:],
                variables: [], origins: [], design: SampleDesign(persons: ""))
        }
        schema.origins.append(origin)
        if let title = top["title"]?.string { schema.title = title }
        if let waves = top["waves"] {
            guard let text = waves.string, let range = WaveRange(text) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: reader.line(waves),
                    reason: "waves: '\(waves.string ?? "")' is not a wave range")
            }
            schema.waves = range
        }
        if let files = top["files"]?.mapping {
            for (key, value) in files {
                guard let role = key.string, let stem = value.string else { continue }
                schema.files[role] = stem
            }
        }
        if let missing = top["missing"] {
            for (code, reasonName) in try reader.intKeyed(missing, variable: nil) {
                guard let reason = MissingReason(rawValue: reasonName) else {
                    throw SurveyError(
                        .invalidSchema, file: origin, line: reader.line(missing),
                        reason:
                            "missing code \(code): unknown reason '\(reasonName)' (known: \(MissingReason.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                schema.missingCodes[code] = reason
            }
        }
        if let design = top["design"] {
            schema.design = try reader.design(design, existing: base?.design)
        }
        var codesets: [String: [Int: String]] = [:]
        if let sets = top["codesets"]?.mapping {
            for (key, value) in sets {
                guard let name = key.string else { continue }
                codesets[name] = try reader.intKeyed(value, variable: nil)
            }
        }
        if let variables = top["variables"] {
            guard let mapping = variables.mapping else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: reader.line(variables),
                    reason: "variables: must be a mapping of names")
            }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let variable = try reader.variable(
                    name: name, node: value, existing: schema.variable(name), codesets: codesets)
                schema.upsert(variable)
            }
        }
        if let indicators = top["indicators"] {
            guard let mapping = indicators.mapping else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: reader.line(indicators),
                    reason: "indicators: must be a mapping of names")
            }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let existing = schema.indicators.first { $0.name == name }
                schema.upsert(try reader.indicator(name: name, node: value, existing: existing))
            }
        }
        if base == nil && schema.design.persons.isEmpty {
            throw SurveyError(
                .invalidSchema, file: origin, variable: "design",
                reason: "a schema needs `design: persons:` (the file role of person records)")
        }
        if base == nil && schema.variables.isEmpty {
            throw SurveyError(.invalidSchema, file: origin, reason: "the schema defines no variables")
        }
        for variable in schema.variables {
            for step in variable.derive where schema.variable(step.from) == nil {
                throw SurveyError(
                    .invalidSchema, file: origin, variable: variable.name,
                    reason: "derives from '\(step.from)', which the schema does not define")
            }
        }
        try schema.checkDeclarations(origin: origin)
        return schema
    }
}
