#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numbers straight from bytes, with no `String` in between.
public enum CellDecoding {
    /// The cell without its leading and trailing spaces, as `(start, end)`; `nil` when nothing is left.
    @inlinable @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt8>, count: Int) -> (Int, Int)? {
        var i = 0
        var end = count
        while i < end && p[i] == 0x20 { i += 1 }
        while end > i && p[end - 1] == 0x20 { end -= 1 }
        return i < end ? (i, end) : nil
    }

    /// Steps over a leading `-` or `+` at `i`; whether it was `-`.
    @inlinable @inline(__always)
    static func sign(_ p: UnsafePointer<UInt8>, at i: inout Int) -> Bool {
        if p[i] == 0x2D {
            i += 1
            return true
        }
        if p[i] == 0x2B { i += 1 }
        return false
    }

    /// Parses an optionally signed decimal integer, allowing surrounding spaces
    /// and a zero fraction (`3.0`, which some exports write for integers).
    ///
    /// - Returns: `nil` for an empty cell, anything else non-integer, or an overflow.
    @inlinable
    public static func int(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard let (start, end) = trimmed(p, count: count) else { return nil }
        var i = start
        let negative = sign(p, at: &i)
        guard i < end else { return nil }
        var value = 0
        var digits = 0
        while i < end {
            let d = p[i] &- 0x30
            if d > 9 { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            value = a
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end {
            // Accept a fraction of zeros only.
            guard p[i] == 0x2E else { return nil }
            i += 1
            while i < end && p[i] == 0x30 { i += 1 }
            guard i == end else { return nil }
        }
        return negative ? -value : value
    }

    /// Parses a decimal number (`12`, `-0.75`, `1.5e3`), allowing surrounding spaces.
    ///
    /// Plain decimals of up to 15 significant digits take an exact fast path
    /// (one correctly rounded division); anything else goes to `strtod`.
    ///
    /// - Returns: `nil` for an empty cell or anything that is not a number.
    @inlinable
    public static func double(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        guard let (start, end) = trimmed(p, count: count) else { return nil }
        var i = start
        let first = i
        let negative = sign(p, at: &i)
        var mantissa: UInt64 = 0
        var significant = 0
        var sawDigit = false
        var fractionDigits = 0
        var seenPoint = false
        while i < end {
            let c = p[i]
            if c == 0x2E {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                let d = c &- 0x30
                if d > 9 { break }
                sawDigit = true
                if mantissa != 0 || d != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(d)
                if seenPoint { fractionDigits += 1 }
            }
            i += 1
        }
        if i == end {
            guard sawDigit else { return nil }
            if significant <= 15 && fractionDigits <= 22 {
                let value = Double(mantissa) / powersOfTen[fractionDigits]
                return negative ? -value : value
            }
        }
        return slowDouble(p + first, count: end - first)
    }

    /// Exact powers of ten representable in a `Double`.
    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// An identifier: decimal digits with an optional `-`, no spaces, no fraction, no leading
    /// zero, not `-0` (`" 5"`, `2.0`, `0x10` and `-0` are not identifiers).
    ///
    /// - Returns: `nil` for anything else, or an overflow.
    @inlinable
    public static func identifier(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard count > 0 else { return nil }
        var i = 0
        let negative = p[0] == 0x2D
        if negative { i = 1 }
        guard i < count, p[i] != 0x30 || count - i == 1, !(negative && p[i] == 0x30) else { return nil }
        var value = 0
        while i < count {
            let d = p[i] &- 0x30
            guard d <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return negative ? -value : value
    }

    /// `strtod` on a decimal number only: digits, one point, a sign and a decimal exponent
    /// (`strtod` alone would also take `0x10`, `0x1p4`, `inf` and `nan`).
    @usableFromInline
    static func slowDouble(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        guard count < 64 else { return nil }
        for i in 0..<count {
            let c = p[i]
            guard (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2B || c == 0x2D || c == 0x65 || c == 0x45 else {
                return nil
            }
        }
        var buffer = [CChar](repeating: 0, count: count + 1)
        for i in 0..<count { buffer[i] = CChar(bitPattern: p[i]) }
        return buffer.withUnsafeBufferPointer { b -> Double? in
            guard let start = b.baseAddress else { return nil }
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &endPointer)
            guard let endPointer, start.distance(to: UnsafePointer(endPointer)) == count else { return nil }
            guard value.isFinite else { return nil }
            return value
        }
    }
}
