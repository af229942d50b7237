import ArgumentParser
import SurveyFiles
import SurveySynth

/// `ukpanel dev wide-table`: a large, wide tab file of UKHLS-like values, for benchmarks.
struct WideTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wide-table",
        abstract: "Write a wide tab-delimited file of UKHLS-like values (gzip if the name ends in .gz), for benchmarks."
    )

    @Option(help: "Data rows.") var rows = 90_000
    @Option(help: "Columns (the first is pidp).") var columns = 1_600
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "The file to write.") var out: String

    func run() throws {
        let output = try OutputTarget(path: out)
        var writer = WideTableWriter(columns: columns, seed: seed)
        do {
            try writer.write(rows: rows, to: output.sink)
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }
}

/// Developer tools: data for benchmarks.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Developer tools (benchmark data).", shouldDisplay: false,
        subcommands: [WideTableCommand.self, ConvertCommand.self])
}
