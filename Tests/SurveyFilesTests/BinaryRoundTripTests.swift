import Foundation
import SurveyFiles
import Testing

/// A tab table with every kind of value the converters meet (small codes, negatives, large
/// identifiers, decimals, empty cells, short and long text, non-ASCII), converted to every
/// Stata release and SPSS compression in both byte orders, then read back through the seam
/// cell for cell at chunk sizes that split rows, code groups and blocks at every position.
@Suite struct BinaryRoundTripTests {
    static let rows = 97

    /// The planted table: cell (r, c) is known from r and c alone.
    static func cell(_ r: Int, _ c: Int) -> String {
        switch c {
        case 0: return String(68_000_000 + 4 * r + 1)  // an identifier (long)
        case 1: return r % 9 == 0 ? "-8" : String(r % 5 + 1)  // a code with a missing code (byte)
        case 2: return r % 7 == 0 ? "" : String(format: "%.4f", Double(r) * 1.37 - 40)  // a decimal, some empty
        case 3: return String(r * 300 - 20_000)  // int16
        case 4: return r % 4 == 0 ? "" : "text \(r) é€"  // short text with non-ASCII
        case 5: return r % 3 == 0 ? "" : String(repeating: "long \(r) ", count: 40 + r % 17) + "end"  // > 255 bytes
        case 6: return String(9_000_000_000 + r)  // beyond int32: a double
        default: return String((r * c) % 13 - 2)
        }
    }

    static let columns = 9

    static func writeTable(in folder: String) throws -> String {
        var text = (0..<columns).map { "v\($0)" }.joined(separator: "\t") + "\n"
        for r in 0..<rows { text += (0..<columns).map { cell(r, $0) }.joined(separator: "\t") + "\n" }
        let path = folder + "/table.tab"
        try writeFile(path, Array(text.utf8))
        return path
    }

    static let formats: [(String, ConvertedFormat)] = [
        ("117-lsf.dta", .dta(release: 117, byteOrder: .littleEndian)),
        ("118-msf.dta", .dta(release: 118, byteOrder: .bigEndian)),
        ("119-lsf.dta", .dta(release: 119, byteOrder: .littleEndian)),
        ("119-msf.dta", .dta(release: 119, byteOrder: .bigEndian)),
        ("plain-le.sav", .sav(compression: .none, byteOrder: .littleEndian)),
        ("plain-be.sav", .sav(compression: .none, byteOrder: .bigEndian)),
        ("bytecode-le.sav", .sav(compression: .bytecode, byteOrder: .littleEndian)),
        ("bytecode-be.sav", .sav(compression: .bytecode, byteOrder: .bigEndian)),
        ("zlib-le.zsav", .sav(compression: .zlib, byteOrder: .littleEndian)),
        ("zlib-be.zsav", .sav(compression: .zlib, byteOrder: .bigEndian)),
    ]

    /// Every cell read back equals the planted one (as text; decimals as numbers).
    static func check(_ input: DataInput, options: ReadOptions) throws -> [String] {
        var problems: [String] = []
        var r = 0
        try TableFormats.reader(for: input, options: options).read(project: { header in
            try header.projection(of: (0..<columns).map { "v\($0)" }, file: input.description)
        }) { row in
            for c in 0..<columns {
                let wanted = cell(r, c)
                if c == 2 {
                    let ok = wanted.isEmpty ? row.isEmpty(c) : row.double(c) == Double(wanted)
                    if !ok { problems.append("row \(r) v2: \(row.string(c)) is not \(wanted)") }
                } else if c == 4 || c == 5 {
                    if row.string(c) != wanted { problems.append("row \(r) v\(c): '\(row.string(c))'") }
                } else if row.int(c) != Int(wanted) || row.formatMissing(c) != nil {
                    problems.append("row \(r) v\(c): \(row.string(c)) is not \(wanted)")
                }
            }
            r += 1
        }
        if r != rows { problems.append("\(r) rows, not \(rows)") }
        return problems
    }

    @Test(arguments: formats.map(\.0))
    func everyCellSurvivesAtEveryChunkSize(_ name: String) throws {
        let folder = try makeTemporaryFolder()
        let table = try Self.writeTable(in: folder)
        let format = try #require(Self.formats.first { $0.0 == name }?.1)
        let path = folder + "/" + name
        // Small zsav blocks, so code groups and cases straddle many blocks.
        try TableConversion.convert(DataInput(path: table), to: path, as: format, zsavBlockSize: 200)
        // Read into buffers of every size (chunk), and mapped (the file in one window).
        for chunk in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
            for pipelined in [false, true] where !(pipelined && chunk < 8) {
                for mapped in [false, true] where !(mapped && chunk < 1 << 20) {
                    // A zsav's blocks by either inflater.
                    for inflater in Inflater.allCases where name.hasSuffix(".zsav") || inflater == .isal {
                        var options = ReadOptions()
                        options.chunkSize = chunk
                        options.pipelined = pipelined
                        options.mapPlainFiles = mapped
                        options.limits.inflater = inflater
                        let problems = try Self.check(DataInput(path: path), options: options)
                        #expect(
                            problems.isEmpty,
                            "\(name) chunk \(chunk) mapped \(mapped) \(inflater): \(problems.prefix(3))")
                    }
                }
            }
        }
    }

    /// One column far into the case: readers skip the rest (SPSS: whole code groups at a time).
    @Test(arguments: formats.map(\.0))
    func aProjectionOfOneColumnSkipsTheRest(_ name: String) throws {
        let folder = try makeTemporaryFolder()
        let table = try Self.writeTable(in: folder)
        let format = try #require(Self.formats.first { $0.0 == name }?.1)
        let path = folder + "/" + name
        try TableConversion.convert(DataInput(path: table), to: path, as: format, zsavBlockSize: 256)
        for chunk in [7, 1 << 20] {
            var options = ReadOptions()
            options.chunkSize = chunk
            options.mapPlainFiles = chunk == 1 << 20
            var values: [Int?] = []
            try TableFormats.reader(for: DataInput(path: path), options: options).read(project: { header in
                try header.projection(of: ["v8"], file: path)
            }) { row in values.append(row.int(0)) }
            #expect(values == (0..<Self.rows).map { Int(Self.cell($0, 8)) })
        }
    }

    @Test(arguments: formats.map(\.0))
    func gzippedAndZippedReadTheSame(_ name: String) throws {
        let folder = try makeTemporaryFolder()
        let table = try Self.writeTable(in: folder)
        let format = try #require(Self.formats.first { $0.0 == name }?.1)
        let path = folder + "/" + name
        try TableConversion.convert(DataInput(path: table), to: path, as: format, zsavBlockSize: 300)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        try writeFile(path + ".gz", try gzipMember(bytes))
        let zip = ZipWriter(sink: try FileSink(creating: folder + "/release.zip"))
        try zip.beginMember("UKDA-6614-stata/stata/stata14_se/ukhls/" + name).write(bytes)
        try zip.finish()
        for input in [
            DataInput(path: path + ".gz"),
            DataInput(archive: folder + "/release.zip", member: "UKDA-6614-stata/stata/stata14_se/ukhls/" + name),
        ] {
            // Either inflater (ISA-L, zlib): every cell as written.
            for inflater in Inflater.allCases {
                var options = ReadOptions()
                options.limits.inflater = inflater
                #expect(try Self.check(input, options: options).isEmpty, "\(input) with \(inflater)")
            }
            // The header, value labels included, reads the same through gzip and zip.
            #expect(
                try TableFormats.reader(for: input).readHeader()
                    == TableFormats.reader(for: DataInput(path: path)).readHeader())
        }
    }

    @Test func stataExtendedMissingAndLabelsRoundTrip() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/x.dta"
        let writer = try StataFileWriter(
            path: path, release: 118, byteOrder: .bigEndian,
            columns: [
                .init(name: "code", type: .byte, label: "A code", valueLabelSet: "yesno"),
                .init(name: "score", type: .float), .init(name: "weight", type: .double),
                .init(name: "note", type: .strL),
            ], valueLabels: ["yesno": [1: "yes", 2: "no", -8: "inapplicable"]])
        for r in 0..<5 {
            try writer.setInteger(0, r % 2 + 1)
            if r == 3 { try writer.setMissing(0, letter: 1) }
            try writer.setReal(1, Double(r) / 4)
            if r == 2 { try writer.setMissing(1, letter: 26) }
            try writer.setReal(2, 1.5 * Double(r))
            if r == 4 { try writer.setMissing(2) }
            try writer.setText(3, Array((r == 1 ? "" : String(repeating: "strL \(r) ", count: 300)).utf8))
            try writer.endRow()
        }
        try writer.finish()
        let reader = try TableFormats.reader(for: DataInput(path: path))
        let header = try reader.readHeader()
        #expect(header.format == "dta")
        #expect(header.columns[0].label == "A code")
        #expect(header.valueLabels(ofColumn: 0) == [1: "yes", 2: "no", -8: "inapplicable"])
        #expect(header.columns[3].storage == .longText)
        var r = 0
        try reader.read(project: { .all(columnCount: $0.columns.count) }) { row in
            #expect(row.formatMissing(0) == (r == 3 ? .extended(1) : nil))
            if r != 3 { #expect(row.int(0) == r % 2 + 1) }
            #expect(r == 2 ? row.formatMissing(1) == .extended(26) : row.double(1) == Double(r) / 4)
            #expect(r == 4 ? row.isEmpty(2) : row.double(2) == 1.5 * Double(r))
            #expect(row.string(3) == (r == 1 ? "" : String(repeating: "strL \(r) ", count: 300)))
            r += 1
        }
        #expect(r == 5)
    }

    @Test func spssUserMissingKeepsItsValue() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/x.sav"
        let writer = try SPSSFileWriter(
            path: path, compression: .bytecode, byteOrder: .bigEndian,
            columns: [
                .init(
                    name: "jbstat_long_name", label: "Status", valueLabels: [1: "employed", -9: "missing"],
                    missing: [-9...(-1)]),
                .init(name: "txt", width: 12),
            ])
        for value in [1.0, -9, -8, 2.5, 1e10] {
            try writer.setNumber(0, value)
            try writer.setText(1, Array("v\(value)".utf8.prefix(12)))
            try writer.endRow()
        }
        try writer.setMissing(0)
        try writer.endRow()
        try writer.finish()
        let reader = try TableFormats.reader(for: DataInput(path: path))
        let header = try reader.readHeader()
        #expect(header.names == ["jbstat_long_name", "txt"])
        #expect(header.columns[0].declaredMissing == [-9...(-1)])
        #expect(header.valueLabels(ofColumn: 0) == [1: "employed", -9: "missing"])
        var seen: [String] = []
        try reader.read(project: { .all(columnCount: $0.columns.count) }) { row in
            seen.append("\(row.string(0)) \(row.formatMissing(0)?.description ?? "value")")
        }
        #expect(seen == ["1 value", "-9 user-missing", "-8 user-missing", "2.5 value", "10000000000 value", ". ."])
    }
}
