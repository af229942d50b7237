/// The delimited text format of the UK Data Service's `.tab` files: a header line of
/// names, then one line per row, fields separated by tabs.
struct DelimitedFormat: TableFormat {
    var name: String { "tab" }

    /// Text: no NUL byte in the first bytes (every binary survey format has them early).
    func recognises(_ prefix: UnsafeRawBufferPointer) -> Bool { !prefix.contains(0) }

    func reader(for input: DataInput, options: ReadOptions) -> any TableReader {
        DelimitedTableReader(input: input, options: options)
    }
}

/// Reads a delimited text file (tab by default) whose first line names the columns,
/// streaming, decoding only the columns the caller projects.
///
/// ```swift
/// let reader = DelimitedTableReader(input: DataInput(path: "h_indresp.tab.gz"))
/// try reader.read(project: { header in try header.projection(of: ["pidp", "h_jbstat"], file: "…") }) { row in
///     let pidp = row.int(0)
/// }
/// ```
///
/// Quoting is not interpreted: the UK Data Service's tab files never quote, and a
/// tab cannot occur inside a value. Lines may end in LF or CRLF.
public final class DelimitedTableReader: TableReader {
    /// The file.
    public let input: DataInput
    /// The options.
    public let options: ReadOptions
    /// Called now and then with (file bytes consumed, file size) while reading.
    public var onProgress: ((Int, Int?) -> Void)?

    /// A reader of `input`.
    public init(input: DataInput, options: ReadOptions = ReadOptions()) {
        self.input = input
        self.options = options
    }

    /// Reads only the header line.
    public func readHeader() throws(SurveyError) -> TableHeader {
        var header: TableHeader?
        var options = self.options
        options.pipelined = false
        options.chunkSize = 64 << 10
        let source = try input.open(limits: options.limits)
        let buffer = RawBuffer(byteCount: options.chunkSize)
        var splitter = LineSplitter(maxFirstLineBytes: options.maxHeaderBytes, maxLineBytes: options.maxLineBytes)
        let name = input.description
        let caseless = options.caseInsensitiveNames
        let delimiter = options.delimiter
        let maxColumns = options.maxColumns
        while header == nil {
            let n = try source.read(into: buffer.bytes)
            let handle = { (line: UnsafeRawBufferPointer, _: Int, _: Int) throws(SurveyError) in
                if header == nil {
                    header = try Self.parseHeader(
                        line, delimiter: delimiter, caseless: caseless, maxColumns: maxColumns, file: name)
                }
            }
            if n == 0 {
                try splitter.finish(handle)
                try Self.check(splitter, file: name)
                break
            }
            try splitter.feed(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n), handle)
            try Self.check(splitter, file: name)
        }
        guard let header else {
            throw SurveyError(.corrupt, file: name, line: 1, reason: "file is empty: no header line")
        }
        return header
    }

    /// Reads every data line, calling `row` with the projected cells.
    ///
    /// - Throws: `SurveyError` for unreadable input, a row with the wrong number
    ///   of fields (naming file, line and byte offset), or whatever `project` or `row` throw.
    @discardableResult
    public func read(
        project: (TableHeader) throws -> ColumnProjection,
        row: (RowCells) throws -> Void
    ) throws -> TableSummary {
        var splitter = LineSplitter(maxFirstLineBytes: options.maxHeaderBytes, maxLineBytes: options.maxLineBytes)
        var fields: FieldSplitter?
        var rows = 0
        let name = input.description
        let delimiter = options.delimiter
        let caseless = options.caseInsensitiveNames
        let maxColumns = options.maxColumns

        let handle = { (line: UnsafeRawBufferPointer, number: Int, offset: Int) throws in
            guard let splitterForRows = fields else {
                let header = try Self.parseHeader(
                    line, delimiter: delimiter, caseless: caseless, maxColumns: maxColumns, file: name)
                fields = FieldSplitter(projection: try project(header), delimiter: delimiter)
                return
            }
            guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                if splitterForRows.projection.columnCount == 1 {
                    // A one-column file's empty line is one empty cell.
                    try Self.emptyLine(row: row, fields: splitterForRows, number: number, offset: offset)
                    rows += 1
                    return
                }
                throw Self.fieldCountError(file: name, line: number, offset: offset, found: 1, splitterForRows)
            }
            let found = splitterForRows.split(base, count: line.count)
            if found != splitterForRows.projection.columnCount {
                throw Self.fieldCountError(file: name, line: number, offset: offset, found: found, splitterForRows)
            }
            rows += 1
            try row(
                RowCells(
                    base: base, cells: splitterForRows.cells, count: splitterForRows.projection.columnIndices.count,
                    lineNumber: number, byteOffset: offset))
        }

        if options.pipelined {
            let chunks = PipelinedChunks(input: input, chunkSize: options.chunkSize, limits: options.limits)
            var lastReport = 0
            while let chunk = try chunks.next() {
                try splitter.feed(chunk, handle)
                try Self.check(splitter, file: name)
                if let onProgress, splitter.bytesFed - lastReport >= 16 << 20 {
                    lastReport = splitter.bytesFed
                    let (consumed, total) = chunks.progress
                    onProgress(consumed, total)
                }
            }
        } else {
            let source = try input.open(limits: options.limits)
            let buffer = RawBuffer(byteCount: options.chunkSize)
            while true {
                let n = try source.readFully(into: buffer.bytes)
                if n == 0 { break }
                try splitter.feed(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n), handle)
                try Self.check(splitter, file: name)
                onProgress?(source.bytesConsumed, source.totalBytes)
            }
        }
        try splitter.finish(handle)
        try Self.check(splitter, file: name)
        if fields == nil {
            throw SurveyError(.corrupt, file: name, line: 1, reason: "file is empty: no header line")
        }
        return TableSummary(rows: rows, bytes: splitter.bytesFed)
    }

    /// A line over its limit, as an error naming the file, the line and its offset.
    static func check(_ splitter: LineSplitter, file: String) throws(SurveyError) {
        guard let (number, offset, limit) = splitter.overlong else { return }
        let header = number == 1
        throw SurveyError(
            .limitExceeded, file: file, line: number, byteOffset: offset,
            reason: "\(header ? "the header line" : "the line") is longer than \(limit) bytes",
            hint: header
                ? "a header this long is not a survey file's (are the lines ended by CR alone? Convert them "
                    + "with tr '\\r' '\\n'); if it is one, raise --max-header-size"
                : "is the file binary, or not split into lines? If the lines are right, raise --max-line-size")
    }

    static func parseHeader(
        _ line: UnsafeRawBufferPointer, delimiter: UInt8, caseless: Bool, maxColumns: Int = .max, file: String
    ) throws(SurveyError) -> TableHeader {
        // Counted before any name is made, so a header of millions of columns costs no memory.
        var columns = 1
        for byte in line where byte == delimiter {
            columns += 1
            if columns > maxColumns {
                throw SurveyError(
                    .limitExceeded, file: file, line: 1,
                    reason: "the header names more than \(maxColumns) columns",
                    hint: "real survey files have a few thousand; if this one has more, raise --max-columns")
            }
        }
        // A carriage return inside the first line (CRLF's is already gone): lines ended by CR alone.
        if let cr = line.firstIndex(of: 0x0D) {
            throw SurveyError(
                .unsupported, file: file, line: 1, byteOffset: cr,
                reason: "the lines end with a carriage return (CR) alone, as on classic Mac OS, so the whole "
                    + "file reads as one line; ukpanel reads lines ended by LF or CRLF",
                hint: "convert the line ends first, for example: tr '\\r' '\\n' < FILE > FIXED.tab")
        }
        var bytes = line[...]
        // A UTF-8 byte-order mark before the first name is not part of it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let names = bytes.split(separator: delimiter, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingSpaces()
        }
        guard !(names.count == 1 && names[0].isEmpty) else {
            throw SurveyError(.corrupt, file: file, line: 1, reason: "the header line is empty")
        }
        return TableHeader(format: "tab", names: names, caseInsensitive: caseless)
    }

    private static func emptyLine(row: (RowCells) throws -> Void, fields: FieldSplitter, number: Int, offset: Int)
        throws
    {
        var byte: UInt8 = 0
        fields.clear()
        try withUnsafeMutablePointer(to: &byte) { pointer in
            try row(
                RowCells(
                    base: UnsafePointer(pointer), cells: fields.cells, count: fields.projection.columnIndices.count,
                    lineNumber: number, byteOffset: offset))
        }
    }

    private static func fieldCountError(
        file: String, line: Int, offset: Int, found: Int, _ fields: FieldSplitter
    ) -> SurveyError {
        SurveyError(
            .wrongFieldCount, file: file, line: line, byteOffset: offset,
            reason: "row has \(found) fields but the header names \(fields.projection.columnCount)",
            hint: found == 1 ? "is this line blank, or the file not tab-delimited?" : nil)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
