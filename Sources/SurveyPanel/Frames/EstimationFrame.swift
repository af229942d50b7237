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

    /// In one pass: 1 where every `domain` condition holds (else 0), and 1 where those and every
    /// `event` condition hold (a ratio's denominator and numerator). A condition on a column the
    /// frame lacks holds nowhere.
    public func indicators(domain: [Condition], event: [Condition]) -> (domain: [Double], numerator: [Double]) {
        let n = count
        guard let inDomain = resolve(domain), let inEvent = resolve(event) else {
            return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n))
        }
        var numerator = [Double](repeating: 0, count: n)
        let denominator = [Double](unsafeUninitializedCapacity: n) { out, initialized in
            numerator.withUnsafeMutableBufferPointer { top in
                for i in 0..<n {
                    var holds = true
                    for (column, value) in inDomain where column[i] != value {
                        holds = false
                        break
                    }
                    out[i] = holds ? 1 : 0
                    guard holds else { continue }
                    for (column, value) in inEvent where column[i] != value {
                        holds = false
                        break
                    }
                    top[i] = holds ? 1 : 0
                }
            }
            initialized = n
        }
        return (denominator, numerator)
    }

    /// The columns and values of `conditions`, or `nil` when one names a column the frame lacks.
    private func resolve(_ conditions: [Condition]) -> [([Int32], Int32)]? {
        var resolved: [([Int32], Int32)] = []
        for condition in conditions {
            guard let column = column(condition.column) else { return nil }
            resolved.append((column, condition.value))
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
