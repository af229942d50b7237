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

/// Writes the wide table: column kinds cycle through small codes with missing
/// codes, identifiers, decimals (weights, distances) and short strings.
struct WideTableWriter {
    let columns: Int
    var random: SplitMix64

    init(columns: Int, seed: UInt64) {
        self.columns = columns
        self.random = SplitMix64(seed: seed)
    }

    mutating func write(rows: Int, to sink: ByteSink) throws {
        var line: [UInt8] = []
        line.reserveCapacity(columns * 8)
        var names = ["pidp"]
        for c in 1..<columns { names.append("h_var\(c)" + (c % 7 == 0 ? "_dv" : "")) }
        try sink.write(names.joined(separator: "\t") + "\n")
        let missing: [Int] = [-1, -2, -7, -8, -8, -8, -9]
        for r in 0..<rows {
            line.removeAll(keepingCapacity: true)
            appendInt(68_000_000 + r * 4 + 1, to: &line)
            for c in 1..<columns {
                line.append(0x09)
                let draw = random.next()
                switch c % 50 {
                case 0:
                    // A weight: a decimal with 6 places (zero for people outside the sample).
                    if draw % 9 == 0 {
                        line.append(0x30)
                    } else {
                        appendInt(Int(draw % 3), to: &line)
                        line.append(0x2E)
                        appendPadded(Int((draw >> 20) % 1_000_000), width: 6, to: &line)
                    }
                case 1:
                    appendInt(Int(draw % 100_000_000) + 1_000_000_000, to: &line)  // an identifier
                case 49:
                    if draw % 5 == 0 { line.append(contentsOf: Array("text \(draw % 97)".utf8)) }
                default:
                    // Most questions are routed past most people: inapplicable (-8) dominates.
                    let kind = draw % 16
                    if kind < 9 {
                        line.append(contentsOf: [0x2D, 0x38])
                    } else if kind == 9 {
                        appendInt(missing[Int((draw >> 8) % UInt64(missing.count))], to: &line)
                    } else {
                        appendInt(Int((draw >> 8) % UInt64(2 + c % 12)) + 1, to: &line)
                    }
                }
            }
            line.append(0x0A)
            try sink.write(line)
        }
    }

    private func appendInt(_ value: Int, to line: inout [UInt8]) {
        line.append(contentsOf: String(value).utf8)
    }

    private func appendPadded(_ value: Int, width: Int, to line: inout [UInt8]) {
        let digits = String(value)
        for _ in digits.count..<width { line.append(0x30) }
        line.append(contentsOf: digits.utf8)
    }
}

/// Developer tools: data for benchmarks.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Developer tools (benchmark data).", shouldDisplay: false,
        subcommands: [WideTableCommand.self])
}
