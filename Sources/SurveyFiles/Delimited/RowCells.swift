/// The projected cells of one row, valid only inside the callback that receives it.
///
/// Cells are byte ranges of the line; nothing is copied or decoded until asked.
public struct RowCells {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let starts: UnsafeMutablePointer<Int>
    @usableFromInline let ends: UnsafeMutablePointer<Int>
    /// How many slots (requested columns) the row has.
    public let count: Int
    /// The 1-based line number in the file (the header is line 1).
    public let lineNumber: Int
    /// The byte offset of the line's first byte in the decompressed text.
    public let byteOffset: Int

    /// The raw bytes of slot `slot`.
    @inlinable
    public func bytes(_ slot: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + starts[slot], count: ends[slot] - starts[slot])
    }

    /// Whether slot `slot` is empty.
    @inlinable
    public func isEmpty(_ slot: Int) -> Bool { ends[slot] == starts[slot] }

    /// Slot `slot` as an integer, or `nil` when it is empty or not an integer.
    @inlinable
    public func int(_ slot: Int) -> Int? {
        CellDecoding.int(base + starts[slot], count: ends[slot] - starts[slot])
    }

    /// Slot `slot` as a number (integer or decimal), or `nil` when empty or not a number.
    @inlinable
    public func double(_ slot: Int) -> Double? {
        CellDecoding.double(base + starts[slot], count: ends[slot] - starts[slot])
    }

    /// Slot `slot` as text (UTF-8; invalid bytes are replaced).
    public func string(_ slot: Int) -> String {
        String(decoding: bytes(slot), as: UTF8.self)
    }

    /// The `count` slots from `first` on, as a row of their own (slot 0 is `first`):
    /// one projection serving several layouts side by side.
    public func slots(from first: Int, count: Int) -> RowCells {
        precondition(first >= 0 && first + count <= self.count, "slot range outside the row")
        return RowCells(
            base: base, starts: starts + first, ends: ends + first, count: count, lineNumber: lineNumber,
            byteOffset: byteOffset)
    }
}
