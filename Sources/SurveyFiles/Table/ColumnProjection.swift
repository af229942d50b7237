/// Which columns of a table file to decode, and into which slot each goes.
///
/// Slots are numbered in the order the caller asked for the columns, so
/// `row.int(0)` is the first requested variable whatever its position in the file.
public struct ColumnProjection: Sendable, Equatable {
    /// The header's column index of each slot.
    public let columnIndices: [Int]
    /// How many columns the header has.
    public let columnCount: Int
    /// For each header column, its slot, or -1 when it is not decoded.
    let slotOfColumn: [Int32]

    /// A projection of `columnIndices` out of a header of `columnCount` names.
    ///
    /// A column may be asked for twice; it then fills both slots.
    public init(columnIndices: [Int], columnCount: Int) {
        self.columnIndices = columnIndices
        self.columnCount = columnCount
        var table = [Int32](repeating: -1, count: columnCount)
        for (slot, column) in columnIndices.enumerated() where column >= 0 && column < columnCount {
            if table[column] < 0 { table[column] = Int32(slot) }
        }
        self.slotOfColumn = table
    }

    /// Every column, in file order.
    public static func all(columnCount: Int) -> ColumnProjection {
        ColumnProjection(columnIndices: Array(0..<columnCount), columnCount: columnCount)
    }

    /// Slots that share a column with an earlier slot: (duplicate slot, first slot).
    var duplicateSlots: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for (slot, column) in columnIndices.enumerated() {
            let first = Int(slotOfColumn[column])
            if first != slot { result.append((slot, first)) }
        }
        return result
    }
}
