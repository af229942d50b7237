/// A value the file format itself marks as missing, as distinct from a survey's own
/// missing codes (UKHLS -8, LFS -9), which are ordinary numbers to the format.
public enum FormatMissing: Sendable, Hashable {
    /// The format's one "no value": Stata's `.`, SPSS's system-missing.
    case system
    /// Stata's extended missing values `.a` … `.z` (1 … 26).
    case extended(UInt8)
    /// A value the file's dictionary declares missing for its variable (SPSS user-missing).
    case declared

    /// `.`, `.a` … `.z`, or `user-missing`.
    public var description: String {
        switch self {
        case .system: return "."
        case .extended(let letter): return "." + String(UnicodeScalar(UInt8(0x60) &+ letter))
        case .declared: return "user-missing"
        }
    }
}

/// One projected cell as a reader hands it over: bytes to be read as text or
/// parsed as a number (a delimited file), or a value the reader has already
/// decoded from a binary layout, or a missing value of the format's own.
///
/// Readers fill one per projected column per row into a buffer they own; `RowCells`
/// reads them. Plain data, so a row costs no allocation.
public struct TableCell: BitwiseCopyable, Sendable {
    @usableFromInline enum Kind: UInt8, BitwiseCopyable, Sendable {
        case bytes, integer, real, missing, declared
    }

    @usableFromInline var kind: Kind
    /// For `missing`: 0 system, 1…26 extended, 27 declared.
    @usableFromInline var missingCode: UInt8
    /// `bytes`: the start offset; `integer`: the value; `real`: the bit pattern.
    @usableFromInline var first: Int
    /// `bytes`: the end offset.
    @usableFromInline var second: Int

    @inlinable init(kind: Kind, missingCode: UInt8 = 0, first: Int, second: Int = 0) {
        self.kind = kind
        self.missingCode = missingCode
        self.first = first
        self.second = second
    }

    /// The bytes `start..<end` of the row's base, to be read as text or parsed as a number.
    @inlinable public static func bytes(start: Int, end: Int) -> TableCell {
        TableCell(kind: .bytes, first: start, second: end)
    }

    /// An integer the reader decoded.
    @inlinable public static func integer(_ value: Int) -> TableCell { TableCell(kind: .integer, first: value) }

    /// A number the reader decoded.
    @inlinable public static func real(_ value: Double) -> TableCell {
        TableCell(kind: .real, first: Int(bitPattern: UInt(value.bitPattern)))
    }

    /// A missing value of the format's own.
    @inlinable public static func missing(_ reason: FormatMissing) -> TableCell {
        switch reason {
        case .system: return TableCell(kind: .missing, missingCode: 0, first: 0)
        case .extended(let letter): return TableCell(kind: .missing, missingCode: min(max(letter, 1), 26), first: 0)
        case .declared: return TableCell(kind: .missing, missingCode: 27, first: 0)
        }
    }

    /// A number the file's dictionary declares missing for its variable (SPSS user-missing):
    /// it reads as its value, and `formatMissing` says `.declared`.
    @inlinable public static func declaredMissing(_ value: Double) -> TableCell {
        TableCell(kind: .declared, missingCode: 27, first: Int(bitPattern: UInt(value.bitPattern)))
    }

    /// This text cell, marked as a value its variable declares missing (SPSS string user-missing).
    @usableFromInline var markedDeclared: TableCell {
        TableCell(kind: kind, missingCode: 27, first: first, second: second)
    }

    /// An empty cell.
    public static let empty = TableCell.bytes(start: 0, end: 0)

    /// The number of a `real` cell.
    @usableFromInline var realValue: Double { Double(bitPattern: UInt64(UInt(bitPattern: first))) }

    @usableFromInline var formatMissing: FormatMissing? {
        if kind == .declared || (kind == .bytes && missingCode == 27) { return .declared }
        guard kind == .missing else { return nil }
        switch missingCode {
        case 0: return .system
        case 27: return .declared
        default: return .extended(missingCode)
        }
    }
}
