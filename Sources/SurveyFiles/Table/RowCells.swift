/// The projected cells of one row, in the order the projection asked for them,
/// valid only inside the callback that receives it. The same for every format:
/// a delimited file's cells are bytes of the line, decoded only when asked; a
/// binary format's are values its reader already decoded.
public struct RowCells {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let cells: UnsafePointer<TableCell>
    /// How many slots (requested columns) the row has.
    public let count: Int
    /// The 1-based line number in the file (the header is line 1); for a binary
    /// format, the record number plus one, so the first record is "line 2" as in a tab file.
    public let lineNumber: Int
    /// The byte offset of the row's first byte in the (decompressed) data.
    public let byteOffset: Int

    /// A row over `cells` (one per slot), whose byte cells point into `base`.
    public init(
        base: UnsafePointer<UInt8>, cells: UnsafePointer<TableCell>, count: Int, lineNumber: Int, byteOffset: Int
    ) {
        self.base = base
        self.cells = cells
        self.count = count
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
    }

    /// Whether slot `slot` has nothing in it: an empty delimited cell, or the format's
    /// system-missing value (Stata `.`, SPSS sysmis).
    @inlinable
    public func isEmpty(_ slot: Int) -> Bool {
        let cell = cells[slot]
        switch cell.kind {
        case .bytes: return cell.first == cell.second
        case .missing: return cell.missingCode == 0
        case .integer, .real, .declared: return false
        }
    }

    /// Whether slot `slot` holds a value its variable declares missing (`formatMissing == .declared`),
    /// in one comparison.
    @inlinable
    public func isDeclaredMissing(_ slot: Int) -> Bool { cells[slot].missingCode == 27 }

    /// The format's own missing value in slot `slot`, when it holds one.
    @inlinable
    public func formatMissing(_ slot: Int) -> FormatMissing? { cells[slot].formatMissing }

    /// Slot `slot` as an integer, or `nil` when it is empty, missing or not an integer.
    @inlinable
    public func int(_ slot: Int) -> Int? {
        let cell = cells[slot]
        switch cell.kind {
        case .bytes: return CellDecoding.int(base + cell.first, count: cell.second - cell.first)
        case .integer: return cell.first
        case .real, .declared:
            let v = cell.realValue
            return v.rounded() == v && abs(v) < 9e15 ? Int(v) : nil
        case .missing: return nil
        }
    }

    /// Slot `slot` as an identifier (a person or household id), or `nil`: text must be plain
    /// decimal digits (`CellDecoding.identifier`); a decoded number must be a whole number.
    @inlinable
    public func identifier(_ slot: Int) -> Int? {
        let cell = cells[slot]
        if case .bytes = cell.kind {
            return CellDecoding.identifier(base + cell.first, count: cell.second - cell.first)
        }
        return int(slot)
    }

    /// Slot `slot` as a number (integer or decimal), or `nil` when empty, missing or not a number.
    @inlinable
    public func double(_ slot: Int) -> Double? {
        let cell = cells[slot]
        switch cell.kind {
        case .bytes: return CellDecoding.double(base + cell.first, count: cell.second - cell.first)
        case .integer: return Double(cell.first)
        case .real, .declared: return cell.realValue
        case .missing: return nil
        }
    }

    /// Calls `body` with slot `slot` as text bytes: a delimited cell as it is in the
    /// file, a decoded number in its shortest form, a format missing value as `.`, `.a` ….
    @inlinable
    public func withText<R>(_ slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let cell = cells[slot]
        switch cell.kind {
        case .bytes:
            return try body(UnsafeRawBufferPointer(start: base + cell.first, count: cell.second - cell.first))
        case .integer:
            return try Self.withDecimal(cell.first, body)
        case .real, .declared:
            return try Self.withNumber(cell.realValue, body)
        case .missing: break
        }
        var text = string(slot)
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with `value` as text, as every output writes a real number: a whole number (below
    /// 10^15) without a point, a decimal of up to six places from the stack, anything else as its
    /// `description` (the shortest form that reads back exactly).
    @inlinable
    public static func withNumber<R>(_ value: Double, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        // Integral when truncation keeps it (a conversion, not a call to libm's round).
        if abs(value) < 1e15 && Double(Int64(value)) == value { return try withDecimal(Int(value), body) }
        if let written = try withShortDecimal(value, body) { return written }
        var text = value.description
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// The slot's value when the reader decoded it as a whole number (not text to be parsed).
    @inlinable
    public func decodedInteger(_ slot: Int) -> Int? {
        let cell = cells[slot]
        return cell.kind == .integer ? cell.first : nil
    }

    /// Calls `body` with `value` written with at most six decimals, from the stack, when that is how
    /// `value.description` writes it; `nil` when it needs more (or an exponent). A string of `k`
    /// decimals, `m / 10^k`, reads back as `value` exactly when `Double(m) / 10^k == value` (both are
    /// exact, so the division is the correctly rounded reading); below 10^6 no two strings of six
    /// decimals read as one double, so the fewest decimals that read back give the one shortest
    /// string, which is what `description` writes.
    @inlinable
    static func withShortDecimal<R>(_ value: Double, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let magnitude = abs(value)
        guard magnitude >= 1e-4, magnitude < 1e6 else { return nil }
        var scale = 10.0
        for decimals in 1...6 {
            let scaled = Double(UInt64(magnitude * scale + 0.5))  // below 10^12: the nearest whole number
            if scaled / scale == magnitude {
                return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
                    var m = UInt64(scaled)
                    var start = 24
                    var written = 0
                    repeat {
                        start -= 1
                        digits[start] = 0x30 &+ UInt8(truncatingIfNeeded: m % 10)
                        m /= 10
                        written += 1
                        if written == decimals {
                            start -= 1
                            digits[start] = 0x2E
                            if m == 0 {
                                start -= 1
                                digits[start] = 0x30
                            }
                        }
                    } while m != 0 || written < decimals
                    if value < 0 {
                        start -= 1
                        digits[start] = 0x2D
                    }
                    return try body(UnsafeRawBufferPointer(start: digits.baseAddress.map { $0 + start }, count: 24 - start))
                }
            }
            scale *= 10
        }
        return nil
    }

    /// Calls `body` with `value` in decimal (as `String(value)` spells it), from the stack.
    @inlinable
    static func withDecimal<R>(_ value: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var magnitude = value.magnitude
            var start = 24
            repeat {
                start -= 1
                digits[start] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                digits[start] = 0x2D
            }
            return try body(UnsafeRawBufferPointer(start: digits.baseAddress.map { $0 + start }, count: 24 - start))
        }
    }

    /// Slot `slot` as text (UTF-8; invalid bytes are replaced); numbers in their shortest form.
    public func string(_ slot: Int) -> String {
        let cell = cells[slot]
        switch cell.kind {
        case .bytes:
            return String(
                decoding: UnsafeRawBufferPointer(start: base + cell.first, count: cell.second - cell.first),
                as: UTF8.self)
        case .integer: return String(cell.first)
        case .real, .declared:
            let v = cell.realValue
            return v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
        case .missing: return cell.formatMissing?.description ?? "."
        }
    }

    /// The `count` slots from `first` on, as a row of their own (slot 0 is `first`):
    /// one projection serving several layouts side by side.
    public func slots(from first: Int, count: Int) -> RowCells {
        precondition(first >= 0 && first + count <= self.count, "slot range outside the row")
        return RowCells(
            base: base, cells: cells + first, count: count, lineNumber: lineNumber, byteOffset: byteOffset)
    }
}
