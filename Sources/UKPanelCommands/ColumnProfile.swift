import SurveyFiles

/// What `inspect` learns about one column in a pass over the file.
struct ColumnProfile {
    enum Kind: Int, Comparable {
        case empty, int, decimal, text
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        var name: String { ["empty", "int", "decimal", "text"][rawValue] }
    }

    var kind = Kind.empty
    var filled = 0
    var blank = 0
    /// Counts of -1 … -99, at index -code.
    var negativeCodes = [Int](repeating: 0, count: 100)
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var examples: [String] = []

    /// Looks at one cell; `missingCodes` are the codes counted apart and kept out of range and examples.
    mutating func observe(_ row: RowCells, slot: Int, missingCodes: Set<Int>) {
        if row.isEmpty(slot) {
            blank += 1
            return
        }
        filled += 1
        let value: Double
        if let v = row.int(slot) {
            if v < 0 && v > -100 && missingCodes.contains(v) {
                negativeCodes[-v] += 1
                return
            }
            if kind < .int { kind = .int }
            value = Double(v)
        } else if let v = row.double(slot) {
            if kind < .decimal { kind = .decimal }
            value = v
        } else {
            kind = .text
            addExample(row.string(slot))
            return
        }
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        if examples.count < 3 { addExample(row.string(slot)) }
    }

    private mutating func addExample(_ text: String) {
        if examples.count < 3 && !examples.contains(text) { examples.append(text) }
    }

    /// `-8:16206 -9:813`, most negative last.
    var missingSummary: String {
        (1..<100).compactMap { i in negativeCodes[i] > 0 ? "-\(i):\(negativeCodes[i])" : nil }.joined(separator: " ")
    }

    var rangeSummary: String {
        guard minimum <= maximum else { return "" }
        func format(_ v: Double) -> String { v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        return "\(format(minimum))…\(format(maximum))"
    }
}
