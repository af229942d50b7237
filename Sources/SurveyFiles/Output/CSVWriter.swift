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
        var needsQuotes = false
        for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
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
        var parts: [String] = []
        parts.reserveCapacity(fields.count)
        for f in fields {
            if f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                var quoted = "\""
                for c in f {
                    if c == "\"" { quoted.append("\"") }
                    quoted.append(c)
                }
                parts.append(quoted + "\"")
            } else {
                parts.append(f)
            }
        }
        return parts.joined(separator: ",")
    }

    /// Writes an empty field.
    public func emptyField() {
        if !atRowStart { buffer.append(0x2C) }
        atRowStart = false
    }

    /// Ends the row, and passes the buffer on when it is large.
    public func endRow() throws(SurveyFileError) {
        buffer.append(0x0A)
        atRowStart = true
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes a whole row of text fields.
    public func row(_ fields: [String]) throws(SurveyFileError) {
        for f in fields { field(f) }
        try endRow()
    }

    /// Passes buffered bytes to the sink.
    public func flush() throws(SurveyFileError) {
        guard !buffer.isEmpty else { return }
        let result: Result<Void, SurveyFileError> = buffer.withUnsafeBytes { raw in
            do throws(SurveyFileError) {
                try sink.write(raw)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and finishes the sink.
    public func finish() throws(SurveyFileError) {
        try flush()
        try sink.finish()
    }
}
