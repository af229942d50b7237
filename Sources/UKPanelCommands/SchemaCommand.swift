import ArgumentParser
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema

/// `ukpanel schema`: show the schema, and check a download against it.
public struct SchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Show the harmonised variables, or check a download against them.",
        subcommands: [SchemaCheckCommand.self, SchemaShowCommand.self])

    public init() {}
}

/// `ukpanel schema check`.
struct SchemaCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Is every schema variable present in every wave found? Exit status 1 when a required one is missing.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var schemaOptions: SchemaOptions

    @Flag(name: .long, help: "Print JSON (each variable's finding in each wave, the failures) instead of a table.")
    var json = false

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let root = try dataOptions.root()
        let download = try UKHLSDownload(root: root)
        let check = try SchemaCheck(schema: schema, download: download)
        let report = SchemaCheckReport(check: check, schema: schema, root: root)
        if json { try JSONOutput.print(report.json) } else { print(report.text) }
        if !check.passed { throw ExitCode(1) }
    }
}

/// `ukpanel schema show`.
struct SchemaShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "List the harmonised variables and their source names per wave.")

    @OptionGroup var schemaOptions: SchemaOptions

    @Option(name: .long, help: "Waves to show (h-n, 8-14, 8,10).")
    var waves = "8-14"

    @Flag(name: .long, help: "Print JSON (each variable's label, type, codes and source name per wave) instead of a table.")
    var json = false

    func run() throws {
        let schema = try schemaOptions.load("ukhls")
        let list = try Wave.parseList(waves)
        if json { return try JSONOutput.print(Self.json(schema, waves: list)) }
        var table = [["variable", "type", "required", "confidence"] + list.map(\.letter)]
        for v in schema.variables {
            table.append(
                [v.name, v.type.rawValue, v.required ? "yes" : "", v.confidence.rawValue]
                    + list.map { v.sourceName(in: $0) ?? "–" })
        }
        print("\(schema.title)\nschema: \(schema.origins.joined(separator: " + "))\n")
        print(TextTable.plain(table, alignment: .left))
    }
}

extension SchemaShowCommand {
    /// `--json`: `{"title", "schema", "waves", "design", "variables": [{"name", "label", "type", "required",
    /// "confidence", "codes": {"1": …}, "sources": {"h": "h_jbstat", …}, "note"}]}`.
    static func json(_ schema: Schema, waves: [Wave]) -> [String: Any] {
        let variables: [[String: Any]] = schema.variables.map { v in
            var sources: [String: Any] = [:]
            for w in waves { sources[w.letter] = JSONOutput.optional(v.sourceName(in: w)) }
            return [
                "name": v.name, "label": v.label, "type": v.type.rawValue, "required": v.required,
                "confidence": v.confidence.rawValue, "file": v.file,
                "codes": Dictionary(uniqueKeysWithValues: v.codes.map { (String($0.key), $0.value) }),
                "sources": sources, "derived": v.isDerived, "note": JSONOutput.optional(v.note),
            ]
        }
        let design = schema.design
        return [
            "title": schema.title, "schema": schema.origins, "waves": waves.map(\.letter), "variables": variables,
            "design": [
                "persons": design.persons, "id": design.id, "weight": JSONOutput.optional(design.weight),
                "strata": JSONOutput.optional(design.strata), "psu": JSONOutput.optional(design.psu),
                "weights": design.weightUses.map { ["name": $0.name, "use": $0.use] },
            ] as [String: Any],
        ]
    }
}

/// The text of a schema check.
struct SchemaCheckReport {
    let check: SchemaCheck
    let schema: Schema
    let root: String

    var text: String {
        var lines = ["schema: \(schema.origins.joined(separator: " + "))", "data: \(root)"]
        for wave in check.waves {
            if let file = check.files[wave] { lines.append("  \(wave): \(file)") }
        }
        lines += check.notes.map { "note: \($0)" }
        lines.append("")
        var table = [["variable", "required", "confidence"] + check.waves.map(\.letter)]
        for row in check.rows {
            table.append(
                [row.variable.name, row.variable.required ? "yes" : "", row.variable.confidence.rawValue]
                    + row.findings.map { finding in
                        switch finding {
                        case .present: return "ok"
                        case .absent: return row.variable.required ? "MISSING" : "absent"
                        case .notInWave: return "–"
                        }
                    })
        }
        lines.append(TextTable.plain(table, alignment: .left))
        lines.append("")
        lines.append(
            "ok: present; MISSING: required and absent; absent: optional and absent; –: not in this wave by the schema")
        var absentOptional: [String] = []
        for row in check.rows where !row.variable.required {
            for (wave, finding) in zip(check.waves, row.findings) {
                if case .absent(let source, let closest) = finding {
                    absentOptional.append("  \(row.variable.name) in \(wave): no \(source)" + Self.closest(closest))
                }
            }
        }
        if !absentOptional.isEmpty {
            lines.append("")
            lines.append("optional variables absent (decoded as missing 'not_in_file'):")
            lines += absentOptional
        }
        let unconfirmed = check.rows.filter { $0.variable.confidence != .confirmed }
        if !unconfirmed.isEmpty {
            lines.append("")
            lines.append("settings not confirmed (check them against your files; change with --map NAME=SOURCE):")
            for row in unconfirmed {
                lines.append(
                    "  \(row.variable.name): source \(row.variable.source) (\(row.variable.confidence.rawValue))"
                        + (row.variable.note.map { ". \($0)" } ?? ""))
            }
        }
        lines.append("")
        let failures = check.failures
        if failures.isEmpty {
            lines.append("PASSED: every required variable is present in every wave found (\(check.waves.count) waves).")
        } else {
            lines.append("FAILED: \(failures.count) required variable(s) missing:")
            for f in failures {
                lines.append(
                    "  \(f.variable.name) in \(f.wave): no \(f.source)" + Self.closest(f.closest)
                        + "; map it with --map \(f.variable.name)@\(f.wave.letter)=NAME")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `--json`: `{"schema", "data", "files": {"n": …}, "variables": [{"name", "required", "confidence",
    /// "findings": {"n": {"status": "present" | "absent" | "not_in_wave", "source", "closest"}}}], "notes",
    /// "passed", "failures": [{"variable", "wave", "source", "closest"}]}`.
    var json: [String: Any] {
        var files: [String: String] = [:]
        for wave in check.waves { if let file = check.files[wave] { files[wave.letter] = file.description } }
        let variables: [[String: Any]] = check.rows.map { row in
            var findings: [String: Any] = [:]
            for (wave, finding) in zip(check.waves, row.findings) {
                switch finding {
                case .present(let source): findings[wave.letter] = ["status": "present", "source": source]
                case .absent(let source, let closest):
                    findings[wave.letter] = ["status": "absent", "source": source, "closest": closest]
                case .notInWave: findings[wave.letter] = ["status": "not_in_wave"]
                }
            }
            return [
                "name": row.variable.name, "required": row.variable.required,
                "confidence": row.variable.confidence.rawValue, "findings": findings,
            ]
        }
        return [
            "schema": schema.origins, "data": root, "files": files, "variables": variables, "notes": check.notes,
            "passed": check.passed,
            "failures": check.failures.map {
                ["variable": $0.variable.name, "wave": $0.wave.letter, "source": $0.source, "closest": $0.closest]
                    as [String: Any]
            },
        ]
    }

    static func closest(_ names: [String]) -> String {
        names.isEmpty ? "" : " (closest present: \(names.joined(separator: ", ")))"
    }
}
