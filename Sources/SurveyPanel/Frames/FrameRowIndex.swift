/// A frame's rows listed by the value of each of its columns, so that a domain's rows are found
/// from the rows of its most selective condition instead of a pass over the whole frame (a report
/// asks for a few hundred domains of the same frames).
///
/// Columns whose values span more than `maximumSpan` codes are not listed; conditions on them are
/// checked row by row.
public struct FrameRowIndex: Sendable {
    /// The frame indexed.
    public let frame: EstimationFrame
    /// Per column: the rows of each value, as a counting sort (nil for a column not listed).
    private let lists: [ValueLists?]

    /// The widest range of values (largest minus smallest) a column may span to be listed.
    public static let maximumSpan = 4096

    /// One column's rows in value order, `starts[v − lowest]..<starts[v − lowest + 1]` holding value `v`'s.
    struct ValueLists: Sendable {
        let lowest: Int32
        let starts: [Int]
        let rows: [Int32]

        func rows(of value: Int32) -> ArraySlice<Int32> {
            let k = Int(value) - Int(lowest)
            guard k >= 0, k + 1 < starts.count else { return [] }
            return rows[starts[k]..<starts[k + 1]]
        }
    }

    /// Lists `frame`'s rows by each column's values.
    public init(_ frame: EstimationFrame) {
        self.frame = frame
        lists = frame.values.map(Self.lists(of:))
    }

    /// The rows of each value of `column`, or nil when its values span too wide a range.
    private static func lists(of column: [Int32]) -> ValueLists? {
        guard let lowest = column.min(), let highest = column.max() else {
            return ValueLists(lowest: 0, starts: [0], rows: [])
        }
        let span = Int(highest) - Int(lowest)
        guard span <= maximumSpan else { return nil }
        var starts = [Int](repeating: 0, count: span + 2)
        for v in column { starts[Int(v) - Int(lowest) + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        var next = starts
        var rows = [Int32](repeating: 0, count: column.count)
        for (row, v) in column.enumerated() {
            let k = Int(v) - Int(lowest)
            rows[next[k]] = Int32(row)
            next[k] += 1
        }
        return ValueLists(lowest: lowest, starts: starts, rows: rows)
    }

    /// `EstimationFrame.rows(domain:event:)`: the same rows, in the same ascending order, found from
    /// the listed rows of the domain's most selective listed condition.
    public func rows(domain: [Condition], event: [Condition]) -> (domain: [Int32], event: [Int32]) {
        guard let inDomain = frame.resolve(domain), let inEvent = frame.resolve(event) else { return ([], []) }
        let listed = inDomain.compactMap { c in lists[c.position].map { $0.rows(of: c.value) } }
        let start = listed.min(by: { $0.count < $1.count }).map(Array.init) ?? Array(0..<Int32(frame.count))
        let domainRows = frame.filter(start, inDomain)
        return (domainRows, frame.filter(domainRows, inEvent))
    }
}
