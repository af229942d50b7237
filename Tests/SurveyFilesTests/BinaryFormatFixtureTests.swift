import Foundation
import SurveyFiles
import Testing

/// Stata and SPSS files written by independent writers (pandas `to_stata`, pyreadstat
/// `write_dta`/`write_sav`), read by ukpanel and compared cell by cell with what pyreadstat
/// and pandas read back (`*.expected.json`, made by `scripts/formats/make_fixtures.py`).
/// `UKPANEL_FORMAT_FIXTURES` points the suite at freshly generated files (CI does).
@Suite struct BinaryFormatFixtureTests {
    static var folder: String {
        ProcessInfo.processInfo.environment["UKPANEL_FORMAT_FIXTURES"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/formats").path
    }

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    /// A JSON value, decoded with `JSONDecoder` (which parses numbers exactly).
    enum Value: Decodable {
        case number(Double)
        case text(String)
        case null

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct Column: Decodable {
        var name: String
        var label: String?
        var kind: String
        var value_labels: [[Value]]?
        var values: [Value]?
    }

    struct Expected: Decodable {
        var format: String
        var rows: Int
        var columns: [Column]
    }

    static func expected(_ name: String) throws -> Expected {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".expected.json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    @Test func theFixturesArePresent() {
        #expect(Self.fixtures.count >= 12, "fixtures in \(Self.folder)")
    }

    @Test(arguments: fixtures)
    func headerMatches(_ name: String) throws {
        let expected = try Self.expected(name)
        let header = try TableFormats.reader(for: DataInput(path: Self.folder + "/" + name)).readHeader()
        #expect(header.format == (name.hasSuffix(".zsav") ? "zsav" : expected.format))
        #expect(header.names == expected.columns.map(\.name))
        #expect(header.declaredRows == expected.rows)
        for (i, column) in expected.columns.enumerated() {
            let name = header.names[i]
            #expect(header.columns[i].label == column.label, "label of \(name)")
            guard let pairs = column.value_labels else {
                #expect(header.valueLabels(ofColumn: i) == nil || header.valueLabels(ofColumn: i)?.isEmpty == true)
                continue
            }
            if column.kind == "string" {
                let set = header.columns[i].valueLabelSet.flatMap { header.textValueLabels[$0] }
                var wanted: [String: String] = [:]
                for pair in pairs {
                    if case .text(let value) = pair[0], case .text(let label) = pair[1] { wanted[value] = label }
                }
                #expect(set == wanted, "text value labels of \(name)")
            } else {
                var wanted: [Double: String] = [:]
                for pair in pairs {
                    guard case .text(let label) = pair[1] else { continue }
                    switch pair[0] {
                    case .number(let key): wanted[key] = label
                    case .text(let letter):
                        // Stata keeps the labels of .a … .z under the long type's missing codes.
                        let scalar = letter.unicodeScalars.last?.value ?? 0
                        wanted[Double(2_147_483_621 + Int(scalar) - 0x60)] = label
                    case .null: break
                    }
                }
                #expect(header.valueLabels(ofColumn: i) == wanted, "value labels of \(name)")
            }
        }
    }

    @Test(arguments: fixtures, [1 << 20, 13, 1])
    func valuesMatch(_ name: String, chunkSize: Int) throws {
        let expected = try Self.expected(name)
        var options = ReadOptions()
        options.chunkSize = chunkSize
        options.pipelined = chunkSize == 1 << 20
        options.mapPlainFiles = chunkSize == 1 << 20  // small chunks split rows, groups and blocks
        var mismatches: [String] = []
        var rows = 0
        try TableFormats.reader(for: DataInput(path: Self.folder + "/" + name), options: options).read(
            project: { .all(columnCount: $0.columns.count) }
        ) { row in
            for (slot, column) in expected.columns.enumerated() {
                guard let values = column.values, rows < values.count else { continue }
                if let problem = Self.compare(row, slot, values[rows]) {
                    mismatches.append("\(column.name) row \(rows + 1): \(problem)")
                }
            }
            rows += 1
        }
        #expect(rows == expected.rows)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// SPSS string user-missing values (a short string's in its variable record, a long string's in
    /// subtype 22) mark the cells holding them, which keep their text.
    @Test(arguments: ["pyreadstat_plain.sav", "pyreadstat_bytecode.sav", "pyreadstat_zlib.zsav"])
    func stringUserMissingValuesAreMarked(_ name: String) throws {
        var marked: [String] = []
        var unmarked = Set<String>()
        try TableFormats.reader(for: DataInput(path: Self.folder + "/" + name)).read(project: { header in
            try header.projection(of: ["sex", "region"], file: name)
        }) { row in
            for slot in 0..<2 {
                if row.formatMissing(slot) == .declared {
                    marked.append(row.string(slot))
                } else {
                    unmarked.insert(row.string(slot))
                }
            }
        }
        #expect(Set(marked) == ["x", "Unknown"])
        #expect(!unmarked.contains("x") && !unmarked.contains("Unknown") && unmarked.contains("Wales"))
    }

    /// Why cell `slot` differs from the expected value, or `nil`.
    static func compare(_ row: RowCells, _ slot: Int, _ wanted: Value) -> String? {
        if case .text(let text) = wanted {
            if text == "." {
                return row.isEmpty(slot) && row.formatMissing(slot) == .system ? nil : "'\(row.string(slot))' is not ."
            }
            if text.count == 2, text.hasPrefix("."), let letter = text.unicodeScalars.last {
                let code = UInt8(letter.value - 0x60)
                return row.formatMissing(slot) == .extended(code) ? nil : "'\(row.string(slot))' is not \(text)"
            }
            if text.hasPrefix("user:"), let value = Double(text.dropFirst(5)) {
                return row.formatMissing(slot) == .declared && row.double(slot) == value
                    ? nil : "'\(row.string(slot))' is not user-missing \(value)"
            }
            return row.string(slot) == text ? nil : "'\(row.string(slot))' is not '\(text)'"
        }
        guard case .number(let number) = wanted else { return "unexpected JSON \(wanted)" }
        guard row.formatMissing(slot) == nil, let value = row.double(slot) else {
            return "'\(row.string(slot))' is not \(number)"
        }
        return value == number ? nil : "\(value) is not \(number)"
    }
}
