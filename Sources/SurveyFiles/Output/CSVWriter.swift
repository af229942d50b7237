/// Writes RFC 4180 CSV: comma-separated, a field quoted only when it holds a
/// comma, a quote or a line break (quotes doubled inside), rows ending in LF.
/// What R's readr, pandas, DuckDB and Stata's `import delimited` read without options.
public final class CSVWriter {
    private let sink: ByteSink
    // Touched by every field of every row, only by this writer's own methods, never
    // re-entrantly: no run-time exclusivity check (it cost more than the writing).
    @exclusivity(unchecked) private var storage: RawBuffer
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var atRowStart = true
    private let flushThreshold = 1 << 16

    /// Writes CSV into `sink`.
    public init(sink: ByteSink) {
        self.sink = sink
        storage = RawBuffer(byteCount: flushThreshold + 4096)
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        guard used + extra > storage.count else { return }
        let bigger = RawBuffer(byteCount: max(used + extra, 2 * storage.count))
        bigger.baseAddress.copyMemory(from: storage.baseAddress, byteCount: used)
        storage = bigger
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        reserve(1)
        storage.baseAddress.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
        used += 1
    }

    /// Writes one field from raw bytes.
    @inline(__always)
    public func field(_ bytes: UnsafeRawBufferPointer) {
        reserve(2 * bytes.count + 3)
        let out = storage.baseAddress
        if !atRowStart {
            out.storeBytes(of: 0x2C, toByteOffset: used, as: UInt8.self)
            used += 1
        }
        atRowStart = false
        guard Self.needsQuotes(bytes) else {
            if let from = bytes.baseAddress { (out + used).copyMemory(from: from, byteCount: bytes.count) }
            used += bytes.count
            return
        }
        out.storeBytes(of: 0x22, toByteOffset: used, as: UInt8.self)
        used += 1
        for byte in bytes {
            if byte == 0x22 {
                out.storeBytes(of: 0x22, toByteOffset: used, as: UInt8.self)
                used += 1
            }
            out.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
            used += 1
        }
        out.storeBytes(of: 0x22, toByteOffset: used, as: UInt8.self)
        used += 1
    }

    /// Writes one field: `value` in decimal (digits never need quotes).
    @inline(__always)
    public func integer(_ value: Int) {
        reserve(22)
        let out = storage.baseAddress
        if !atRowStart {
            out.storeBytes(of: 0x2C, toByteOffset: used, as: UInt8.self)
            used += 1
        }
        atRowStart = false
        var magnitude = value.magnitude
        var count = 0
        repeat {
            count += 1
            magnitude /= 10
        } while magnitude != 0
        if value < 0 {
            out.storeBytes(of: 0x2D, toByteOffset: used, as: UInt8.self)
            used += 1
        }
        magnitude = value.magnitude
        var at = used + count
        used = at
        repeat {
            at -= 1
            out.storeBytes(of: 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10), toByteOffset: at, as: UInt8.self)
            magnitude /= 10
        } while magnitude != 0
    }

    /// Whether a field holds a comma, a quote or a line break, and so must be quoted.
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Writes one field from text.
    public func field(_ text: String) {
        var text = text
        text.withUTF8 { field(UnsafeRawBufferPointer($0)) }
    }

    /// Writes an empty field.
    public func emptyField() {
        if !atRowStart { append(0x2C) }
        atRowStart = false
    }

    /// Ends the row, and passes the buffer on when it is large.
    public func endRow() throws(SurveyError) {
        append(0x0A)
        atRowStart = true
        if used >= flushThreshold { try flush() }
    }

    /// Writes a whole row of text fields.
    public func row(_ fields: [String]) throws(SurveyError) {
        for f in fields { field(f) }
        try endRow()
    }

    /// Passes buffered bytes to the sink.
    public func flush() throws(SurveyError) {
        guard used > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: storage.baseAddress, count: used))
        used = 0
    }

    /// Flushes and finishes the sink.
    public func finish() throws(SurveyError) {
        try flush()
        try sink.finish()
    }
}
