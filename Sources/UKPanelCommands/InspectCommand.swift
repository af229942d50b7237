import ArgumentParser
import SurveyFiles
import SurveyReports
import SurveySchema

/// `ukpanel inspect`: what is in a file, in one streaming pass.
public struct InspectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract:
            "List a file's variables: inferred type, missing-code counts, range and a few values; and its row count.",
        discussion: """
            FILE is a .tab, a .tab.gz, or ARCHIVE.zip//member. Missing codes are the schema's
            (UKHLS: -1 don't know, -2 refused, -7 proxy, -8 inapplicable, -9 missing, -10, -11, -20, -21),
            counted apart from the values.
            """)

    @Argument(help: "The file to read.")
    var file: String

    @Option(name: .long, help: "Only these comma-separated variables.")
    var vars: String?

    @Flag(name: .long, help: "Match variable names without regard to case.")
    var ignoreCase = false

    @Option(name: .long, help: "The schema whose missing codes are counted (ukhls).")
    var survey = "ukhls"

    @Flag(name: .long, help: "Print JSON (the file, its rows and each column's profile) instead of a table.")
    var json = false

    @OptionGroup var reading: ReadingOptions

    public init() {}

    public func run() throws {
        let input = DataInput.parse(file)
        var options = reading.tableOptions
        options.caseInsensitiveNames = ignoreCase
        let missingCodes = Set(try SchemaLoader.builtin(survey).missingCodes.keys)
        let progress = ProgressLine(label: input.fileName, quiet: reading.quiet)
        let profile = try TableProfile(
            input: input, variables: vars?.split(separator: ",").map { String($0) }, missingCodes: missingCodes,
            options: options, onProgress: { progress.update(consumed: $0, total: $1, item: nil) })
        progress.end()
        let header = profile.header
        let summary = profile.summary
        if json { return try JSONOutput.print(Self.json(profile, input: input)) }
        var lines = [
            "file: \(input)" + (header.format == "tab" ? "" : "   format: \(header.format)"),
            "rows: \(summary.rows)   columns shown: \(profile.columns.count)   inflated size: \(ProgressLine.megabytes(summary.bytes))",
            "",
        ]
        // Labels, when the format carries them (tab files do not).
        let labelled = profile.columns.contains {
            header.columns[$0].label != nil || header.columns[$0].valueLabelSet != nil
        }
        var table = [
            ["name", "type", "values", "empty", "range", "missing codes", "examples"]
                + (labelled ? ["label", "value labels"] : [])
        ]
        for (column, p) in zip(profile.columns, profile.profiles) {
            var line = [
                header.columns[column].name, p.kind.name, String(p.filled), String(p.blank), p.rangeSummary,
                p.missingSummary, p.examples.joined(separator: ", "),
            ]
            if labelled {
                line.append(header.columns[column].label ?? "")
                line.append(ProfileText.valueLabels(header, column: column))
            }
            table.append(line)
        }
        lines.append(TextTable.plain(table, alignment: .left))
        print(lines.joined(separator: "\n"))
    }
}

extension InspectCommand {
    /// `--json`: `{"file", "format", "rows", "bytes", "columns": [{"name", "type", "values", "empty",
    /// "min", "max", "missing_codes": {"-9": n}, "examples", "label", "value_labels": {"1": …}}]}`.
    static func json(_ profile: TableProfile, input: DataInput) -> [String: Any] {
        let header = profile.header
        let columns: [[String: Any]] = zip(profile.columns, profile.profiles).map { column, p in
            var labels: [String: String] = [:]
            if let values = header.valueLabels(ofColumn: column) {
                for (value, label) in values { labels[ProfileText.number(value)] = label }
            } else if let set = header.columns[column].valueLabelSet, let text = header.textValueLabels[set] {
                labels = text
            }
            return [
                "name": header.columns[column].name, "type": p.kind.name, "values": p.filled, "empty": p.blank,
                "min": JSONOutput.optional(p.range.map { JSONOutput.number($0.lowerBound) }),
                "max": JSONOutput.optional(p.range.map { JSONOutput.number($0.upperBound) }),
                "missing_codes": Dictionary(uniqueKeysWithValues: p.missingCodeCounts.map { (String($0.key), $0.value) }),
                "examples": p.examples, "label": JSONOutput.optional(header.columns[column].label),
                "value_labels": labels,
            ]
        }
        return [
            "file": input.description, "format": header.format, "rows": profile.summary.rows,
            "bytes": profile.summary.bytes, "columns": columns,
        ]
    }
}

/// Numbers as `inspect` prints them.
enum ProfileText {
    static func number(_ v: Double) -> String { v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// A column's value labels (numeric or text), the first eight and a count of the rest.
    static func valueLabels(_ header: TableHeader, column: Int, shown: Int = 8) -> String {
        var pairs: [String] = []
        if let labels = header.valueLabels(ofColumn: column) {
            pairs = labels.keys.sorted().map { "\(number($0))=\(labels[$0] ?? "")" }
        } else if let set = header.columns[column].valueLabelSet, let labels = header.textValueLabels[set] {
            pairs = labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }
        }
        let more = pairs.count > shown ? "; … (\(pairs.count - shown) more)" : ""
        return pairs.prefix(shown).joined(separator: "; ") + more
    }
}
