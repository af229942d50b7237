import Foundation
import SurveyFiles

/// A classification of occupations as `anywhere classify` writes it (CSV: a `soc2010` or `soc2020`
/// column of unit groups and an `anywhere` column of 1, 0 or empty), read for
/// `reproduce tbi-anywhere-jobs --occupations`.
public struct OccupationTable: Sendable {
    /// `soc2010` or `soc2020`.
    public var classification: String
    /// Unit group → Anywhere Job; unit groups with an empty flag are absent.
    public var anywhere: [Int: Bool]
    public var input: DataInput

    /// Reads the CSV at `input` (quoted fields as RFC 4180 has them; at most 16 MiB).
    ///
    /// - Throws: `SurveyError` naming the file, line and column: no `soc2010`/`soc2020` or `anywhere`
    ///   column, a unit group that is not four digits or appears twice, a flag other than 1, 0 or empty.
    public static func read(_ input: DataInput) throws -> OccupationTable {
        let name = input.description
        let source = try input.open()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            bytes += buffer[0..<n]
            guard bytes.count <= 16 << 20 else {
                throw SurveyError(.limitExceeded, file: name, reason: "is over 16 MiB: not an occupations table")
            }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a byte-order mark (a spreadsheet's CSV)
        let records = try parse(String(decoding: bytes, as: UTF8.self), file: name)
        guard let header = records.first else {
            throw SurveyError(.corrupt, file: name, reason: "is empty: expected a header (soc2010,…,anywhere)")
        }
        guard let scheme = ["soc2010", "soc2020"].first(where: header.fields.contains),
            let codeColumn = header.fields.firstIndex(of: scheme)
        else {
            throw SurveyError(
                .missingVariable, file: name, line: 1, variable: "soc2010",
                reason: "no soc2010 (or soc2020) column: is this a table made by `ukpanel anywhere classify`?",
                hint: ClosestNames.hint(for: "soc2010", in: header.fields))
        }
        guard let flagColumn = header.fields.firstIndex(of: "anywhere") else {
            throw SurveyError(.missingVariable, file: name, line: 1, variable: "anywhere", reason: "no anywhere column")
        }
        var table = OccupationTable(classification: scheme, anywhere: [:], input: input)
        var seen: Set<Int> = []
        for record in records.dropFirst() where record.fields != [""] {
            guard record.fields.count == header.fields.count else {
                throw SurveyError(
                    .wrongFieldCount, file: name, line: record.line,
                    reason: "\(record.fields.count) fields where the header has \(header.fields.count)")
            }
            let text = record.fields[codeColumn]
            guard text.utf8.count == 4, let code = Int(text), code >= 1000 else {
                throw SurveyError(
                    .invalidValue, file: name, line: record.line, variable: scheme,
                    reason: "'\(text)' is not a four-digit unit group")
            }
            guard seen.insert(code).inserted else {
                throw SurveyError(
                    .invalidValue, file: name, line: record.line, variable: scheme, reason: "unit group \(code) twice")
            }
            switch record.fields[flagColumn] {
            case "1": table.anywhere[code] = true
            case "0": table.anywhere[code] = false
            case "": break
            case let other:
                throw SurveyError(
                    .invalidValue, file: name, line: record.line, variable: "anywhere",
                    reason: "'\(other)' is not 1, 0 or empty")
            }
        }
        return table
    }

    /// CSV records with the line each starts on.
    static func parse(_ text: String, file: String) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var start = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        guard next == nil || next == "," || next == "\n" || next == "\r" else {
                            throw SurveyError(
                                .corrupt, file: file, line: line, reason: "text after a closing quote (\"a\"b)")
                        }
                        quoted = false
                        pending = next
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else {
                    throw SurveyError(.corrupt, file: file, line: line, reason: "a quote inside an unquoted field")
                }
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r": break
            case "\n":
                fields.append(field)
                records.append((start, fields))
                fields = []
                field = ""
                line += 1
                start = line
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted {
            throw SurveyError(.corrupt, file: file, line: start, reason: "a quoted field is not closed")
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((start, fields))
        }
        return records
    }
}
