/// Thrift's compact protocol, the encoding of Parquet's metadata (page headers and the footer),
/// written field by field: each `struct` call opens a nested structure and ends it with its stop
/// byte, so field ids are deltas within the structure they belong to.
///
/// Only what Parquet's metadata uses: i8, i32, i64, binary (and strings), booleans, structures,
/// and lists of i32, strings and structures.
struct ThriftCompactWriter {
    /// The encoded bytes so far.
    private(set) var bytes: [UInt8] = []
    /// The last field id written in each open structure (innermost last).
    private var lastField: [Int16] = [0]

    enum FieldType: UInt8 {
        case booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastField[lastField.count - 1])
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            bytes.appendVarint(zigzag(Int64(id)))
        }
        lastField[lastField.count - 1] = id
    }


    private func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }

    /// Field `id`: an 8-bit integer.
    mutating func i8(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// Field `id`: a 16-bit integer.
    mutating func i16(_ id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        bytes.appendVarint(zigzag(Int64(value)))
    }

    /// Field `id`: a 32-bit integer (also an enum).
    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        bytes.appendVarint(zigzag(Int64(value)))
    }

    /// Field `id`: a 64-bit integer.
    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        bytes.appendVarint(zigzag(value))
    }

    /// Field `id`: a boolean (held in the field header itself).
    mutating func bool(_ id: Int16, _ value: Bool) { fieldHeader(id, value ? .booleanTrue : .booleanFalse) }

    /// Field `id`: bytes.
    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        bytes.appendVarint(UInt64(value.count))
        bytes += value
    }

    /// Field `id`: text, as UTF-8.
    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    /// Field `id`: a structure whose fields `body` writes.
    mutating func structure(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .structure)
        nested(body)
    }

    /// Field `id`: the structure whose fields `other` holds (written by a writer of its own).
    mutating func embed(_ id: Int16, _ other: ThriftCompactWriter) {
        fieldHeader(id, .structure)
        bytes += other.bytes
        bytes.append(0)
    }

    /// The fields `body` writes as one structure, then its stop byte.
    private mutating func nested(_ body: (inout ThriftCompactWriter) -> Void) {
        lastField.append(0)
        body(&self)
        bytes.append(0)
        lastField.removeLast()
    }

    private mutating func listHeader(_ id: Int16, count: Int, of type: FieldType) {
        fieldHeader(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            bytes.appendVarint(UInt64(count))
        }
    }

    /// Field `id`: a list of 32-bit integers (enums).
    mutating func list(_ id: Int16, i32 values: [Int32]) {
        listHeader(id, count: values.count, of: .i32)
        for v in values { bytes.appendVarint(zigzag(Int64(v))) }
    }

    /// Field `id`: a list of 64-bit integers.
    mutating func list(_ id: Int16, i64 values: [Int64]) {
        listHeader(id, count: values.count, of: .i64)
        for v in values { bytes.appendVarint(zigzag(v)) }
    }

    /// Field `id`: a list of strings.
    mutating func list(_ id: Int16, strings values: [String]) {
        listHeader(id, count: values.count, of: .binary)
        for v in values {
            let utf8 = Array(v.utf8)
            bytes.appendVarint(UInt64(utf8.count))
            bytes += utf8
        }
    }

    /// Field `id`: a list of `count` structures, the k-th written by `body(&writer, k)`.
    mutating func list(_ id: Int16, structures count: Int, _ body: (inout ThriftCompactWriter, Int) -> Void) {
        listHeader(id, count: count, of: .structure)
        for k in 0..<count { nested { body(&$0, k) } }
    }

    /// Ends the outermost structure (its stop byte).
    mutating func end() { bytes.append(0) }
}
