/// Finds the projected fields of one line, and counts all of its fields.
///
/// Scans byte by byte only up to the last projected column; the rest of the
/// line is only counted, eight bytes at a time. The projected fields are written
/// as byte cells into `cells`, a buffer this splitter owns for the whole read.
final class FieldSplitter {
    let projection: ColumnProjection
    let delimiter: UInt8
    /// One cell per slot.
    private let cellBuffer: TypedBuffer<TableCell>
    /// The slot of each header column, or -1.
    private let slotBuffer: TypedBuffer<Int32>
    private let duplicates: [(Int, Int)]

    init(projection: ColumnProjection, delimiter: UInt8) {
        self.projection = projection
        self.delimiter = delimiter
        cellBuffer = TypedBuffer(repeating: .empty, count: projection.columnIndices.count)
        slotBuffer = TypedBuffer(repeating: -1, count: projection.columnCount)
        for (column, slot) in projection.slotOfColumn.enumerated() { slotBuffer.pointer[column] = slot }
        duplicates = projection.duplicateSlots
    }

    /// The cells of the last line split.
    var cells: UnsafePointer<TableCell> { UnsafePointer(cellBuffer.pointer) }

    /// Makes every projected cell empty (a one-column file's blank line).
    func clear() {
        for slot in 0..<projection.columnIndices.count { cellBuffer.pointer[slot] = .empty }
    }

    /// Records the projected fields of `line` and returns how many fields it has.
    @inline(__always)
    func split(_ line: UnsafePointer<UInt8>, count n: Int) -> Int {
        let last = projection.lastColumn
        let d = delimiter
        let cells = cellBuffer.pointer
        let slots = slotBuffer.pointer
        var field = 0
        var start = 0
        var i = 0
        if last >= 0 {
            while i < n {
                if line[i] == d {
                    let slot = slots[field]
                    if slot >= 0 { cells[Int(slot)] = .bytes(start: start, end: i) }
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
                if slot >= 0 { cells[Int(slot)] = .bytes(start: start, end: n) }
            }
            for (duplicate, original) in duplicates { cells[duplicate] = cells[original] }
        }
        return field + 1 + ByteCounting.count(d, in: line + i, count: n - i)
    }
}
