import CFieldScan

/// Finds the projected fields of one line, and counts all of its fields.
///
/// The line is scanned 64 bytes at a time for the delimiter (`ukp_split_fields`, SSE2): a block
/// whose delimiters all come before the next projected field is only counted, so the work goes
/// with the projected fields, not the line's thousand-odd columns. The projected fields are written
/// as byte cells into `cells`, a buffer this splitter owns for the whole read.
final class FieldSplitter {
    let projection: ColumnProjection
    let delimiter: UInt8
    /// One cell per slot.
    private let cellBuffer: TypedBuffer<TableCell>
    /// The projected columns, ascending and distinct, and the slot each fills.
    private let wantedBuffer: TypedBuffer<Int32>
    private let slotOfWanted: TypedBuffer<Int32>
    private let wantedCount: Int
    /// Each wanted field's byte range in the last line split.
    private let starts: TypedBuffer<Int64>
    private let ends: TypedBuffer<Int64>
    private let duplicates: [(Int, Int)]

    init(projection: ColumnProjection, delimiter: UInt8) {
        self.projection = projection
        self.delimiter = delimiter
        cellBuffer = TypedBuffer(repeating: .empty, count: projection.columnIndices.count)
        let wanted = Set(projection.columnIndices.filter { $0 >= 0 && $0 < projection.columnCount }).sorted()
        wantedCount = wanted.count
        wantedBuffer = TypedBuffer(repeating: 0, count: wanted.count)
        slotOfWanted = TypedBuffer(repeating: 0, count: wanted.count)
        for (k, column) in wanted.enumerated() {
            wantedBuffer.pointer[k] = Int32(column)
            slotOfWanted.pointer[k] = projection.slotOfColumn[column]
        }
        starts = TypedBuffer(repeating: 0, count: wanted.count)
        ends = TypedBuffer(repeating: 0, count: wanted.count)
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
        let fields = ukp_split_fields(
            line, n, delimiter, wantedBuffer.pointer, wantedCount, starts.pointer, ends.pointer)
        let cells = cellBuffer.pointer
        for k in 0..<wantedCount {
            cells[Int(slotOfWanted.pointer[k])] = .bytes(start: Int(starts.pointer[k]), end: Int(ends.pointer[k]))
        }
        for (duplicate, original) in duplicates { cells[duplicate] = cells[original] }
        return fields
    }
}
