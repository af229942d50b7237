import Foundation
import SurveyFiles
import Testing

/// Damaged Stata and SPSS files: each gives a located `SurveyError` (file, byte offset, and the
/// variable where there is one), never a crash or an allocation sized by an unchecked field.
@Suite struct BinaryDamageTests {
    /// A valid file of `format` made from the round-trip table, and its bytes.
    static func valid(_ name: String, _ format: ConvertedFormat, blockSize: Int = 200) throws -> (String, [UInt8]) {
        let folder = try makeTemporaryFolder()
        let table = try BinaryRoundTripTests.writeTable(in: folder)
        let path = folder + "/" + name
        try TableConversion.convert(
            DataInput(path: table), to: path, as: format,
            labels: ["v1": ColumnLabels(label: "A code", valueLabels: [1: "one", 2: "two", -8: "inapplicable"])],
            zsavBlockSize: blockSize)
        return (path, try Array(Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Reads every column of `bytes` written at `path`; the error, if any.
    static func readAll(_ bytes: [UInt8], at path: String) throws -> SurveyError? {
        try writeFile(path, bytes)
        do {
            let reader = try TableFormats.reader(for: DataInput(path: path))
            _ = try reader.readHeader()
            try reader.read(project: { .all(columnCount: $0.columns.count) }) { row in
                for slot in 0..<row.count { _ = row.string(slot) }
            }
            return nil
        } catch let error as SurveyError {
            return error
        }
    }

    static func patch(_ bytes: [UInt8], at offset: Int, _ value: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset..<(offset + value.count), with: value)
        return copy
    }

    static func offset(of tag: String, in bytes: [UInt8]) -> Int {
        let needle = Array(tag.utf8)
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) } ?? -1
    }

    @Test func stataDamageIsLocated() throws {
        let (path, bytes) = try Self.valid("x.dta", .dta(release: 118, byteOrder: .littleEndian))
        let damaged = path + ".bad.dta"
        // Wrong release.
        var e = try Self.readAll(Self.patch(bytes, at: 28, Array("121".utf8)), at: damaged)
        #expect(e?.code == .unsupported && e?.byteOffset == 28)
        // Truncated: the map says the file is longer than it is.
        e = try Self.readAll(Array(bytes.prefix(bytes.count - 40)), at: damaged)
        #expect(e?.code == .truncated && e?.file == damaged)
        // A map offset out of order, and one beyond any file.
        let map = Self.offset(of: "<map>", in: bytes) + 5
        e = try Self.readAll(Self.patch(bytes, at: map + 8 * 10, [1, 0, 0, 0, 0, 0, 0, 0]), at: damaged)
        #expect(e?.code == .corrupt && e?.byteOffset == map + 80)
        e = try Self.readAll(Self.patch(bytes, at: map + 8 * 9, [UInt8](repeating: 0xFF, count: 8)), at: damaged)
        #expect(e?.code == .corrupt && e?.reason.contains("beyond any real file") == true)
        // A row count whose rows overflow (or do not fit between <data> and <strls>).
        let n = Self.offset(of: "<N>", in: bytes) + 3
        e = try Self.readAll(Self.patch(bytes, at: n, [UInt8](repeating: 0xFF, count: 7) + [0x0F]), at: damaged)
        #expect(e?.code == .corrupt)
        e = try Self.readAll(Self.patch(bytes, at: n, [200, 1, 0, 0, 0, 0, 0, 0]), at: damaged)
        #expect(e?.code == .corrupt && e?.reason.contains("do not fit") == true)
        // A storage type Stata does not define names the variable.
        let types = Self.offset(of: "<variable_types>", in: bytes) + 16
        e = try Self.readAll(Self.patch(bytes, at: types + 2, [0x10, 0x27]), at: damaged)
        #expect(e?.code == .corrupt && e?.variable == "v1" && e?.byteOffset == types + 2)
        // A value-label table that runs past the section, and a strL reference to nothing.
        let lbl = Self.offset(of: "<lbl>", in: bytes)
        #expect(lbl > 0)
        e = try Self.readAll(Self.patch(bytes, at: lbl + 5, [0xFF, 0xFF, 0, 0]), at: damaged)
        #expect(e?.code == .corrupt && e?.variable == "v1" && e?.reason.contains("runs past") == true)
        // A strL reference to a string the <strls> section does not hold names the row and variable.
        let strL = path + ".strl.dta"
        let writer = try StataFileWriter(
            path: strL, columns: [.init(name: "id", type: .long), .init(name: "note", type: .strL)])
        for r in 0..<3 {
            try writer.setInteger(0, r)
            try writer.setText(1, Array("note \(r)".utf8))
            try writer.endRow()
        }
        try writer.finish()
        let strLBytes = try Array(Data(contentsOf: URL(fileURLWithPath: strL)))
        let gso = Self.offset(of: "GSO", in: strLBytes)
        e = try Self.readAll(Self.patch(strLBytes, at: gso + 7, [9]), at: damaged)
        #expect(e?.code == .corrupt && e?.variable == "note" && e?.line == 2, "\(String(describing: e))")
    }

    @Test func spssDamageIsLocated() throws {
        let (path, bytes) = try Self.valid("x.sav", .sav(compression: .bytecode, byteOrder: .littleEndian))
        let damaged = path + ".bad.sav"
        var e = try Self.readAll(Self.patch(bytes, at: 0, Array("$FL9".utf8)), at: damaged)
        #expect(e?.code == .unsupported)  // no format claims it
        e = try Self.readAll(Self.patch(bytes, at: 64, [9, 0, 0, 0]), at: damaged)
        #expect(e?.code == .corrupt && e?.byteOffset == 64)
        // A variable record with an impossible type names the offset and the variable.
        e = try Self.readAll(Self.patch(bytes, at: 180, [0, 1, 0, 0]), at: damaged)
        #expect(e?.code == .corrupt && e?.byteOffset == 176 && e?.variable == "V0")
        // The data end inside a case (the header says more cases than there are).
        e = try Self.readAll(Array(bytes.prefix(bytes.count - 30)), at: damaged)
        #expect(e?.code == .truncated)
        let (zpath, zbytes) = try Self.valid("x.zsav", .sav(compression: .zlib, byteOrder: .littleEndian))
        // A damaged zlib block names the block.
        let header = Self.offset(of: "UTF-8", in: zbytes) + 5 + 8 + 24
        e = try Self.readAll(Self.patch(zbytes, at: header + 2, [0xFF, 0xFF, 0xFF, 0xFF]), at: zpath + ".bad.zsav")
        #expect(e?.code == .corrupt && e?.reason.contains("zsav block 1") == true)
        // A trailer whose block table is out of place.
        e = try Self.readAll(
            Self.patch(zbytes, at: zbytes.count - 24 + 8, [1, 0, 0, 0, 0, 0, 0, 0]), at: zpath + ".bad2.zsav")
        #expect(e?.code == .corrupt && e?.reason.contains("out of place") == true)
    }

    @Test func bytecodeEndingInsideACaseIsLocated() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/x.sav"
        let writer = try SPSSFileWriter(
            path: path, compression: .bytecode, columns: [.init(name: "a"), .init(name: "b"), .init(name: "c")])
        for v in [1.0, 2, 3, 4, 5, 6] {
            try writer.setNumber(0, v)
            try writer.setNumber(1, v)
            try writer.setNumber(2, v)
            try writer.endRow()
        }
        try writer.finish()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        // The first code group holds a, b, c of case 1, a, b, c of case 2, then a, b of case 3:
        // put the end code where case 3's b is.
        let data = bytes.count - 24
        #expect(Array(bytes[data..<(data + 8)]) == [101, 101, 101, 102, 102, 102, 103, 103])
        bytes[data + 7] = 252
        let e = try Self.readAll(bytes, at: path)
        #expect(e?.code == .truncated && e?.reason.contains("inside a case") == true)
    }

    @Test func rowsOfNoVariablesAndNaNMissingValuesAreHandled() throws {
        let folder = try makeTemporaryFolder()
        // Rows but no variables: refused at once, not read row by row for ever.
        let empty = folder + "/empty.dta"
        let writer = try StataFileWriter(path: empty, columns: [])
        for _ in 0..<5 { try writer.endRow() }
        try writer.finish()
        let e = try Self.readAll(try Array(Data(contentsOf: URL(fileURLWithPath: empty))), at: empty)
        #expect(e?.code == .corrupt && e?.reason.contains("rows of no variables") == true)
        // A user-missing range bounded by NaN declares nothing (and does not trap).
        let sav = folder + "/nan.sav"
        let spss = try SPSSFileWriter(path: sav, compression: .none, columns: [.init(name: "a", missing: [-9...(-1)])])
        try spss.setNumber(0, -9)
        try spss.endRow()
        try spss.finish()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: sav)))
        let nan = withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { Array($0) }
        let at = 176 + 32  // the first variable record's missing values
        bytes.replaceSubrange(at..<(at + 8), with: nan)
        #expect(try Self.readAll(bytes, at: sav) == nil)
        var value: Double?
        try TableFormats.reader(for: DataInput(path: sav)).read(project: { .all(columnCount: $0.columns.count) }) {
            value = $0.double(0)
            #expect($0.formatMissing(0) == nil)
        }
        #expect(value == -9)
    }

    /// Thousands of mutated and truncated files of every format: an error or a result, never a crash.
    @Test(arguments: ["x.dta", "x117.dta", "x.sav", "x.zsav", "xp.sav"])
    func mutationsNeverCrash(_ name: String) throws {
        let formats: [String: ConvertedFormat] = [
            "x.dta": .dta(release: 118, byteOrder: .littleEndian),
            "x117.dta": .dta(release: 117, byteOrder: .bigEndian),
            "x.sav": .sav(compression: .bytecode, byteOrder: .littleEndian),
            "x.zsav": .sav(compression: .zlib, byteOrder: .bigEndian),
            "xp.sav": .sav(compression: .none, byteOrder: .littleEndian),
        ]
        let (path, bytes) = try Self.valid(name, try #require(formats[name]))
        var random = SystemRandomNumberGenerator()
        var outcomes = [0, 0]
        for k in 0..<400 {
            var copy = bytes
            if k % 4 == 0 {
                copy = Array(copy.prefix(Int.random(in: 0..<copy.count, using: &random)))
            } else {
                for _ in 0..<(1 + k % 3) {
                    let at =
                        k % 2 == 0
                        ? Int.random(in: 0..<min(copy.count, 4096), using: &random)
                        : Int.random(in: 0..<copy.count, using: &random)
                    copy[at] = [0xFF, 0x00, 0x7F, 0x80, UInt8.random(in: 0...255, using: &random)][k % 5]
                }
            }
            let e = try Self.readAll(copy, at: path + ".m")
            outcomes[e == nil ? 0 : 1] += 1
            if let e { #expect(e.file.hasPrefix(path), "\(e)") }
        }
        #expect(outcomes[1] > 50)
    }
}
