/// Finds the projected fields of one line, and counts all of its fields.
///
/// Scans byte by byte only up to the last projected column; the rest of the
/// line is only counted, eight bytes at a time.
struct FieldSplitter {
    let projection: ColumnProjection
    let delimiter: UInt8
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    private let slots: UnsafeMutablePointer<Int32>
    private let duplicates: [(Int, Int)]

    init(projection: ColumnProjection, delimiter: UInt8) {
        self.projection = projection
        self.delimiter = delimiter
        let slotCount = max(projection.columnIndices.count, 1)
        starts = .allocate(capacity: slotCount)
        ends = .allocate(capacity: slotCount)
        starts.initialize(repeating: 0, count: slotCount)
        ends.initialize(repeating: 0, count: slotCount)
        slots = .allocate(capacity: max(projection.columnCount, 1))
        slots.initialize(repeating: -1, count: max(projection.columnCount, 1))
        for (column, slot) in projection.slotOfColumn.enumerated() { slots[column] = slot }
        duplicates = projection.duplicateSlots
    }

    func deallocate() {
        starts.deallocate()
        ends.deallocate()
        slots.deallocate()
    }

    /// Records the projected fields of `line` and returns how many fields it has.
    @inline(__always)
    func split(_ line: UnsafePointer<UInt8>, count n: Int) -> Int {
        let last = projection.lastColumn
        let d = delimiter
        var field = 0
        var start = 0
        var i = 0
        if last >= 0 {
            while i < n {
                if line[i] == d {
                    let slot = slots[field]
                    if slot >= 0 {
                        starts[Int(slot)] = start
                        ends[Int(slot)] = i
                    }
                    field += 1
                    start = i + 1
                    if field > last {
                        i += 1
                        break
                    }
                }
                i += 1
            }
            if field <= last {
                let slot = slots[field]
                if slot >= 0 {
                    starts[Int(slot)] = start
                    ends[Int(slot)] = n
                }
            }
            for (duplicate, original) in duplicates {
                starts[duplicate] = starts[original]
                ends[duplicate] = ends[original]
            }
        }
        return field + 1 + ByteCounting.count(d, in: line + i, count: n - i)
    }
}
