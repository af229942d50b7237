/// Writes RFC 4180 CSV: comma-separated, a field quoted only when it holds a
/// comma, a quote or a line break (quotes doubled inside), rows ending in LF.
/// What R's readr, pandas, DuckDB and Stata's `import delimited` read without options.
public final class CSVWriter {
    private let sink: ByteSink
    private var buffer: [UInt8] = []
    private var atRowStart = true
    private let flushThreshold = 1 << 16

    /// Writes CSV into `sink`.
    public init(sink: ByteSink) {
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Writes one field from raw bytes.
    @inline(__always)
    public func field(_ bytes: UnsafeRawBufferPointer) {
        if !atRowStart { buffer.append(0x2C) }
        atRowStart = false
        Self.appendEscaped(bytes, to: &buffer)
    }

    /// Appends a field's bytes to `out`, quoted (quotes doubled) only when it holds a comma, a quote or a line break.
    @inline(__always)
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var needsQuotes = false
        for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Writes one field from text.
    public func field(_ text: String) {
        var text = text
        text.withUTF8 { field(UnsafeRawBufferPointer($0)) }
    }

    /// Writes fields already encoded as CSV (by `encode(_:)`), as they are.
    public func encodedFields(_ text: String) {
        if !atRowStart { buffer.append(0x2C) }
        atRowStart = false
        buffer.append(contentsOf: text.utf8)
    }

    /// Fields as CSV text (quoted where needed, comma-separated, no line end), for `encodedFields(_:)`.
    public static func encode(_ fields: [String]) -> String {
        var out: [UInt8] = []
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            var f = f
            f.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes an empty field.
    public func emptyField() {
        if !atRowStart { buffer.append(0x2C) }
        atRowStart = false
    }

    /// Ends the row, and passes the buffer on when it is large.
    public func endRow() throws(SurveyError) {
        buffer.append(0x0A)
        atRowStart = true
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes a whole row of text fields.
    public func row(_ fields: [String]) throws(SurveyError) {
        for f in fields { field(f) }
        try endRow()
    }

    /// Passes buffered bytes to the sink.
    public func flush() throws(SurveyError) {
        guard !buffer.isEmpty else { return }
        let result: Result<Void, SurveyError> = buffer.withUnsafeBytes { raw in
            do throws(SurveyError) {
                try sink.write(raw)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and finishes the sink.
    public func finish() throws(SurveyError) {
        try flush()
        try sink.finish()
    }
}
