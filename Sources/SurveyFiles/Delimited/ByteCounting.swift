/// Counting one byte value in a run of bytes, eight at a time.
enum ByteCounting {
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// How many bytes in `base[0..<count]` equal `byte`.
    @inline(__always)
    static func count(_ byte: UInt8, in base: UnsafePointer<UInt8>, count: Int) -> Int {
        let pattern = ones &* UInt64(byte)
        var total = 0
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            // The high bit of each byte of `zeros` is set exactly where `word` has a zero byte.
            let zeros = ~(((word & low7) &+ low7) | word | low7)
            total += zeros.nonzeroBitCount
            i += 8
        }
        while i < count {
            if base[i] == byte { total += 1 }
            i += 1
        }
        return total
    }
}
