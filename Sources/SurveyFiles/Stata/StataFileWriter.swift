/// Writes a Stata `.dta` file, release 117, 118 (Stata 14–18's own) or 119, in either
/// byte order, streaming: the dictionary, the rows as they come (`set…` the cells of a
/// row, then `endRow()`), then the strLs, the value labels and, at `finish()`, the row
/// count and the section map patched into the header. Written under a temporary name
/// and renamed when complete.
///
/// ```swift
/// let writer = try StataFileWriter(path: "x.dta", columns: [.init(name: "pidp", type: .long)])
/// writer.setInteger(0, 68_001_367)
/// try writer.endRow()
/// try writer.finish()
/// ```
public final class StataFileWriter {
    /// One variable of the file.
    public struct Column: Sendable {
        /// The name (at most 32 characters).
        public var name: String
        /// The storage type.
        public var type: StataType
        /// The variable label (at most 80 characters).
        public var label: String
        /// The value-label set it uses (a key of the writer's `valueLabels`), or empty.
        public var valueLabelSet: String

        /// A variable; only the name and type are required.
        public init(name: String, type: StataType, label: String = "", valueLabelSet: String = "") {
            self.name = name
            self.type = type
            self.label = label
            self.valueLabelSet = valueLabelSet
        }
    }

    private let file: AtomicOutputFile
    /// Whether `finish()` renames the file into place (the writer made it).
    private let commits: Bool
    private let release: Int
    private let order: ByteOrder
    private let columns: [Column]
    private let offsets: [Int]
    private let encoding: TextEncoding
    private let valueLabels: [(String, [Int32: String])]
    private var row: [UInt8]
    private var rows = 0
    private var map = [Int](repeating: 0, count: 14)
    private var nOffset = 0
    private var strLs: [(variable: Int, observation: Int, bytes: [UInt8])] = []
    private let path: String

    /// Starts writing `path`.
    ///
    /// - Parameters:
    ///   - release: 117, 118 or 119.
    ///   - byteOrder: the order of numbers in the file.
    ///   - columns: the variables, in file order.
    ///   - dataLabel: the dataset's label.
    ///   - valueLabels: value-label sets by name: code → label.
    ///   - timestamp: the header's time stamp (`dd Mon yyyy hh:mm`), or empty.
    /// - Throws: `.invalidArgument` for a name longer than 32 characters or an unknown release;
    ///   `.outputFailure` when the file cannot be created.
    public convenience init(
        path: String, release: Int = 118, byteOrder: ByteOrder = .littleEndian, columns: [Column],
        dataLabel: String = "", valueLabels: [String: [Int32: String]] = [:], timestamp: String = ""
    ) throws(SurveyError) {
        try self.init(
            file: try AtomicOutputFile(path: path), commits: true, release: release, byteOrder: byteOrder,
            columns: columns, dataLabel: dataLabel, valueLabels: valueLabels, timestamp: timestamp)
    }

    /// Starts writing into `file`, which the caller commits after `finishContents()` (with other files
    /// written beside it, say); the parameters are `init(path:…)`'s.
    public convenience init(
        file: AtomicOutputFile, release: Int = 118, byteOrder: ByteOrder = .littleEndian, columns: [Column],
        dataLabel: String = "", valueLabels: [String: [Int32: String]] = [:], timestamp: String = ""
    ) throws(SurveyError) {
        try self.init(
            file: file, commits: false, release: release, byteOrder: byteOrder, columns: columns,
            dataLabel: dataLabel, valueLabels: valueLabels, timestamp: timestamp)
    }

    private init(
        file: AtomicOutputFile, commits: Bool, release: Int, byteOrder: ByteOrder, columns: [Column],
        dataLabel: String, valueLabels: [String: [Int32: String]], timestamp: String
    ) throws(SurveyError) {
        let path = file.path
        guard (117...119).contains(release) else {
            throw SurveyError(.invalidArgument, file: path, reason: "Stata release \(release) is not 117, 118 or 119")
        }
        guard release == 119 || columns.count <= 32_767 else {
            throw SurveyError(
                .invalidArgument, file: path,
                reason: "\(columns.count) variables need Stata release 119 (117 and 118 hold at most 32,767)")
        }
        for column in columns where column.name.utf8.count > 32 || column.name.isEmpty {
            throw SurveyError(
                .invalidArgument, file: path, variable: column.name,
                reason: "a Stata variable name must have 1 to 32 characters")
        }
        self.path = path
        self.release = release
        self.order = byteOrder
        self.columns = columns
        encoding = release == 117 ? .windows1252 : .utf8
        var offsets: [Int] = []
        var width = 0
        for column in columns {
            offsets.append(width)
            width += column.type.width
        }
        self.offsets = offsets
        row = [UInt8](repeating: 0, count: width)
        self.valueLabels = valueLabels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.file = file
        self.commits = commits
        try writeDictionary(dataLabel: dataLabel, timestamp: timestamp)
    }

    private func writeDictionary(dataLabel: String, timestamp: String) throws(SurveyError) {
        var b = BinaryBuilder(order: order)
        let nameWidth = StataDictionary.nameWidth(release)
        b.append("<stata_dta><header><release>\(release)</release><byteorder>")
        b.append(order == .littleEndian ? "LSF" : "MSF")
        b.append("</byteorder><K>")
        if release == 119 { b.append(UInt32(columns.count)) } else { b.append(UInt16(columns.count)) }
        b.append("</K><N>")
        nOffset = b.bytes.count
        if release == 117 { b.append(UInt32(0)) } else { b.append(UInt64(0)) }
        b.append("</N><label>")
        let label = Self.cut(encoding.encode(String(dataLabel.prefix(80))), to: release == 117 ? 80 : 320)
        if release == 117 { b.append(UInt8(label.count)) } else { b.append(UInt16(label.count)) }
        b.append(bytes: label)
        b.append("</label><timestamp>")
        // Stata writes a time stamp of exactly 17 characters, or none.
        let stamp = timestamp.utf8.count == 17 ? Array(timestamp.utf8) : []
        b.append(uint8: UInt8(stamp.count))
        b.append(bytes: stamp)
        b.append("</timestamp></header>")
        map[1] = b.bytes.count
        b.append("<map>")
        for _ in 0..<14 { b.append(UInt64(0)) }
        b.append("</map>")
        map[2] = b.bytes.count
        b.append("<variable_types>")
        for column in columns { b.append(column.type.code) }
        b.append("</variable_types>")
        map[3] = b.bytes.count
        b.append("<varnames>")
        for column in columns { b.append(fixed: encoding.encode(column.name), width: nameWidth) }
        b.append("</varnames>")
        map[4] = b.bytes.count
        b.append("<sortlist>")
        for _ in 0...columns.count {
            if release == 119 { b.append(UInt32(0)) } else { b.append(UInt16(0)) }
        }
        b.append("</sortlist>")
        map[5] = b.bytes.count
        b.append("<formats>")
        for column in columns {
            b.append(fixed: Array(column.type.defaultFormat.utf8), width: StataDictionary.formatWidth(release))
        }
        b.append("</formats>")
        map[6] = b.bytes.count
        b.append("<value_label_names>")
        for column in columns { b.append(fixed: encoding.encode(column.valueLabelSet), width: nameWidth) }
        b.append("</value_label_names>")
        map[7] = b.bytes.count
        b.append("<variable_labels>")
        let labelWidth = StataDictionary.labelWidth(release)
        for column in columns {
            // Stata's labels hold at most 80 characters (of up to 4 bytes each from release 118).
            b.append(fixed: Self.cut(encoding.encode(String(column.label.prefix(80))), to: labelWidth - 1), width: labelWidth)
        }
        b.append("</variable_labels>")
        map[8] = b.bytes.count
        b.append("<characteristics></characteristics>")
        map[9] = b.bytes.count
        b.append("<data>")
        try file.sink.write(b.bytes)
    }

    /// At most `width` bytes of UTF-8 `bytes`, not cutting a character in two.
    static func cut(_ bytes: [UInt8], to width: Int) -> [UInt8] {
        guard bytes.count > width else { return bytes }
        var end = width
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[0..<end])
    }

    /// Sets column `column` of the current row to `value`.
    ///
    /// - Throws: `.invalidValue` when the column is not an integer type or the value is out of its range.
    public func setInteger(_ column: Int, _ value: Int) throws(SurveyError) {
        let type = columns[column].type
        let at = offsets[column]
        switch type {
        case .byte, .int, .long:
            guard value >= type.smallestValid && value <= type.largestValid else {
                throw valueError(column, "\(value) is outside the range of a Stata \(type)")
            }
            store(value, type: type, at: at)
        case .float: storeBits(UInt64(Float(value).bitPattern), bytes: 4, at: at)
        case .double: storeBits(Double(value).bitPattern, bytes: 8, at: at)
        case .str, .strL: throw valueError(column, "a number cannot go in a text variable")
        }
    }

    /// Sets column `column` of the current row to `value` (a float or double column).
    public func setReal(_ column: Int, _ value: Double) throws(SurveyError) {
        let at = offsets[column]
        switch columns[column].type {
        case .float:
            guard value.isFinite, abs(value) < 1.7e38 else { throw valueError(column, "\(value) cannot be stored") }
            storeBits(UInt64(Float(value).bitPattern), bytes: 4, at: at)
        case .double:
            guard value.isFinite, value < 8.988e307 else { throw valueError(column, "\(value) cannot be stored") }
            storeBits(value.bitPattern, bytes: 8, at: at)
        default:
            guard value.rounded() == value, abs(value) < 9e15 else {
                throw valueError(column, "\(value) is not an integer")
            }
            try setInteger(column, Int(value))
        }
    }

    /// Sets column `column` of the current row to Stata's missing value `.` (`letter` 0) or `.a`–`.z` (1–26).
    public func setMissing(_ column: Int, letter: Int = 0) throws(SurveyError) {
        let type = columns[column].type
        let at = offsets[column]
        let letter = min(max(letter, 0), 26)
        switch type {
        case .byte, .int, .long: store(type.largestValid + 1 + letter, type: type, at: at)
        case .float: storeBits(UInt64(StataMissing.floatBits(letter: letter)), bytes: 4, at: at)
        case .double: storeBits(StataMissing.doubleBits(letter: letter), bytes: 8, at: at)
        case .str(let width): for k in 0..<width { row[at + k] = 0 }
        case .strL: storeBits(0, bytes: 8, at: at)
        }
    }

    /// Sets column `column` of the current row to `text` (UTF-8; converted for release 117).
    ///
    /// - Throws: `.invalidValue` when the column is numeric or the text is wider than a `str#`.
    public func setText(_ column: Int, _ text: some Collection<UInt8>) throws(SurveyError) {
        let at = offsets[column]
        let bytes = encoding == .utf8 ? Array(text) : encoding.encode(String(decoding: Array(text), as: UTF8.self))
        switch columns[column].type {
        case .str(let width):
            guard bytes.count <= width else {
                throw valueError(column, "\(bytes.count) bytes of text do not fit a str\(width)")
            }
            for k in 0..<width { row[at + k] = k < bytes.count ? bytes[k] : 0 }
        case .strL:
            if bytes.isEmpty {
                storeBits(0, bytes: 8, at: at)
                return
            }
            let v = column + 1
            let o = rows + 1
            strLs.append((v, o, bytes))
            let vBytes = release == 117 ? 4 : release == 118 ? 2 : 3
            storeBits(UInt64(v), bytes: vBytes, at: at)
            storeBits(UInt64(o), bytes: 8 - vBytes, at: at + vBytes)
        default:
            throw valueError(column, "text cannot go in a numeric variable")
        }
    }

    /// Writes the current row and starts the next (cells not set keep the previous row's values).
    public func endRow() throws(SurveyError) {
        try file.sink.write(row)
        rows += 1
    }

    /// Writes the strLs, value labels and the end of the file, patches the header, and
    /// renames the file into place (when the writer made it: see `init(file:…)`).
    public func finish() throws(SurveyError) {
        try finishContents()
        if commits { try file.commit() }
    }

    /// Writes the strLs, value labels and the end of the file and patches the header: the file is
    /// complete, not yet renamed into place.
    public func finishContents() throws(SurveyError) {
        var b = BinaryBuilder(order: order)
        b.append("</data>")
        map[10] = file.sink.position + b.bytes.count
        b.append("<strls>")
        for strL in strLs {
            b.append("GSO")
            b.append(UInt32(strL.variable))
            if release == 117 { b.append(UInt32(strL.observation)) } else { b.append(UInt64(strL.observation)) }
            b.append(uint8: 130)
            b.append(UInt32(strL.bytes.count + 1))
            b.append(bytes: strL.bytes)
            b.append(uint8: 0)
        }
        b.append("</strls>")
        map[11] = file.sink.position + b.bytes.count
        b.append("<value_labels>")
        for (name, labels) in valueLabels {
            let entries = labels.sorted { $0.key < $1.key }
            var text: [UInt8] = []
            var offsets: [Int32] = []
            for (_, label) in entries {
                offsets.append(Int32(text.count))
                text += Self.cut(encoding.encode(label), to: 32_000) + [0]
            }
            b.append("<lbl>")
            b.append(Int32(8 + 8 * entries.count + text.count))
            b.append(fixed: encoding.encode(name), width: StataDictionary.nameWidth(release))
            b.append(bytes: [0, 0, 0])
            b.append(Int32(entries.count))
            b.append(Int32(text.count))
            for offset in offsets { b.append(offset) }
            for (value, _) in entries { b.append(value) }
            b.append(bytes: text)
            b.append("</lbl>")
        }
        b.append("</value_labels>")
        map[12] = file.sink.position + b.bytes.count
        b.append("</stata_dta>")
        map[13] = file.sink.position + b.bytes.count
        try file.sink.write(b.bytes)
        var n = BinaryBuilder(order: order)
        if release == 117 {
            guard let count = UInt32(exactly: rows) else {
                throw SurveyError(.outputFailure, file: path, reason: "\(rows) rows are more than Stata 117 holds")
            }
            n.append(count)
        } else {
            n.append(UInt64(rows))
        }
        try file.sink.patch(n.bytes, at: nOffset)
        var m = BinaryBuilder(order: order)
        for offset in map { m.append(UInt64(offset)) }
        try file.sink.patch(m.bytes, at: map[1] + 5)
    }

    private func store(_ value: Int, type: StataType, at: Int) {
        switch type {
        case .byte: row[at] = UInt8(bitPattern: Int8(truncatingIfNeeded: value))
        case .int: storeBits(UInt64(UInt16(bitPattern: Int16(truncatingIfNeeded: value))), bytes: 2, at: at)
        default: storeBits(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: value))), bytes: 4, at: at)
        }
    }

    private func storeBits(_ bits: UInt64, bytes: Int, at: Int) {
        for k in 0..<bytes {
            let shift = order == .littleEndian ? 8 * k : 8 * (bytes - 1 - k)
            row[at + k] = UInt8(truncatingIfNeeded: bits >> shift)
        }
    }

    private func valueError(_ column: Int, _ reason: String) -> SurveyError {
        SurveyError(.invalidValue, file: path, line: rows + 2, variable: columns[column].name, reason: reason)
    }
}
