/// A Stata variable's storage type (`<variable_types>`, formats 117–119).
public enum StataType: Sendable, Hashable {
    /// int8; 101 is `.`, 102–127 `.a`–`.z`.
    case byte
    /// int16; 32741 is `.`, then `.a`–`.z`.
    case int
    /// int32; 2147483621 is `.`, then `.a`–`.z`.
    case long
    /// IEEE single; `.` is the bit pattern 0x7f000000, each letter 0x800 more.
    case float
    /// IEEE double; `.` is 0x7fe0000000000000, each letter 2^40 more.
    case double
    /// Fixed-width text of 1–2045 bytes, NUL-padded.
    case str(Int)
    /// Text of any length in the `<strls>` section; the row holds an 8-byte reference.
    case strL

    /// The type a `<variable_types>` code names, or `nil` for a code Stata does not define.
    init?(code: UInt16) {
        switch code {
        case 1...2045: self = .str(Int(code))
        case 32768: self = .strL
        case 65526: self = .double
        case 65527: self = .float
        case 65528: self = .long
        case 65529: self = .int
        case 65530: self = .byte
        default: return nil
        }
    }

    /// The `<variable_types>` code.
    var code: UInt16 {
        switch self {
        case .str(let width): return UInt16(width)
        case .strL: return 32768
        case .double: return 65526
        case .float: return 65527
        case .long: return 65528
        case .int: return 65529
        case .byte: return 65530
        }
    }

    /// Whether it holds numbers (not text).
    var isNumeric: Bool {
        switch self {
        case .str, .strL: return false
        default: return true
        }
    }

    /// Bytes in a row.
    var width: Int {
        switch self {
        case .byte: return 1
        case .int: return 2
        case .long, .float: return 4
        case .double, .strL: return 8
        case .str(let width): return width
        }
    }

    /// How the seam describes it.
    var storage: ColumnStorage {
        switch self {
        case .byte: return .integer(bytes: 1)
        case .int: return .integer(bytes: 2)
        case .long: return .integer(bytes: 4)
        case .float: return .real(bytes: 4)
        case .double: return .real(bytes: 8)
        case .str(let width): return .text(width: width)
        case .strL: return .longText
        }
    }

    /// Stata's default display format for the type (`%8.0g`, `%9s` …).
    var defaultFormat: String {
        switch self {
        case .byte: return "%8.0g"
        case .int: return "%8.0g"
        case .long: return "%12.0g"
        case .float: return "%9.0g"
        case .double: return "%10.0g"
        case .str(let width): return "%\(min(width, 2045))s"
        case .strL: return "%9s"
        }
    }

    /// The largest value that is not missing, for the integer types.
    var largestValid: Int {
        switch self {
        case .byte: return 100
        case .int: return 32740
        case .long: return 2_147_483_620
        default: return .max
        }
    }

    /// The smallest value, for the integer types.
    var smallestValid: Int {
        switch self {
        case .byte: return -127
        case .int: return -32767
        case .long: return -2_147_483_647
        default: return .min
        }
    }
}

/// Stata's missing values: `.` (letter 0) and `.a`–`.z` (letters 1–26) of each numeric type.
enum StataMissing {
    /// The cell for an integer type's missing value `value` (above the type's largest valid value).
    @inline(__always)
    static func integerCell(_ value: Int, largestValid: Int) -> TableCell {
        let letter = value - largestValid - 1
        return letter >= 1 && letter <= 26 ? .missing(.extended(UInt8(letter))) : .missing(.system)
    }

    /// The cell for a float's bit pattern at or above 0x7f000000.
    @inline(__always)
    static func floatCell(_ bits: UInt32) -> TableCell {
        let delta = bits &- 0x7f00_0000
        let letter = delta >> 11
        return delta & 0x7ff == 0 && letter >= 1 && letter <= 26
            ? .missing(.extended(UInt8(letter))) : .missing(.system)
    }

    /// The cell for a double's bit pattern at or above 0x7fe0000000000000.
    @inline(__always)
    static func doubleCell(_ bits: UInt64) -> TableCell {
        let delta = bits &- 0x7fe0_0000_0000_0000
        let letter = delta >> 40
        return delta & 0xff_ffff_ffff == 0 && letter >= 1 && letter <= 26
            ? .missing(.extended(UInt8(letter))) : .missing(.system)
    }

    /// The bit pattern of a float's missing value (`letter` 0 is `.`).
    static func floatBits(letter: Int) -> UInt32 { 0x7f00_0000 + UInt32(letter) << 11 }

    /// The bit pattern of a double's missing value (`letter` 0 is `.`).
    static func doubleBits(letter: Int) -> UInt64 { 0x7fe0_0000_0000_0000 + UInt64(letter) << 40 }
}
