import SurveyFiles

/// Writes the wide table: column kinds cycle through small codes with missing
/// codes, identifiers, decimals (weights, distances) and short strings.
public struct WideTableWriter {
    /// Columns, the first `pidp`.
    public let columns: Int
    var random: SplitMix64

    /// A writer of `columns` columns drawn from `seed`.
    public init(columns: Int, seed: UInt64) {
        self.columns = columns
        self.random = SplitMix64(seed: seed)
    }

    /// Writes the header and `rows` rows to `sink`.
    public mutating func write(rows: Int, to sink: ByteSink) throws {
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
