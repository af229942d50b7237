import CZlib

/// Writes an SPSS system file: `.sav` uncompressed or bytecode-compressed, or `.zsav`
/// (zlib blocks), in either byte order, UTF-8, streaming: the dictionary (long names,
/// very long strings, variable and value labels, user-missing values), then the cases as
/// they come (`set…` the cells of a case, then `endRow()`), and at `finish()` the case
/// count patched into the header. Written under a temporary name and renamed when complete.
public final class SPSSFileWriter {
    /// How the cases are stored.
    public enum Compression: Sendable, Hashable {
        /// Fixed-width cases.
        case none
        /// SPSS's bytecode compression.
        case bytecode
        /// Bytecode compression, then zlib in independent blocks (`.zsav`).
        case zlib
    }

    /// One variable of the file.
    public struct Column: Sendable {
        /// The name (up to 64 bytes).
        public var name: String
        /// 0 for a number; the width in bytes of a string (up to 32,767).
        public var width: Int
        /// The variable label.
        public var label: String
        /// Value labels of a numeric variable.
        public var valueLabels: [Double: String]
        /// User-missing values of a numeric variable: up to three values, or one range and one value.
        public var missing: [ClosedRange<Double>]

        /// A variable; only the name is required (a number).
        public init(
            name: String, width: Int = 0, label: String = "", valueLabels: [Double: String] = [:],
            missing: [ClosedRange<Double>] = []
        ) {
            self.name = name
            self.width = width
            self.label = label
            self.valueLabels = valueLabels
            self.missing = missing
        }
    }

    /// The inflated size of a `.zsav` block, as SPSS writes them.
    public static let standardBlockSize = 0x3F_F000

    private let file: AtomicOutputFile
    private let path: String
    private let order: ByteOrder
    private let compression: Compression
    private let columns: [Column]
    /// Per column, each segment's first element and its width in bytes.
    private let segments: [[(element: Int, bytes: Int)]]
    private let caseSize: Int
    private let blockSize: Int
    private var row: [UInt8]
    private var rows = 0
    private var ncasesOffset = 0
    private var ncases64Offset = 0
    private var bytecode = BytecodeWriter()
    private var zlibBlocks: ZlibBlockWriter?

    /// Starts writing `path`.
    ///
    /// - Throws: `.invalidArgument` for an empty or over-long name, a bad width or missing-value list;
    ///   `.outputFailure` when the file cannot be created.
    public init(
        path: String, compression: Compression = .bytecode, byteOrder: ByteOrder = .littleEndian,
        columns: [Column], fileLabel: String = "", blockSize: Int = standardBlockSize
    ) throws(SurveyError) {
        var segments: [[(Int, Int)]] = []
        var element = 0
        var seen = Set<String>()
        for column in columns {
            let first = column.name.unicodeScalars.first
            guard first.map({ $0.properties.isAlphabetic || "@#$".unicodeScalars.contains($0) }) ?? false,
                !column.name.contains(where: { " \t=".contains($0) }),
                seen.insert(column.name.uppercased()).inserted
            else {
                throw SurveyError(
                    .invalidArgument, file: path, variable: column.name,
                    reason:
                        "not a valid SPSS name (it starts with a letter, @, # or $; has no space, tab or '='; and differs from every other name in more than case)"
                )
            }
        }
        for column in columns {
            guard !column.name.isEmpty, column.name.utf8.count <= 64 else {
                throw SurveyError(
                    .invalidArgument, file: path, variable: column.name, reason: "an SPSS name has 1 to 64 bytes")
            }
            guard column.width >= 0, column.width <= 32_767 else {
                throw SurveyError(
                    .invalidArgument, file: path, variable: column.name,
                    reason: "an SPSS string has 1 to 32,767 bytes")
            }
            let discrete = column.missing.filter { $0.lowerBound == $0.upperBound }.count
            let ranges = column.missing.count - discrete
            guard column.width == 0 || column.missing.isEmpty, ranges <= 1, discrete <= (ranges == 1 ? 1 : 3) else {
                throw SurveyError(
                    .invalidArgument, file: path, variable: column.name,
                    reason: "SPSS allows up to three missing values, or one range and one value, on a numeric variable")
            }
            var parts: [(Int, Int)] = []
            if column.width <= 255 {
                parts.append((element, column.width == 0 ? 8 : column.width))
                element += column.width == 0 ? 1 : (column.width + 7) / 8
            } else {
                let count = (column.width + 251) / 252
                for k in 0..<count {
                    let bytes = k < count - 1 ? 255 : column.width - (count - 1) * 252
                    parts.append((element, bytes))
                    element += (bytes + 7) / 8
                }
            }
            segments.append(parts)
        }
        self.path = path
        self.order = byteOrder
        self.compression = compression
        self.blockSize = min(max(blockSize, 64), ZSAVLayout.maxBlockSize)
        self.columns = columns
        self.segments = segments
        caseSize = element
        row = [UInt8](repeating: 0x20, count: 8 * element)
        file = try AtomicOutputFile(path: path)
        try writeDictionary(fileLabel: fileLabel)
        for (c, column) in columns.enumerated() where column.width == 0 { try setMissing(c) }
    }

    private func writeDictionary(fileLabel: String) throws(SurveyError) {
        var b = BinaryBuilder(order: order)
        b.append(compression == .zlib ? "$FL3" : "$FL2")
        b.append(fixed: Array("@(#) SPSS DATA FILE ukpanel".utf8), width: 60, pad: 0x20)
        b.append(Int32(2))
        b.append(Int32(caseSize))
        b.append(Int32(compression == .none ? 0 : compression == .bytecode ? 1 : 2))
        b.append(Int32(0))
        ncasesOffset = b.bytes.count
        b.append(Int32(-1))
        b.append(double: 100)
        b.append(fixed: Array("01 Jan 26".utf8), width: 9)
        b.append(fixed: Array("00:00:00".utf8), width: 8)
        b.append(fixed: StataFileWriter.cut(Array(fileLabel.utf8), to: 64), width: 64, pad: 0x20)
        b.append(bytes: [0, 0, 0])
        let shortNames = Self.shortNames(columns.map(\.name), segments: segments.map(\.count))
        var veryLong: [String] = []
        for (c, column) in columns.enumerated() {
            for (k, segment) in segments[c].enumerated() {
                let first = k == 0
                let type = column.width == 0 ? 0 : (column.width <= 255 ? column.width : segment.bytes)
                let format: Int32 = column.width == 0 ? 0x05_0802 : Int32(0x01_0000 | (min(type, 255) << 8))
                let label = first ? StataFileWriter.cut(Array(column.label.utf8), to: 255) : []
                let missing = first ? column.missing : []
                b.append(Int32(2))
                b.append(Int32(type))
                b.append(Int32(label.isEmpty ? 0 : 1))
                let hasRange = missing.contains { $0.lowerBound != $0.upperBound }
                b.append(Int32(hasRange ? -(missing.count + 1) : missing.count))
                b.append(format)
                b.append(format)
                b.append(fixed: Array(shortNames[c][k].utf8), width: 8, pad: 0x20)
                if !label.isEmpty {
                    b.append(Int32(label.count))
                    b.append(fixed: label, width: (label.count + 3) / 4 * 4, pad: 0x20)
                }
                for range in missing.sorted(by: { ($0.lowerBound != $0.upperBound) && ($1.lowerBound == $1.upperBound) }
                ) {
                    b.append(double: range.lowerBound)
                    if range.lowerBound != range.upperBound { b.append(double: range.upperBound) }
                }
                for _ in 1..<max((type + 7) / 8, 1) {
                    b.append(Int32(2))
                    b.append(Int32(-1))
                    for _ in 0..<4 { b.append(Int32(0)) }
                    b.append(fixed: [], width: 8, pad: 0x20)
                }
            }
            if column.width > 255 { veryLong.append("\(shortNames[c][0])=\(fiveDigits(column.width))\u{0}") }
        }
        for (c, column) in columns.enumerated() where !column.valueLabels.isEmpty && column.width == 0 {
            b.append(Int32(3))
            b.append(Int32(column.valueLabels.count))
            for (value, label) in column.valueLabels.sorted(by: { $0.key < $1.key }) {
                let text = StataFileWriter.cut(Array(label.utf8), to: 120)
                b.append(double: value)
                b.append(uint8: UInt8(text.count))
                b.append(fixed: text, width: (text.count + 1 + 7) / 8 * 8 - 1, pad: 0x20)
            }
            b.append(Int32(4))
            b.append(Int32(1))
            b.append(Int32(segments[c][0].element + 1))
        }
        // Integer and floating-point information, long names, very long strings, case count, encoding.
        b.append(Int32(7))
        b.append(Int32(3))
        b.append(Int32(4))
        b.append(Int32(8))
        for value: Int32 in [20, 0, 0, -1, 1, 1, order == .littleEndian ? 2 : 1, 65001] { b.append(value) }
        b.append(Int32(7))
        b.append(Int32(4))
        b.append(Int32(8))
        b.append(Int32(3))
        b.append(SPSSRowDecoder.systemMissingBits)
        b.append(double: .greatestFiniteMagnitude)
        b.append(UInt64(0xFFEF_FFFF_FFFF_FFFE))
        let longNames = Array(
            zip(shortNames, columns).map { "\($0.0[0])=\($0.1.name)" }.joined(separator: "\t").utf8)
        appendExtension(&b, subtype: 13, bytes: longNames)
        if !veryLong.isEmpty { appendExtension(&b, subtype: 14, bytes: Array(veryLong.joined(separator: "\t").utf8)) }
        b.append(Int32(7))
        b.append(Int32(16))
        b.append(Int32(8))
        b.append(Int32(2))
        b.append(Int64(1))
        ncases64Offset = b.bytes.count
        b.append(Int64(-1))
        appendExtension(&b, subtype: 20, bytes: Array("UTF-8".utf8))
        b.append(Int32(999))
        b.append(Int32(0))
        if compression == .zlib {
            let headerOffset = b.bytes.count
            zlibBlocks = try ZlibBlockWriter(headerOffset: headerOffset, order: order, file: path, blockSize: blockSize)
            b.append(Int64(headerOffset))
            b.append(Int64(0))
            b.append(Int64(0))
        }
        try file.sink.write(b.bytes)
    }

    private func appendExtension(_ b: inout BinaryBuilder, subtype: Int32, bytes: [UInt8]) {
        b.append(Int32(7))
        b.append(subtype)
        b.append(Int32(1))
        b.append(Int32(bytes.count))
        b.append(bytes: bytes)
    }

    /// Unique 8-byte short names (upper case), one per segment.
    static func shortNames(_ names: [String], segments: [Int]) -> [[String]] {
        var taken = Set<String>()
        var result: [[String]] = []
        var counter = 0
        func unique(_ stem: String) -> String {
            var candidate = String(stem.prefix(8))
            while candidate.isEmpty || taken.contains(candidate) {
                counter += 1
                let suffix = String(counter)
                candidate = String(stem.prefix(8 - suffix.count)) + suffix
            }
            taken.insert(candidate)
            return candidate
        }
        for (name, count) in zip(names, segments) {
            var stem = String(
                name.uppercased().unicodeScalars.filter {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
                }.map(Character.init))
            if stem.first.map({ !$0.isLetter }) ?? true { stem = "V" + stem }
            var list = [unique(stem)]
            for _ in 1..<max(count, 1) { list.append(unique(String(stem.prefix(5)))) }
            result.append(list)
        }
        return result
    }

    /// Sets column `column` of the current case to `value`.
    public func setNumber(_ column: Int, _ value: Double) throws(SurveyError) {
        guard columns[column].width == 0 else {
            throw SurveyError(
                .invalidValue, file: path, line: rows + 2, variable: columns[column].name,
                reason: "a number cannot go in a string variable")
        }
        store(value.bitPattern, at: 8 * segments[column][0].element)
    }

    /// Sets column `column` of the current case to system-missing (a number) or blank (a string).
    public func setMissing(_ column: Int) throws(SurveyError) {
        if columns[column].width == 0 {
            store(SPSSRowDecoder.systemMissingBits, at: 8 * segments[column][0].element)
        } else {
            try setText(column, [])
        }
    }

    /// Sets column `column` of the current case to `text` (UTF-8).
    ///
    /// - Throws: `.invalidValue` when the column is numeric or the text is wider than the variable.
    public func setText(_ column: Int, _ text: some Collection<UInt8>) throws(SurveyError) {
        let width = columns[column].width
        let bytes = Array(text)
        guard width > 0, bytes.count <= width else {
            throw SurveyError(
                .invalidValue, file: path, line: rows + 2, variable: columns[column].name,
                reason: width == 0
                    ? "text cannot go in a numeric variable" : "\(bytes.count) bytes do not fit A\(width)")
        }
        var k = 0
        for (i, segment) in segments[column].enumerated() {
            let start = 8 * segment.element
            let room = (segment.bytes + 7) / 8 * 8
            let used = i < segments[column].count - 1 ? 255 : segment.bytes
            for j in 0..<room {
                row[start + j] = j < used && k + j < bytes.count ? bytes[k + j] : 0x20
            }
            k += used
        }
    }

    /// Writes the current case and starts the next (cells not set keep the previous case's values).
    public func endRow() throws(SurveyError) {
        switch compression {
        case .none:
            try file.sink.write(row)
        case .bytecode, .zlib:
            bytecode.append(case: row, numeric: numericElements, order: order)
            if compression == .bytecode {
                if bytecode.output.count >= 1 << 20 {
                    try file.sink.write(bytecode.output)
                    bytecode.output.removeAll(keepingCapacity: true)
                }
            } else if let blocks = zlibBlocks, bytecode.output.count >= blockSize {
                try blocks.write(&bytecode.output, to: file.sink, final: false)
            }
        }
        rows += 1
    }

    private lazy var numericElements: [Bool] = {
        var numeric = [Bool](repeating: false, count: caseSize)
        for (c, column) in columns.enumerated() where column.width == 0 { numeric[segments[c][0].element] = true }
        return numeric
    }()

    /// Ends the data, patches the case count (and the zsav header), and renames the file into place.
    public func finish() throws(SurveyError) {
        if compression != .none {
            bytecode.finish()
            if let blocks = zlibBlocks {
                try blocks.write(&bytecode.output, to: file.sink, final: true)
                try blocks.writeTrailer(to: file.sink)
            } else {
                try file.sink.write(bytecode.output)
            }
        }
        var n = BinaryBuilder(order: order)
        n.append(Int32(exactly: rows) ?? -1)  // the 64-bit count record holds larger counts
        try file.sink.patch(n.bytes, at: ncasesOffset)
        var n64 = BinaryBuilder(order: order)
        n64.append(Int64(rows))
        try file.sink.patch(n64.bytes, at: ncases64Offset)
        if let blocks = zlibBlocks { try file.sink.patch(blocks.headerBytes(), at: blocks.headerOffset) }
        try file.commit()
    }

    private func store(_ bits: UInt64, at offset: Int) {
        for k in 0..<8 {
            row[offset + k] = UInt8(truncatingIfNeeded: bits >> (order == .littleEndian ? 8 * k : 56 - 8 * k))
        }
    }
}

/// SPSS bytecode compression of whole cases.
struct BytecodeWriter {
    var output: [UInt8] = []
    private var codes: [UInt8] = []
    private var literals: [UInt8] = []

    mutating func append(case row: [UInt8], numeric: [Bool], order: ByteOrder) {
        for e in 0..<numeric.count {
            let bytes = row[(8 * e)..<(8 * e + 8)]
            if numeric[e] {
                var bits: UInt64 = 0
                for (k, byte) in bytes.enumerated() {
                    bits |= UInt64(byte) << (order == .littleEndian ? 8 * k : 56 - 8 * k)
                }
                let value = Double(bitPattern: bits)
                if bits == SPSSRowDecoder.systemMissingBits {
                    push(255, nil)
                } else if value.rounded() == value, value >= -99, value <= 151 {
                    push(UInt8(value + 100), nil)
                } else {
                    push(253, bytes)
                }
            } else if bytes.allSatisfy({ $0 == 0x20 }) {
                push(254, nil)
            } else {
                push(253, bytes)
            }
        }
    }

    private mutating func push(_ code: UInt8, _ literal: ArraySlice<UInt8>?) {
        codes.append(code)
        if let literal { literals += literal }
        if codes.count == 8 { flushGroup() }
    }

    private mutating func flushGroup() {
        output += codes
        output += literals
        codes.removeAll(keepingCapacity: true)
        literals.removeAll(keepingCapacity: true)
    }

    /// Ends the data with code 252 (padding the last group with zeros).
    mutating func finish() {
        codes.append(252)
        while codes.count < 8 { codes.append(0) }
        flushGroup()
    }
}

/// A `.zsav` file's zlib blocks and the trailer that lists them.
final class ZlibBlockWriter {
    let headerOffset: Int
    private let order: ByteOrder
    private let file: String
    private var entries: [(inflatedOffset: Int, compressedOffset: Int, inflated: Int, compressed: Int)] = []
    private var inflatedOffset: Int
    private var trailerOffset = 0
    private var trailerLength = 0

    private let blockSize: Int

    init(headerOffset: Int, order: ByteOrder, file: String, blockSize: Int) throws(SurveyError) {
        self.blockSize = blockSize
        self.headerOffset = headerOffset
        self.order = order
        self.file = file
        inflatedOffset = headerOffset
    }

    /// Deflates whole blocks of `data` (all of it when `final`) to `sink`, leaving the rest in `data`.
    func write(_ data: inout [UInt8], to sink: FileSink, final: Bool) throws(SurveyError) {
        var start = 0
        while data.count - start >= blockSize || (final && start < data.count) {
            let size = min(blockSize, data.count - start)
            let compressed = try Self.deflate(data[start..<(start + size)], file: file)
            entries.append((inflatedOffset, sink.position, size, compressed.count))
            try sink.write(compressed)
            inflatedOffset += size
            start += size
        }
        data.removeFirst(start)
    }

    /// Writes the trailer: bias, zero, block size, block count, then each block's offsets and sizes.
    func writeTrailer(to sink: FileSink) throws(SurveyError) {
        var b = BinaryBuilder(order: order)
        b.append(Int64(-100))
        b.append(Int64(0))
        b.append(Int32(blockSize))
        b.append(Int32(entries.count))
        for entry in entries {
            b.append(Int64(entry.inflatedOffset))
            b.append(Int64(entry.compressedOffset))
            b.append(Int32(entry.inflated))
            b.append(Int32(entry.compressed))
        }
        trailerOffset = sink.position
        trailerLength = b.bytes.count
        try sink.write(b.bytes)
    }

    /// The zheader: its own offset, the trailer's offset and length.
    func headerBytes() -> [UInt8] {
        var b = BinaryBuilder(order: order)
        b.append(Int64(headerOffset))
        b.append(Int64(trailerOffset))
        b.append(Int64(trailerLength))
        return b.bytes
    }

    private static func deflate(_ data: ArraySlice<UInt8>, file: String) throws(SurveyError) -> [UInt8] {
        let zlib = try ZlibStream(.deflate(level: 6, windowBits: 15), name: file)
        let stream = zlib.pointer
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(data.count))) + 64)
        let status: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.pointee.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                return CZlib.deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw SurveyError(.outputFailure, file: file, reason: "zlib could not compress a block (status \(status))")
        }
        output.removeLast(output.count - Int(stream.pointee.total_out))
        return output
    }
}

/// `value` as five digits (SPSS's very long string widths).
func fiveDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
