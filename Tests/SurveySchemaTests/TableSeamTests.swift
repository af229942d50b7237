import Foundation
import SurveyFiles
import TestFixtures
import Testing

@testable import SurveySchema

/// A format plugged in through the table seam with one registration: `select`,
/// `inspect` and schema decoding read it, the format recognised from its first bytes.
@Suite("The table seam: a new format is one file and one registration")
struct TableSeamTests {
    static let wave = Wave(number: 14)!
    static let persons = 30

    /// The file's columns: every indresp variable of wave 14 under its source name, typed by the
    /// schema, then two columns the schema does not know.
    static func columns(_ schema: Schema) -> [(variable: String?, column: InMemoryFormat.Column)] {
        var result: [(String?, InMemoryFormat.Column)] = []
        for v in schema.variables(in: "indresp") {
            guard let source = v.sourceName(in: wave) else { continue }
            let kind: InMemoryFormat.Column.Kind = v.type == .number ? .float64 : v.type == .text ? .text : .int32
            result.append((v.name, InMemoryFormat.Column(name: source, kind: kind, width: 12, label: v.label)))
        }
        result.append((nil, InMemoryFormat.Column(name: "n_extra", kind: .int32, label: "Not in the schema")))
        result.append((nil, InMemoryFormat.Column(name: "n_note", kind: .text, width: 10)))
        return result
    }

    /// The planted value of `variable` (or of an extra column) for person `i`.
    static func planted(_ variable: String?, column: InMemoryFormat.Column, person i: Int) -> InMemoryFormat.Value {
        switch (variable, column.kind) {
        case ("pidp", _): return .int(Int32(100 + i))
        case ("hidp", _): return .int(Int32(5000 + i / 2))
        case ("intdaty", _): return .int(2023)
        case ("jbwah", _) where i == 4: return .missing
        case (nil, .int32): return i % 6 == 1 ? .missingA : i % 6 == 2 ? .missing : .int(Int32(i * 3))
        case (nil, _): return .text(i % 2 == 0 ? "even \(i)" : "odd")
        case (_, .float64): return i == 5 ? .missing : .real(0.5 + Double(i) / 8)
        case (_, .text): return .text("t\(i)")
        case (_, .int32): return i % 7 == 3 ? .int(-8) : .int(Int32(i % 5 + 1))
        }
    }

    /// Writes the file (gzip-compressed, under a `.tab` name that says nothing of its format).
    static func write(_ schema: Schema) throws -> String {
        let columns = Self.columns(schema)
        let rows = (0..<persons).map { i in columns.map { planted($0.variable, column: $0.column, person: i) } }
        let bytes = InMemoryFormat.encode(columns: columns.map(\.column), rows: rows)
        let folder = try UKHLSFixture.temporaryFolder()
        let path = folder + "/n_indresp.tab.gz"
        let file = try FileSink(creating: path)
        let gzip = try DeflatingSink(downstream: file, format: .gzip)
        try gzip.write(bytes)
        try gzip.finish()
        return path
    }

    init() {
        TableFormats.register(InMemoryFormat())
    }

    @Test("the format is recognised from the first bytes, after gzip, whatever the name says")
    func recognised() throws {
        let path = try Self.write(try SchemaLoader.builtin("ukhls"))
        #expect(try TableFormats.format(of: DataInput(path: path)).name == "ukpmem")
        let header = try TableFormats.reader(for: DataInput(path: path)).readHeader()
        #expect(header.format == "ukpmem")
        #expect(header.declaredRows == Self.persons)
        #expect(header.column("n_jbstat").map { header.columns[$0].storage } == .integer(bytes: 4))
        #expect(header.column("n_jbstat").flatMap { header.columns[$0].label } == "Current labour force status")
    }

    @Test("select writes the named columns: numbers in shortest form, the format's missing values as . and .a")
    func select() throws {
        let path = try Self.write(try SchemaLoader.builtin("ukhls"))
        let sink = BytesSink()
        let summary = try TableSelection.write(
            input: DataInput(path: path), variables: ["pidp", "n_inding2_xw", "n_extra", "n_note", "n_jbstat"],
            to: CSVWriter(sink: sink))
        var expected = "pidp,n_inding2_xw,n_extra,n_note,n_jbstat\n"
        for i in 0..<Self.persons {
            let weight = i == 5 ? "." : String(format: "%g", 0.5 + Double(i) / 8)
            let extra = i % 6 == 1 ? ".a" : i % 6 == 2 ? "." : String(i * 3)
            let note = i % 2 == 0 ? "even \(i)" : "odd"
            let jbstat = i % 7 == 3 ? "-8" : String(i % 5 + 1)
            expected += "\(100 + i),\(weight),\(extra),\(note),\(jbstat)\n"
        }
        #expect(String(decoding: sink.bytes, as: UTF8.self) == expected)
        #expect(summary.rows == Self.persons)
    }

    @Test("inspect profiles the columns: kinds, missing codes apart, the format's missing as empty, labels")
    func inspect() throws {
        let path = try Self.write(try SchemaLoader.builtin("ukhls"))
        let profile = try TableProfile(
            input: DataInput(path: path), variables: ["n_jbstat", "n_inding2_xw", "n_extra"],
            missingCodes: [-1, -2, -7, -8, -9])
        #expect(profile.summary.rows == Self.persons)
        let jbstat = profile.profiles[0]
        #expect(jbstat.kind == .int)
        #expect(jbstat.missingSummary == "-8:4")  // persons 3, 10, 17, 24
        #expect(jbstat.rangeSummary == "1…5")
        let weight = profile.profiles[1]
        #expect(weight.kind == .decimal)
        #expect(weight.blank == 1 && weight.filled == Self.persons - 1)
        #expect(weight.rangeSummary == "0.5…4.125")
        let extra = profile.profiles[2]
        #expect(extra.blank == 5)  // persons 2, 8, 14, 20, 26: system-missing
        #expect(profile.header.columns[profile.columns[2]].label == "Not in the schema")
    }

    @Test("the schema decodes it: planted values, survey missing codes typed, the format's missing blank")
    func schemaDecoding() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let path = try Self.write(schema)
        var people: [PersonWave] = []
        try RecordReader(schema: schema, wave: Self.wave, input: DataInput(path: path)).forEachPerson {
            people.append($0)
        }
        #expect(people.count == Self.persons)
        for (i, p) in people.enumerated() {
            #expect(p.pidp == 100 + i && p.hidp == 5000 + i / 2)
            #expect(p.design.interviewYear == .value(2023))
            #expect(p.jbstat == (i % 7 == 3 ? .missing(.inapplicable) : .value(Int16(i % 5 + 1))))
            #expect(p.design.weight == (i == 5 ? .missing(.blank) : .value(0.5 + Double(i) / 8)))
            if i == 4 { #expect(p.jbwah == .missing(.blank)) }
        }
    }

    @Test("a binary file no format claims is refused with a located error and a hint, not read as text")
    func unknownBinary() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let path = folder + "/n_indresp.bin"
        try UKHLSFixture.write("\u{7f}ELF\0\u{2}\u{1}", to: path)
        #expect {
            try TableSelection.write(
                input: DataInput(path: path), variables: ["pidp"], to: CSVWriter(sink: BytesSink()))
        } throws: { error in
            guard let e = error as? SurveyError else { return false }
            return e.code == .unsupported && e.file == path && e.byteOffset == 4 && (e.hint ?? "").contains("Stata")
        }
        // A Stata file cut short is recognised as Stata and refused where it ends.
        let stata = folder + "/n_indresp.dta"
        try UKHLSFixture.write("<stata_dta><header><release>118</release>\0\0\0", to: stata)
        #expect {
            try TableSelection.write(
                input: DataInput(path: stata), variables: ["pidp"], to: CSVWriter(sink: BytesSink()))
        } throws: { error in
            guard let e = error as? SurveyError else { return false }
            return e.code == .truncated && e.file == stata && e.byteOffset == 44
        }
    }
}
