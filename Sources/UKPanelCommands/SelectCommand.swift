import ArgumentParser
import SurveyFiles

/// `ukpanel select`: cut a wide file down to the named columns, as CSV.
public struct SelectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Write the named columns of a survey file as CSV, streaming.",
        discussion: """
            FILE is a .tab file, a .tab.gz, or a member of a zip archive written as
            ARCHIVE.zip//path/inside (for example UKDA-6614-tab.zip//UKDA-6614-tab/tab/ukhls/h_indresp.tab).
            Columns are found by name; values are copied exactly as they are in the file.
            """)

    @Argument(help: "The file to read.")
    var file: String

    @Option(name: .long, help: "Comma-separated variable names, in the order wanted.")
    var vars: String

    @Option(name: .long, help: "Write here instead of standard output (a .gz name is compressed).")
    var out: String?

    @Flag(name: .long, help: "Match variable names without regard to case (LFS files mix cases).")
    var ignoreCase = false

    @OptionGroup var reading: ReadingOptions

    public init() {}

    public mutating func validate() throws {
        if variableList.isEmpty { throw ValidationError("--vars names no variables") }
    }

    var variableList: [String] {
        vars.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public func run() throws {
        let input = DataInput.parse(file)
        var options = reading.tableOptions
        options.caseInsensitiveNames = ignoreCase
        let progress = ProgressLine(label: input.fileName, quiet: reading.quiet)
        let output = try OutputTarget(path: out)
        do {
            try TableSelection.write(
                input: input, variables: variableList, to: CSVWriter(sink: output.sink), options: options,
                onProgress: { progress.update(consumed: $0, total: $1, item: nil) })
            try output.commit()
            progress.end()
        } catch {
            progress.end()
            output.abandon()
            throw error
        }
    }
}
