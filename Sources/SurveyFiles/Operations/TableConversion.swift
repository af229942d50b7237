/// A binary format a table can be converted to (the Stata and SPSS releases' layouts).
public enum ConvertedFormat: Sendable, Hashable {
    /// Stata `.dta` of this release (117, 118, 119) and byte order.
    case dta(release: Int, byteOrder: ByteOrder)
    /// SPSS `.sav` (no compression or bytecode) or `.zsav` (zlib), in this byte order.
    case sav(compression: SPSSFileWriter.Compression, byteOrder: ByteOrder)
}

/// Labels to attach to a converted column: the variable label and integer codes' labels.
public struct ColumnLabels: Sendable, Hashable {
    /// The variable label.
    public var label: String?
    /// Code → label.
    public var valueLabels: [Int: String]
    /// Codes to declare user-missing (SPSS), as ranges.
    public var missing: [ClosedRange<Double>]

    /// Labels for one column.
    public init(label: String? = nil, valueLabels: [Int: String] = [:], missing: [ClosedRange<Double>] = []) {
        self.label = label
        self.valueLabels = valueLabels
        self.missing = missing
    }
}

/// Converts a table file (any format ukpanel reads) to a Stata or SPSS file, in two
/// streaming passes: the first finds each column's type (integers and their range,
/// decimals, text and its widest value), the second writes the rows. Empty cells of a
/// numeric column become the format's system-missing value; numbers keep their value.
public enum TableConversion {
    /// What the first pass learns about a column.
    struct ColumnStats {
        var text = false
        var integral = true
        var any = false
        var minimum = Int.max
        var maximum = Int.min
        var widest = 0

        mutating func observe(_ row: RowCells, _ slot: Int) {
            let width = row.withText(slot) { $0.count }
            widest = max(widest, width)
            if row.isEmpty(slot) || text { return }
            if let v = row.int(slot) {
                any = true
                minimum = min(minimum, v)
                maximum = max(maximum, v)
            } else if row.double(slot) != nil {
                any = true
                integral = false
            } else if row.formatMissing(slot) == nil {
                text = true
            }
        }

        /// The Stata type that holds every value seen.
        var stataType: StataType {
            if text { return widest <= 2045 ? .str(max(widest, 1)) : .strL }
            if !any { return .byte }
            if !integral { return .double }
            for type in [StataType.byte, .int, .long]
            where minimum >= type.smallestValid && maximum <= type.largestValid {
                return type
            }
            return .double
        }
    }

    /// Writes `input` as `format` at `path` (under a temporary name, renamed when complete).
    ///
    /// - Parameters:
    ///   - labels: labels by column name; value labels are attached to integer columns.
    ///   - dataLabel: the file's own label.
    /// - Returns: the rows and bytes read in the second pass.
    /// - Throws: `SurveyError` for unreadable input or a failed write.
    @discardableResult
    public static func convert(
        _ input: DataInput, to path: String, as format: ConvertedFormat, labels: [String: ColumnLabels] = [:],
        dataLabel: String = "", options: ReadOptions = ReadOptions(),
        zsavBlockSize: Int = SPSSFileWriter.standardBlockSize
    ) throws -> TableSummary {
        var names: [String] = []
        var stats: [ColumnStats] = []
        try TableFormats.reader(for: input, options: options).read(project: { header in
            names = header.names
            stats = Array(repeating: ColumnStats(), count: names.count)
            return .all(columnCount: names.count)
        }) { row in
            for slot in 0..<row.count { stats[slot].observe(row, slot) }
        }
        switch format {
        case .dta(let release, let order):
            return try writeStata(
                input, to: path, names: names, stats: stats, labels: labels, release: release, order: order,
                dataLabel: dataLabel, options: options)
        case .sav(let compression, let order):
            return try writeSPSS(
                input, to: path, names: names, stats: stats, labels: labels, compression: compression, order: order,
                dataLabel: dataLabel, options: options, blockSize: zsavBlockSize)
        }
    }

    private static func writeSPSS(
        _ input: DataInput, to path: String, names: [String], stats: [ColumnStats], labels: [String: ColumnLabels],
        compression: SPSSFileWriter.Compression, order: ByteOrder, dataLabel: String, options: ReadOptions,
        blockSize: Int
    ) throws -> TableSummary {
        let columns = zip(names, stats).map { name, stat in
            let numeric = !stat.text
            return SPSSFileWriter.Column(
                name: name, width: numeric ? 0 : min(max(stat.widest, 1), 32_767), label: labels[name]?.label ?? "",
                valueLabels: numeric
                    ? Dictionary(uniqueKeysWithValues: (labels[name]?.valueLabels ?? [:]).map { (Double($0), $1) })
                    : [:],
                missing: numeric ? labels[name]?.missing ?? [] : [])
        }
        let writer = try SPSSFileWriter(
            path: path, compression: compression, byteOrder: order, columns: columns, fileLabel: dataLabel,
            blockSize: blockSize)
        let numeric = columns.map { $0.width == 0 }
        let summary = try TableFormats.reader(for: input, options: options).read(project: { header in
            .all(columnCount: header.columns.count)
        }) { row in
            for slot in 0..<row.count {
                if numeric[slot] {
                    if let value = row.double(slot) {
                        try writer.setNumber(slot, value)
                    } else {
                        try writer.setMissing(slot)
                    }
                } else {
                    try writer.setText(slot, row.withText(slot) { Array($0) })
                }
            }
            try writer.endRow()
        }
        try writer.finish()
        return summary
    }

    private static func writeStata(
        _ input: DataInput, to path: String, names: [String], stats: [ColumnStats], labels: [String: ColumnLabels],
        release: Int, order: ByteOrder, dataLabel: String, options: ReadOptions
    ) throws -> TableSummary {
        var valueLabels: [String: [Int32: String]] = [:]
        var columns: [StataFileWriter.Column] = []
        for (name, stat) in zip(names, stats) {
            let type = stat.stataType
            var column = StataFileWriter.Column(name: name, type: type, label: labels[name]?.label ?? "")
            if let codes = labels[name]?.valueLabels, !codes.isEmpty, [.byte, .int, .long].contains(type) {
                valueLabels[name] = Dictionary(
                    uniqueKeysWithValues: codes.compactMap { k, v in Int32(exactly: k).map { ($0, v) } })
                column.valueLabelSet = name
            }
            columns.append(column)
        }
        let writer = try StataFileWriter(
            path: path, release: release, byteOrder: order, columns: columns, dataLabel: dataLabel,
            valueLabels: valueLabels)
        let kinds = columns.map(\.type)
        let summary = try TableFormats.reader(for: input, options: options).read(project: { header in
            .all(columnCount: header.columns.count)
        }) { row in
            for slot in 0..<row.count {
                if row.isEmpty(slot) {
                    if case .str = kinds[slot] {
                        try writer.setText(slot, [])
                    } else {
                        try writer.setMissing(slot)
                    }
                    continue
                }
                if case .extended(let letter) = row.formatMissing(slot) {
                    try writer.setMissing(slot, letter: Int(letter))
                    continue
                }
                switch kinds[slot] {
                case .byte, .int, .long: try writer.setInteger(slot, row.int(slot) ?? 0)
                case .float, .double: try writer.setReal(slot, row.double(slot) ?? 0)
                case .str, .strL: try writer.setText(slot, row.withText(slot) { Array($0) })
                }
            }
            try writer.endRow()
        }
        try writer.finish()
        return summary
    }
}
