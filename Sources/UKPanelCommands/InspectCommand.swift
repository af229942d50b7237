import ArgumentParser
import SurveyFiles
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

    @OptionGroup var reading: ReadingOptions

    public init() {}

    public func run() throws {
        let input = DataInput.parse(file)
        var options = reading.tableOptions
        options.caseInsensitiveNames = ignoreCase
        let missingCodes = Set(try SchemaLoader.builtin(survey).missingCodes.keys)
        let reader = DelimitedTableReader(input: input, options: options)
        let progress = ProgressLine(label: input.fileName, quiet: reading.quiet)
        reader.onProgress = { progress.update(consumed: $0, total: $1) }
        var names: [String] = []
        var profiles: [ColumnProfile] = []
        let wanted = vars?.split(separator: ",").map { String($0) }
        let summary = try reader.read(project: { header in
            let projection =
                try wanted.map { try header.projection(of: $0, file: input.description) }
                ?? .all(columnCount: header.names.count)
            names = projection.columnIndices.map { header.names[$0] }
            profiles = Array(repeating: ColumnProfile(), count: names.count)
            return projection
        }) { row in
            for slot in 0..<row.count { profiles[slot].observe(row, slot: slot, missingCodes: missingCodes) }
        }
        progress.end()
        var lines = [
            "file: \(input)",
            "rows: \(summary.rows)   columns shown: \(names.count)   inflated size: \(ProgressLine.megabytes(summary.bytes))",
            "",
        ]
        var table = [["name", "type", "values", "empty", "range", "missing codes", "examples"]]
        for (name, profile) in zip(names, profiles) {
            table.append([
                name, profile.kind.name, String(profile.filled), String(profile.blank), profile.rangeSummary,
                profile.missingSummary, profile.examples.joined(separator: ", "),
            ])
        }
        lines += TextTable.render(table)
        print(lines.joined(separator: "\n"))
    }
}

/// Plain text tables with aligned columns.
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
