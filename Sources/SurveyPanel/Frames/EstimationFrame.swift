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

    /// The values of column `name`.
    public func column(_ name: String) -> [Int32]? {
        index[name].map { values[$0] }
    }

    /// 1 where every condition holds, else 0.
    public func indicator(_ conditions: [Condition]) -> [Double] {
        var result = [Double](repeating: 1, count: count)
        for condition in conditions {
            guard let column = self.column(condition.column) else { return [Double](repeating: 0, count: count) }
            for i in 0..<count where column[i] != condition.value { result[i] = 0 }
        }
        return result
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
