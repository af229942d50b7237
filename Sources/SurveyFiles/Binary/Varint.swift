extension Array where Element == UInt8 {
    /// Appends `value` as an unsigned LEB128 varint (seven bits a byte, low bits first, the high bit
    /// set on every byte but the last): Thrift's compact protocol, Parquet's RLE run headers and
    /// `RecordedRow` all write integers so.
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }
}
