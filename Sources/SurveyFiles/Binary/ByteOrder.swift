/// The order of a binary file's multi-byte numbers, as its header declares it
/// (Stata `LSF`/`MSF`, SPSS layout code 2 or 3).
public enum ByteOrder: Sendable, Hashable {
    /// Least significant byte first (Stata `LSF`, x86).
    case littleEndian
    /// Most significant byte first (Stata `MSF`).
    case bigEndian

    /// The order of the machine running ukpanel.
    public static var host: ByteOrder { 1.littleEndian == 1 ? .littleEndian : .bigEndian }
}

/// Loads of fixed-size numbers at any alignment, in a declared byte order.
extension UnsafeRawPointer {
    @inlinable func loadUInt16(at offset: Int, _ order: ByteOrder) -> UInt16 {
        let raw = loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return order == .littleEndian ? UInt16(littleEndian: raw) : UInt16(bigEndian: raw)
    }

    @inlinable func loadUInt32(at offset: Int, _ order: ByteOrder) -> UInt32 {
        let raw = loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return order == .littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    @inlinable func loadUInt64(at offset: Int, _ order: ByteOrder) -> UInt64 {
        let raw = loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return order == .littleEndian ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw)
    }

    @inlinable func loadInt32(at offset: Int, _ order: ByteOrder) -> Int32 {
        Int32(bitPattern: loadUInt32(at: offset, order))
    }

    @inlinable func loadDouble(at offset: Int, _ order: ByteOrder) -> Double {
        Double(bitPattern: loadUInt64(at: offset, order))
    }
}

extension UnsafeRawBufferPointer {
    /// The unsigned integer of `bytes` bytes (1–8) at `offset`, in `order`.
    @inlinable func unsigned(at offset: Int, bytes: Int, _ order: ByteOrder) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<bytes {
            let byte = UInt64(self[offset + (order == .littleEndian ? bytes - 1 - k : k)])
            value = value << 8 | byte
        }
        return value
    }

    @inlinable func uint16(at offset: Int, _ order: ByteOrder) -> UInt16 {
        UInt16(truncatingIfNeeded: unsigned(at: offset, bytes: 2, order))
    }

    @inlinable func uint32(at offset: Int, _ order: ByteOrder) -> UInt32 {
        UInt32(truncatingIfNeeded: unsigned(at: offset, bytes: 4, order))
    }

    @inlinable func uint64(at offset: Int, _ order: ByteOrder) -> UInt64 { unsigned(at: offset, bytes: 8, order) }

    @inlinable func int32(at offset: Int, _ order: ByteOrder) -> Int32 { Int32(bitPattern: uint32(at: offset, order)) }

    @inlinable func int64(at offset: Int, _ order: ByteOrder) -> Int64 { Int64(bitPattern: uint64(at: offset, order)) }

    @inlinable func double(at offset: Int, _ order: ByteOrder) -> Double {
        Double(bitPattern: uint64(at: offset, order))
    }

    /// The bytes up to the first NUL (or all of them), as text decoded with `encoding`.
    func nulTerminatedString(_ encoding: TextEncoding) -> String {
        let end = firstIndex(of: 0) ?? count
        return encoding.string(UnsafeRawBufferPointer(rebasing: self[0..<end]))
    }
}

/// Appends numbers in a declared byte order, for the binary writers.
struct BinaryBuilder {
    var bytes: [UInt8] = []
    let order: ByteOrder

    init(order: ByteOrder) { self.order = order }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }
    mutating func append(uint8 value: UInt8) { bytes.append(value) }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        let ordered = order == .littleEndian ? value.littleEndian : value.bigEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func append(double value: Double) { append(value.bitPattern) }
    mutating func append(float value: Float) { append(value.bitPattern) }

    /// `text`'s bytes (already encoded) in exactly `width` bytes, cut or padded with `pad`.
    mutating func append(fixed text: [UInt8], width: Int, pad: UInt8 = 0) {
        let used = min(text.count, width)
        bytes.append(contentsOf: text[0..<used])
        bytes.append(contentsOf: repeatElement(pad, count: width - used))
    }
}
