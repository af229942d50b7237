/// Writes an Apache Parquet file (apache/parquet-format's `parquet.thrift`), streaming: rows are
/// gathered column by column into a row group, which is written out (dictionary page, data pages)
/// once it holds `Limits.rowGroupRows` rows or `Limits.rowGroupBytes` bytes, so memory stays
/// bounded whatever the table's size. The footer (`FileMetaData`, Thrift compact protocol) follows
/// the last row group; `finish()` writes it, and the owner of the sink then finishes (or commits) it.
///
/// The schema is flat: a required root and one `optional` leaf per column (definition levels of
/// bit width 1, RLE / bit-packed): integers as `INT64`, reals as `DOUBLE`, text as `BYTE_ARRAY`
/// annotated `STRING` (dictionary-encoded, or plain when the dictionary grows large). Data pages
/// are version 1, compressed with zstd (or not at all). Each column chunk carries its statistics
/// (null count, minimum and maximum) and the file its column orders and key-value metadata.
public final class ParquetFileWriter: RowWriter {
    /// The page compression.
    public enum Codec: Sendable, Equatable {
        case none
        /// zstd at `level` (1–19; 3 is zstd's default).
        case zstd(level: Int32)

        var code: Int32 {
            switch self {
            case .none: return 0
            case .zstd: return 6
            }
        }
    }

    /// How large row groups, pages and dictionaries may grow.
    public struct Limits: Sendable {
        /// The most rows in a row group.
        public var rowGroupRows = 131_072
        /// The most bytes a row group holds in memory before it is written (about: arrays grow by
        /// doubling, so the memory used may be up to twice this).
        public var rowGroupBytes = 32 << 20
        /// The most rows in a data page.
        public var pageRows = 65_536
        /// The largest text dictionary of a column chunk; a larger one is written plain.
        public var dictionaryBytes = 1 << 20

        /// The defaults: 131,072 rows or 32 MiB a row group, 65,536 rows a page, 1 MiB dictionaries.
        public init() {}
    }

    private let sink: ByteSink
    private let name: String
    private let table: OutputTable
    private let codec: Codec
    private let limits: Limits
    private let createdBy: String
    private let compressor: PageCompressor
    private var buffers: [ParquetColumnBuffer]
    private var cell = 0
    private var rowsInGroup = 0
    /// The bytes the row group's buffers hold, about.
    private var groupBytes = 0
    private var rowsWritten = 0
    private var position = 0
    private var rowGroups: [RowGroupMetadata] = []
    private var finished = false

    /// Starts a Parquet file of `table`'s columns in `sink`; `name` is the file's name in messages.
    ///
    /// - Throws: `.invalidArgument` for a table with no columns or two columns of one name;
    ///   `.outputFailure` when zstd cannot start or the first bytes cannot be written.
    public init(
        sink: ByteSink, name: String, table: OutputTable, codec: Codec = .zstd(level: 3), limits: Limits = Limits(),
        createdBy: String = "ukpanel"
    ) throws(SurveyError) {
        guard !table.columns.isEmpty else {
            throw SurveyError(.invalidArgument, file: name, reason: "a Parquet file needs at least one column")
        }
        var seen = Set<String>()
        for column in table.columns where !seen.insert(column.name).inserted {
            throw SurveyError(
                .invalidArgument, file: name, variable: column.name, reason: "two columns have this name")
        }
        self.sink = sink
        self.name = name
        self.table = table
        self.codec = codec
        self.limits = limits
        self.createdBy = createdBy
        buffers = table.columns.map { ParquetColumnBuffer(physical: Self.physical($0.kind)) }
        compressor = try PageCompressor(codec, name: name)
        try write(Array("PAR1".utf8))
    }

    static func physical(_ kind: OutputColumn.Kind) -> ParquetColumnBuffer.Physical {
        switch kind {
        case .integer: return .int64
        case .real: return .double
        case .text: return .byteArray
        }
    }

    public var keepsMissingLetters: Bool { false }

    /// The column of the next cell; `advance()` moves past it once the cell is stored, so a cell
    /// refused leaves the row where it was.
    private func current() throws(SurveyError) -> Int {
        guard cell < buffers.count else {
            throw SurveyError(
                .invalidArgument, file: name, line: rowsWritten + rowsInGroup + 1,
                reason: "a row has more than the \(buffers.count) cells the table's columns call for")
        }
        return cell
    }

    private func advance(_ bytes: Int) {
        cell += 1
        groupBytes += bytes
    }

    private func mismatch(_ column: Int, _ what: String) -> SurveyError {
        SurveyError(
            .invalidValue, file: name, line: rowsWritten + rowsInGroup + 1, variable: table.columns[column].name,
            reason: "\(what) cannot go in a column of \(Self.describe(table.columns[column].kind))")
    }

    static func describe(_ kind: OutputColumn.Kind) -> String {
        switch kind {
        case .integer: return "whole numbers"
        case .real: return "real numbers"
        case .text: return "text"
        }
    }

    public func integer(_ value: Int) throws(SurveyError) {
        let k = try current()
        switch buffers[k].physical {
        case .int64: buffers[k].append(Int64(value))
        case .double: buffers[k].append(Double(value))
        case .byteArray: throw mismatch(k, "the number \(value)")
        }
        advance(9)
    }

    public func real(_ value: Double) throws(SurveyError) {
        let k = try current()
        guard value.isFinite else { throw mismatch(k, "\(value)") }
        switch buffers[k].physical {
        case .double: buffers[k].append(value)
        case .int64:
            guard value.rounded() == value, abs(value) < 9.2e18 else { throw mismatch(k, "\(value)") }
            buffers[k].append(Int64(value))
        case .byteArray: throw mismatch(k, "the number \(value)")
        }
        advance(9)
    }

    public func text(_ value: String) throws(SurveyError) {
        let k = try current()
        guard buffers[k].physical == .byteArray else { throw mismatch(k, "text") }
        advance(buffers[k].append(text: value))
    }

    public func missing(letter: UInt8) throws(SurveyError) {
        let k = try current()
        buffers[k].appendNull()
        advance(1)
    }

    public func endRow() throws(SurveyError) {
        guard cell == buffers.count else {
            throw SurveyError(
                .invalidArgument, file: name, line: rowsWritten + rowsInGroup + 1,
                reason: "a row has \(cell) cells, not the \(buffers.count) of the table's columns")
        }
        cell = 0
        rowsInGroup += 1
        if rowsInGroup >= limits.rowGroupRows || groupBytes >= limits.rowGroupBytes { try writeRowGroup() }
    }

    public func finish() throws(SurveyError) {
        guard !finished else { return }
        guard cell == 0 else {
            throw SurveyError(.invalidArgument, file: name, reason: "the last row is not complete")
        }
        if rowsInGroup > 0 { try writeRowGroup() }
        var footer = ThriftCompactWriter()
        writeFileMetadata(&footer)
        guard let length = UInt32(exactly: footer.bytes.count) else {
            throw SurveyError(
                .outputFailure, file: name, reason: "the footer of \(footer.bytes.count) bytes is more than Parquet holds")
        }
        try write(footer.bytes)
        var tail: [UInt8] = []
        Self.appendUInt32(length, to: &tail)
        try write(tail + Array("PAR1".utf8))
        finished = true
    }

    // MARK: Row groups and pages

    private struct ColumnChunkMetadata {
        var encodings: [Int32]
        var valueCount: Int
        var uncompressed: Int
        var compressed: Int
        var dataPageOffset: Int
        var dictionaryPageOffset: Int?
        var statistics: ThriftCompactWriter
    }

    private struct RowGroupMetadata {
        var columns: [ColumnChunkMetadata]
        var rows: Int
        var offset: Int
        var uncompressed: Int
        var compressed: Int
    }

    private func writeRowGroup() throws(SurveyError) {
        let start = position
        var chunks: [ColumnChunkMetadata] = []
        for k in buffers.indices {
            chunks.append(try writeColumnChunk(buffers[k]))
            buffers[k].reset()
        }
        rowGroups.append(
            RowGroupMetadata(
                columns: chunks, rows: rowsInGroup, offset: start, uncompressed: chunks.reduce(0) { $0 + $1.uncompressed },
                compressed: chunks.reduce(0) { $0 + $1.compressed }))
        rowsWritten += rowsInGroup
        rowsInGroup = 0
        groupBytes = 0
    }

    private func writeColumnChunk(_ column: ParquetColumnBuffer) throws(SurveyError) -> ColumnChunkMetadata {
        let useDictionary =
            column.physical == .byteArray && column.dictionaryBytes <= limits.dictionaryBytes
            && column.dictionary.count <= Int(Int32.max)
        var chunk = ColumnChunkMetadata(
            encodings: [3, useDictionary ? 8 : 0], valueCount: column.rows, uncompressed: 0, compressed: 0,
            dataPageOffset: 0, dictionaryPageOffset: nil, statistics: statistics(column))
        if useDictionary {
            chunk.encodings.append(0)  // the dictionary page is PLAIN
            var plain: [UInt8] = []
            for value in column.dictionary { Self.appendPlain(value, to: &plain) }
            var header = ThriftCompactWriter()
            chunk.dictionaryPageOffset = position
            let sizes = try writePage(plain) { size, compressed in
                header.i32(1, 2)  // DICTIONARY_PAGE
                header.i32(2, Int32(truncatingIfNeeded: size))
                header.i32(3, Int32(truncatingIfNeeded: compressed))
                header.structure(7) { d in
                    d.i32(1, Int32(truncatingIfNeeded: column.dictionary.count))
                    d.i32(2, 0)  // PLAIN
                }
                header.end()
                return header.bytes
            }
            chunk.uncompressed += sizes.uncompressed
            chunk.compressed += sizes.compressed
        }
        chunk.dataPageOffset = position
        let bitWidth = max(1, RLEHybridEncoder.bitWidth(for: column.dictionary.count - 1))
        var row = 0
        var value = 0
        while row < column.rows {
            let end = min(row + limits.pageRows, column.rows)
            var levels = RLEHybridEncoder(bitWidth: 1)
            var present = 0
            for r in row..<end {
                levels.append(UInt32(column.definitions[r]))
                present += Int(column.definitions[r])
            }
            levels.finish()
            var body: [UInt8] = []
            body.reserveCapacity(4 + levels.bytes.count + present * 9)
            Self.appendUInt32(UInt32(levels.bytes.count), to: &body)
            body += levels.bytes
            switch column.physical {
            case .int64:
                for v in column.integers[value..<(value + present)] { Self.appendUInt64(UInt64(bitPattern: v), to: &body) }
            case .double:
                for v in column.doubles[value..<(value + present)] { Self.appendUInt64(v.bitPattern, to: &body) }
            case .byteArray:
                let indices = column.indices[value..<(value + present)]
                if useDictionary {
                    body.append(UInt8(bitWidth))
                    var encoder = RLEHybridEncoder(bitWidth: bitWidth)
                    for i in indices { encoder.append(UInt32(i)) }
                    encoder.finish()
                    body += encoder.bytes
                } else {
                    for i in indices { Self.appendPlain(column.dictionary[Int(i)], to: &body) }
                }
            }
            value += present
            let count = end - row
            let encoding: Int32 = useDictionary ? 8 : 0
            var header = ThriftCompactWriter()
            let sizes = try writePage(body) { size, compressed in
                header.i32(1, 0)  // DATA_PAGE
                header.i32(2, Int32(truncatingIfNeeded: size))
                header.i32(3, Int32(truncatingIfNeeded: compressed))
                header.structure(5) { d in
                    d.i32(1, Int32(truncatingIfNeeded: count))
                    d.i32(2, encoding)
                    d.i32(3, 3)  // definition levels: RLE
                    d.i32(4, 3)  // repetition levels: RLE (none are written: the schema is flat)
                }
                header.end()
                return header.bytes
            }
            chunk.uncompressed += sizes.uncompressed
            chunk.compressed += sizes.compressed
            row = end
        }
        return chunk
    }

    /// Writes one page: its header (made by `header` from the page's uncompressed and compressed
    /// sizes) and its body, compressed. Returns the sizes with the header, as the metadata counts them.
    private func writePage(_ body: [UInt8], header: (Int, Int) -> [UInt8]) throws(SurveyError)
        -> (uncompressed: Int, compressed: Int)
    {
        guard body.count <= Int(Int32.max) else {
            throw SurveyError(.outputFailure, file: name, reason: "a page of \(body.count) bytes is too large")
        }
        let stored = try compressor.compress(body)
        let head = header(body.count, stored.count)
        try write(head)
        try write(stored)
        return (head.count + body.count, head.count + stored.count)
    }

    private func statistics(_ column: ParquetColumnBuffer) -> ThriftCompactWriter {
        var s = ThriftCompactWriter()
        s.i64(3, Int64(column.nulls))
        var minimum: [UInt8]?
        var maximum: [UInt8]?
        if column.values > 0 {
            switch column.physical {
            case .int64:
                minimum = Self.littleEndian(UInt64(bitPattern: column.minInteger))
                maximum = Self.littleEndian(UInt64(bitPattern: column.maxInteger))
            case .double:
                // Zero bounds as the specification asks: -0.0 for a minimum, +0.0 for a maximum.
                let low = column.minDouble == 0 ? -0.0 : column.minDouble
                let high = column.maxDouble == 0 ? 0.0 : column.maxDouble
                minimum = Self.littleEndian(low.bitPattern)
                maximum = Self.littleEndian(high.bitPattern)
            case .byteArray:
                minimum = column.minText
                maximum = column.maxText
            }
        }
        if let maximum { s.binary(5, maximum) }
        if let minimum { s.binary(6, minimum) }
        if maximum != nil { s.bool(7, true) }
        if minimum != nil { s.bool(8, true) }
        if column.physical == .double { s.i64(9, 0) }
        return s
    }

    // MARK: The footer

    private func writeFileMetadata(_ w: inout ThriftCompactWriter) {
        let columns = table.columns
        w.i32(1, 1)  // version
        w.list(2, structures: columns.count + 1) { e, k in
            guard k > 0 else {
                e.string(4, "schema")
                e.i32(5, Int32(columns.count))
                return
            }
            let column = columns[k - 1]
            e.i32(1, Self.physical(column.kind).rawValue)
            e.i32(3, 1)  // OPTIONAL
            e.string(4, column.name)
            if case .text = column.kind {
                e.i32(6, 0)  // UTF8
                e.structure(10) { l in l.structure(1) { _ in } }  // LogicalType STRING
            }
        }
        w.i64(3, Int64(rowsWritten))
        w.list(4, structures: rowGroups.count) { g, k in
            let group = rowGroups[k]
            g.list(1, structures: group.columns.count) { c, j in
                let chunk = group.columns[j]
                c.i64(2, 0)  // file_offset: no metadata outside the footer
                c.structure(3) { m in
                    m.i32(1, Self.physical(columns[j].kind).rawValue)
                    m.list(2, i32: chunk.encodings)
                    m.list(3, strings: [columns[j].name])
                    m.i32(4, codec.code)
                    m.i64(5, Int64(chunk.valueCount))
                    m.i64(6, Int64(chunk.uncompressed))
                    m.i64(7, Int64(chunk.compressed))
                    m.i64(9, Int64(chunk.dataPageOffset))
                    if let dictionary = chunk.dictionaryPageOffset { m.i64(11, Int64(dictionary)) }
                    m.embed(12, chunk.statistics)
                }
            }
            g.i64(2, Int64(group.uncompressed))
            g.i64(3, Int64(group.rows))
            g.i64(5, Int64(group.offset))
            g.i64(6, Int64(group.compressed))
            g.i16(7, Int16(truncatingIfNeeded: k))
        }
        if !table.metadata.isEmpty {
            let metadata = table.metadata
            w.list(5, structures: metadata.count) { kv, k in
                kv.string(1, metadata[k].key)
                kv.string(2, metadata[k].value)
            }
        }
        w.string(6, createdBy)
        w.list(7, structures: columns.count) { order, _ in order.structure(1) { _ in } }  // TYPE_ORDER
        w.end()
    }

    // MARK: Bytes

    private func write(_ bytes: [UInt8]) throws(SurveyError) {
        try sink.write(bytes)
        position += bytes.count
    }

    static func appendPlain(_ text: [UInt8], to out: inout [UInt8]) {
        appendUInt32(UInt32(text.count), to: &out)
        out += text
    }

    static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    static func appendUInt64(_ value: UInt64, to out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        appendUInt64(value, to: &out)
        return out
    }
}
