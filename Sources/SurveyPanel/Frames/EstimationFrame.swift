/// An analysis frame: observations for estimation, each with a weight, stratum
/// and PSU, and small integer-coded columns (indicators and categories) that
/// domains are defined on. The panel layer builds frames from downloads; reports
/// estimate from them. Written as-is for the R cross-check.
public struct EstimationFrame: Sendable {
    /// The frame's name (`wave14`, `pooled`, `pairs`).
    public let name: String
    /// Column names, in order.
    public let columns: [String]
    public private(set) var weights: [Double] = []
    public private(set) var strata: [Int] = []
    public private(set) var psus: [Int] = []
    /// Column values, column-major.
    public private(set) var values: [[Int32]]
    private let index: [String: Int]

    /// An empty frame with `columns`.
    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
        self.values = Array(repeating: [], count: columns.count)
        var index: [String: Int] = [:]
        for (i, c) in columns.enumerated() { index[c] = i }
        self.index = index
    }

    /// Observations.
    public var count: Int { weights.count }

    /// Adds one observation; `row` holds a value per column, in order.
    public mutating func append(weight: Double, stratum: Int, psu: Int, row: [Int32]) {
        weights.append(weight)
        strata.append(stratum)
        psus.append(psu)
        for (c, v) in row.enumerated() { values[c].append(v) }
    }

    /// Room for `count` observations without growing.
    public mutating func reserveCapacity(_ count: Int) {
        weights.reserveCapacity(count)
        strata.reserveCapacity(count)
        psus.reserveCapacity(count)
        for c in values.indices { values[c].reserveCapacity(count) }
    }

    /// Appends `other`'s observations, which must have the same columns (frames built in parts).
    ///
    /// - Precondition: `other.columns == columns`.
    mutating func append(contentsOf other: EstimationFrame) {
        precondition(other.columns == columns, "frames with different columns put end to end")
        weights += other.weights
        strata += other.strata
        psus += other.psus
        for c in values.indices { values[c] += other.values[c] }
    }

    /// The values of column `name`.
    public func column(_ name: String) -> [Int32]? {
        index[name].map { values[$0] }
    }

    /// The observations (indices, ascending) where every `domain` condition holds, and those of them
    /// where every `event` condition holds too (a ratio's denominator and numerator). A condition on
    /// a column the frame lacks holds nowhere.
    public func rows(domain: [Condition], event: [Condition]) -> (domain: [Int32], event: [Int32]) {
        guard let inDomain = resolve(domain), let inEvent = resolve(event) else { return ([], []) }
        let domainRows = filter(Array(0..<Int32(count)), inDomain)
        return (domainRows, filter(domainRows, inEvent))
    }

    /// The rows of `rows` where every condition holds, one condition at a time.
    func filter(_ rows: [Int32], _ conditions: [(position: Int, value: Int32)]) -> [Int32] {
        var kept = rows
        for (position, value) in conditions {
            kept = values[position].withUnsafeBufferPointer { cells in
                kept.withUnsafeBufferPointer { candidates in
                    [Int32](unsafeUninitializedCapacity: candidates.count) { out, initialized in
                        var n = 0
                        for row in candidates {
                            out[n] = row
                            n &+= cells[Int(row)] == value ? 1 : 0
                        }
                        initialized = n
                    }
                }
            }
        }
        return kept
    }

    /// The column positions and values of `conditions`, or `nil` when one names a column the frame lacks.
    func resolve(_ conditions: [Condition]) -> [(position: Int, value: Int32)]? {
        var resolved: [(position: Int, value: Int32)] = []
        for condition in conditions {
            guard let position = index[condition.column] else { return nil }
            resolved.append((position, condition.value))
        }
        return resolved
    }
}

/// `column = value`.
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var value: Int32

    public init(_ column: String, _ value: Int32) {
        self.column = column
        self.value = value
    }

    public var description: String { "\(column)=\(value)" }
}
