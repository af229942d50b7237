/// What `inspect` learns about one column in a pass over the file: the kind of
/// values, how many are filled or empty, the survey's missing codes counted apart,
/// the range and a few examples.
public struct ColumnProfile: Sendable {
    /// The kind of values seen: the widest so far.
    public enum Kind: Int, Comparable, Sendable {
        case empty, int, decimal, text
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        /// `empty`, `int`, `decimal`, `text`.
        public var name: String { ["empty", "int", "decimal", "text"][rawValue] }
    }

    /// The widest kind seen.
    public private(set) var kind = Kind.empty
    /// Cells with something in them (missing codes included).
    public private(set) var filled = 0
    /// Empty cells (and the format's system-missing value).
    public private(set) var blank = 0
    /// Counts of -1 … -99, at index -code.
    private var negativeCodes = [Int](repeating: 0, count: 100)
    private var minimum = Double.infinity
    private var maximum = -Double.infinity
    /// Up to three distinct values seen.
    public private(set) var examples: [String] = []

    /// An empty profile.
    public init() {}

    /// Looks at one cell; `missingCodes` are the codes counted apart and kept out of range and examples.
    public mutating func observe(_ row: RowCells, slot: Int, missingCodes: Set<Int>) {
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

    /// The smallest and largest value seen (missing codes apart), or `nil` when none was.
    public var range: ClosedRange<Double>? { minimum <= maximum ? minimum...maximum : nil }

    /// How many cells held each missing code counted apart (`-9: 813`).
    public var missingCodeCounts: [Int: Int] {
        var counts: [Int: Int] = [:]
        for i in 1..<100 where negativeCodes[i] > 0 { counts[-i] = negativeCodes[i] }
        return counts
    }

    /// `-8:16206 -9:813`, most negative last.
    public var missingSummary: String {
        (1..<100).compactMap { i in negativeCodes[i] > 0 ? "-\(i):\(negativeCodes[i])" : nil }.joined(separator: " ")
    }

    /// `1…12`, or empty when no value was seen.
    public var rangeSummary: String {
        guard minimum <= maximum else { return "" }
        func format(_ v: Double) -> String { v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        return "\(format(minimum))…\(format(maximum))"
    }
}
