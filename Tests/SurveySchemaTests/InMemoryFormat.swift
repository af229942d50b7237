import SurveyFiles

/// A small binary table format that exists only in the tests, to show that a format
/// plugs in through the table seam alone: this one file and one
/// `TableFormats.register(InMemoryFormat())`, nothing else in ukpanel touched.
///
/// Layout, little-endian: the magic `UKPMEM1\0`; a UInt16 column count; per column a
/// type byte (1 Int32, 2 Float64, 3 fixed text), a width byte (text), then its name and
/// its label, each a length byte and UTF-8 bytes; a UInt32 row count; the rows, fixed
/// width. Int32.min is the format's system-missing value and Int32.min + 1 its `.a`;
/// a Float64 NaN is system-missing.
struct InMemoryFormat: TableFormat {
    static let magic = Array("UKPMEM1\0".utf8)

    var name: String { "ukpmem" }

    func recognises(_ prefix: UnsafeRawBufferPointer) -> Bool {
        prefix.count >= Self.magic.count && Array(prefix.prefix(Self.magic.count)) == Self.magic
    }

    func reader(for input: DataInput, options: ReadOptions) -> any TableReader {
        InMemoryTableReader(input: input, options: options)
    }

    /// A column of the format.
    struct Column {
        enum Kind: UInt8 {
            case int32 = 1
            case float64 = 2
            case text = 3
        }
        var name: String
        var kind: Kind
        var width = 0
        var label = ""

        var size: Int {
            switch kind {
            case .int32: return 4
            case .float64: return 8
            case .text: return width
            }
        }
    }

    /// A cell to write.
    enum Value {
        case int(Int32)
        case real(Double)
        case text(String)
        case missing, missingA
    }

    /// A file's bytes.
    static func encode(columns: [Column], rows: [[Value]]) -> [UInt8] {
        var out = magic
        func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(s)) & 0xFF)) } }
        func text(_ s: String) {
            out.append(UInt8(s.utf8.count))
            out += Array(s.utf8)
        }
        u16(columns.count)
        for c in columns {
            out += [c.kind.rawValue, UInt8(c.width)]
            text(c.name)
            text(c.label)
        }
        u32(UInt32(rows.count))
        for row in rows {
            for (c, value) in zip(columns, row) {
                switch (c.kind, value) {
                case (.int32, .int(let v)): u32(UInt32(bitPattern: v))
                case (.int32, .missingA): u32(UInt32(bitPattern: Int32.min + 1))
                case (.int32, _): u32(UInt32(bitPattern: Int32.min))
                case (.float64, .real(let v)):
                    for s in stride(from: 0, to: 64, by: 8) { out.append(UInt8((v.bitPattern >> UInt64(s)) & 0xFF)) }
                case (.float64, _):
                    for s in stride(from: 0, to: 64, by: 8) {
                        out.append(UInt8((Double.nan.bitPattern >> UInt64(s)) & 0xFF))
                    }
                case (.text, .text(let s)):
                    let bytes = Array(s.utf8.prefix(c.width))
                    out += bytes + [UInt8](repeating: 0, count: c.width - bytes.count)
                case (.text, _): out += [UInt8](repeating: 0, count: c.width)
                }
            }
        }
        return out
    }
}

/// The reader: the whole file is small, so it is read at once; rows are decoded
/// from their fixed offsets, only the projected columns.
final class InMemoryTableReader: TableReader {
    let input: DataInput
    let options: ReadOptions
    var onProgress: ((Int, Int?) -> Void)?

    init(input: DataInput, options: ReadOptions) {
        self.input = input
        self.options = options
    }

    private func bytes() throws(SurveyError) -> [UInt8] {
        let source = try input.open(limits: options.limits)
        var all: [UInt8] = []
        let chunk = RawBuffer(byteCount: 4096)
        while true {
            let n = try source.read(into: chunk.bytes)
            if n == 0 { break }
            all += UnsafeRawBufferPointer(start: chunk.baseAddress, count: n)
        }
        return all
    }

    private func parse(_ b: [UInt8]) throws(SurveyError) -> (TableHeader, [InMemoryFormat.Column], Int, Int) {
        var i = InMemoryFormat.magic.count
        func need(_ n: Int) throws(SurveyError) {
            guard i + n <= b.count else {
                throw SurveyError(.truncated, file: input.description, byteOffset: i, reason: "file ends early")
            }
        }
        func text() throws(SurveyError) -> String {
            try need(1)
            let n = Int(b[i])
            try need(1 + n)
            defer { i += 1 + n }
            return String(decoding: b[(i + 1)..<(i + 1 + n)], as: UTF8.self)
        }
        try need(2)
        let count = Int(b[i]) | Int(b[i + 1]) << 8
        i += 2
        var columns: [InMemoryFormat.Column] = []
        for _ in 0..<count {
            try need(2)
            guard let kind = InMemoryFormat.Column.Kind(rawValue: b[i]) else {
                throw SurveyError(.corrupt, file: input.description, byteOffset: i, reason: "unknown column type")
            }
            let width = Int(b[i + 1])
            i += 2
            let name = try text()
            columns.append(InMemoryFormat.Column(name: name, kind: kind, width: width, label: try text()))
        }
        try need(4)
        let rows = (0..<4).reduce(0) { $0 | Int(b[i + $1]) << (8 * $1) }
        i += 4
        let header = TableHeader(
            format: "ukpmem",
            columns: columns.map { c in
                TableColumn(
                    name: c.name,
                    storage: c.kind == .int32
                        ? .integer(bytes: 4) : c.kind == .float64 ? .real(bytes: 8) : .text(width: c.width),
                    label: c.label.isEmpty ? nil : c.label)
            }, caseInsensitive: options.caseInsensitiveNames, declaredRows: rows)
        return (header, columns, rows, i)
    }

    func readHeader() throws(SurveyError) -> TableHeader { try parse(try bytes()).0 }

    func read(project: (TableHeader) throws -> ColumnProjection, row: (RowCells) throws -> Void) throws -> TableSummary
    {
        let b = try bytes()
        let (header, columns, rows, start) = try parse(b)
        let projection = try project(header)
        var offsets: [Int] = []
        var at = 0
        for c in columns {
            offsets.append(at)
            at += c.size
        }
        let width = at
        guard start + rows * width <= b.count else {
            throw SurveyError(
                .truncated, file: input.description, byteOffset: b.count, reason: "\(rows) rows do not fit in the file")
        }
        var cells = [TableCell](repeating: .empty, count: projection.columnIndices.count)
        try b.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for r in 0..<rows {
                let rowStart = start + r * width
                for (slot, column) in projection.columnIndices.enumerated() {
                    let c = columns[column]
                    let p = rowStart + offsets[column]
                    switch c.kind {
                    case .int32:
                        let v = Int32(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(all[p + $1]) << (8 * $1) })
                        cells[slot] =
                            v == Int32.min
                            ? .missing(.system) : v == Int32.min + 1 ? .missing(.extended(1)) : .integer(Int(v))
                    case .float64:
                        let v = Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(all[p + $1]) << (8 * $1) })
                        cells[slot] = v.isNaN ? .missing(.system) : .real(v)
                    case .text:
                        var end = p + c.width
                        while end > p && all[end - 1] == 0 { end -= 1 }
                        cells[slot] = .bytes(start: p, end: end)
                    }
                }
                try cells.withUnsafeBufferPointer { view in
                    guard let first = view.baseAddress else { return }
                    try row(
                        RowCells(base: base, cells: first, count: view.count, lineNumber: r + 2, byteOffset: rowStart))
                }
            }
        }
        onProgress?(b.count, b.count)
        return TableSummary(rows: rows, bytes: b.count)
    }
}
