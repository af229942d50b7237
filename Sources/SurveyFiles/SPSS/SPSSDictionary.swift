/// One variable of an SPSS file as the seam sees it: a numeric variable (one 8-byte
/// element of the case) or a string, which spans several elements and, when longer
/// than 255 bytes, several segments (a "very long string").
struct SPSSVariable: Sendable {
    /// The name (the long name when the file has one).
    var name: String
    /// The 8-byte short name of its first segment.
    var shortName: String
    /// 0 for numeric; the string's width in bytes.
    var width: Int
    /// The element (0-based) where each segment starts, and the bytes of the value it holds.
    var segments: [(element: Int, bytes: Int)]
    var label: String?
    /// User-missing values of a numeric variable: discrete values and ranges.
    var missing: [ClosedRange<Double>] = []
    /// User-missing values of a string variable, as UTF-8 without trailing spaces.
    var missingText: [[UInt8]] = []
    /// The value-label set it uses.
    var labelSet: String?

    /// The element of its first segment.
    var element: Int { segments.first?.element ?? 0 }
}

/// What an SPSS `.sav` or `.zsav` file says before its cases: the header and every
/// dictionary record ukpanel needs (variables and their continuations, labels, missing
/// values, value labels, long names, very long strings, encoding, the 64-bit case
/// count), read in the file's byte order. Every count and length is checked before use.
struct SPSSDictionary: Sendable {
    enum Compression: Int, Sendable {
        case none = 0
        case bytecode = 1
        case zlib = 2
    }

    let order: ByteOrder
    let compression: Compression
    /// Elements (8-byte units) per case.
    let caseSize: Int
    /// The case count when the file gives it.
    let rows: Int?
    let bias: Double
    let fileLabel: String
    let encoding: TextEncoding
    let variables: [SPSSVariable]
    let valueLabels: [String: [Double: String]]
    let textValueLabels: [String: [String: String]]
    /// The offset of the first byte after the dictionary (the cases, or the zsav header).
    let dataOffset: Int

    /// The largest case ukpanel accepts, in elements.
    static let maxElements = 1 << 22

    /// Reads the dictionary from `cursor` (at the start of the file) and leaves it at the data.
    ///
    /// - Throws: `SurveyError` naming the file, the byte offset and (where there is one) the variable.
    static func read(_ cursor: ChunkCursor) throws(SurveyError) -> SPSSDictionary {
        var reader = try DictionaryReader(cursor: cursor)
        return try reader.read()
    }

    /// The header the seam hands out.
    func header(caseInsensitive: Bool) -> TableHeader {
        let columns = variables.map { v in
            TableColumn(
                name: v.name, storage: v.width == 0 ? .real(bytes: 8) : .text(width: v.width), label: v.label,
                valueLabelSet: v.labelSet, declaredMissing: v.missing)
        }
        return TableHeader(
            format: compression == .zlib ? "zsav" : "sav", columns: columns, valueLabels: valueLabels,
            caseInsensitive: caseInsensitive, declaredRows: rows, textValueLabels: textValueLabels)
    }
}

/// The record-by-record reading of an SPSS dictionary.
private struct DictionaryReader {
    let cursor: ChunkCursor
    let order: ByteOrder
    let compression: SPSSDictionary.Compression
    let headerCaseSize: Int
    var rows: Int?
    let bias: Double
    let fileLabelBytes: [UInt8]

    /// One type-2 record per element: its type (0, width, or -1 for a continuation).
    struct Element {
        var type: Int
        var shortName: [UInt8]
        var label: [UInt8]?
        var missing: [ClosedRange<Double>]
        /// A string's user-missing values, as written (8 bytes each, space-padded).
        var missingText: [[UInt8]] = []
    }
    var elements: [Element] = []
    var labelRecords: [(labels: [(value: [UInt8], label: [UInt8])], elements: [Int], offset: Int)] = []
    var longNames: [(short: [UInt8], long: [UInt8])] = []
    var veryLong: [String: Int] = [:]
    var encodingName: String?
    var characterCode: Int?
    var longStringLabels: [(name: [UInt8], labels: [([UInt8], [UInt8])])] = []
    var longStringMissing: [(name: [UInt8], values: [[UInt8]])] = []

    var file: String { cursor.file }

    init(cursor: ChunkCursor) throws(SurveyError) {
        self.cursor = cursor
        let header = try cursor.take(176, "the SPSS file header")
        guard header.starts(with: "$FL2".utf8) || header.starts(with: "$FL3".utf8) else {
            throw SurveyError(.corrupt, file: cursor.file, byteOffset: 0, reason: "does not start with $FL2 or $FL3")
        }
        let little = header.int32(at: 64, .littleEndian)
        let big = header.int32(at: 64, .bigEndian)
        if little == 2 || little == 3 {
            order = .littleEndian
        } else if big == 2 || big == 3 {
            order = .bigEndian
        } else {
            throw SurveyError(
                .corrupt, file: cursor.file, byteOffset: 64,
                reason: "layout code \(little) is not 2 or 3 in either byte order: not an SPSS system file")
        }
        headerCaseSize = Int(header.int32(at: 68, order))
        let code = Int(header.int32(at: 72, order))
        guard let compression = SPSSDictionary.Compression(rawValue: code) else {
            throw SurveyError(
                .corrupt, file: cursor.file, byteOffset: 72, reason: "compression code \(code) is not 0, 1 or 2")
        }
        guard (compression == .zlib) == header.starts(with: "$FL3".utf8) else {
            throw SurveyError(
                .corrupt, file: cursor.file, byteOffset: 72,
                reason:
                    "compression code \(code) does not match the \(header.starts(with: "$FL3".utf8) ? "$FL3" : "$FL2") signature"
            )
        }
        self.compression = compression
        let cases = Int(header.int32(at: 80, order))
        rows = cases >= 0 ? cases : nil
        bias = header.double(at: 84, order)
        fileLabelBytes = Array(header[(92 + 17)..<(92 + 17 + 64)])
    }

    mutating func read() throws(SurveyError) -> SPSSDictionary {
        recordLoop: while true {
            let start = cursor.offset
            let type = try int32("a record type")
            switch type {
            case 2: try readVariable()
            case 3: try readValueLabels(start: start)
            case 6:
                let lines = try count("document lines", limit: 1 << 20)
                try cursor.skip(lines * 80, "the documents")
            case 7: try readExtension()
            case 999:
                _ = try int32("the dictionary's end")
                break recordLoop
            default:
                throw SurveyError(
                    .corrupt, file: file, byteOffset: start,
                    reason: "unknown dictionary record type \(type)", hint: "the file is damaged")
            }
        }
        return try assemble()
    }

    private func int32(_ what: @autoclosure () -> String) throws(SurveyError) -> Int {
        Int(Int32(bitPattern: UInt32(try cursor.unsigned(4, order, what()))))
    }

    /// A count read from the file, checked to be 0…`limit`.
    private func count(_ what: String, limit: Int) throws(SurveyError) -> Int {
        let at = cursor.offset
        let n = try int32(what)
        guard n >= 0 && n <= limit else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: at, reason: "\(what): \(n) is not a count between 0 and \(limit)",
                hint: "the file is damaged")
        }
        return n
    }

    private mutating func readVariable() throws(SurveyError) {
        let start = cursor.offset - 4
        let fields = try cursor.take(20, "a variable record")
        let type = Int(fields.int32(at: 0, order))
        let hasLabel = fields.int32(at: 4, order)
        let missingCount = Int(fields.int32(at: 8, order))
        let name = Array(try cursor.take(8, "a variable's name"))
        let shown = String(decoding: name, as: UTF8.self).droppingTrailing(" ")
        guard type >= -1 && type <= 255 else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: start, variable: shown,
                reason: "variable type \(type) is not -1 to 255")
        }
        guard elements.count < SPSSDictionary.maxElements else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: start, reason: "more variables than any SPSS file holds")
        }
        var label: [UInt8]?
        if hasLabel != 0 {
            let length = try count("the label length of \(shown)", limit: 65_535)
            label = Array(try cursor.take((length + 3) / 4 * 4, "the label of \(shown)").prefix(length))
        }
        var missing: [ClosedRange<Double>] = []
        guard [0, 1, 2, 3, -2, -3].contains(missingCount) else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: start + 12, variable: shown,
                reason: "missing-value count \(missingCount) is not 0-3, -2 or -3")
        }
        if missingCount != 0 {
            let raw = try cursor.take(8 * abs(missingCount), "the missing values of \(shown)")
            if type == 0 {
                // NaN cannot bound a range; such a value declares nothing.
                let values = (0..<abs(missingCount)).map { raw.double(at: 8 * $0, order) }
                guard !values.contains(where: \.isNaN) else {
                    elements.append(Element(type: type, shortName: name, label: label, missing: []))
                    return
                }
                var k = 0
                if missingCount < 0 {
                    missing.append(min(values[0], values[1])...max(values[0], values[1]))
                    k = 2
                }
                while k < values.count {
                    missing.append(values[k]...values[k])
                    k += 1
                }
            } else if type > 0 && missingCount > 0 {
                let text = (0..<missingCount).map { Array(raw[(8 * $0)..<(8 * $0 + 8)]) }
                elements.append(Element(type: type, shortName: name, label: label, missing: [], missingText: text))
                return
            }
        }
        elements.append(Element(type: type, shortName: name, label: label, missing: missing))
    }

    private mutating func readValueLabels(start: Int) throws(SurveyError) {
        let n = try count("the number of value labels", limit: 1 << 24)
        var labels: [(value: [UInt8], label: [UInt8])] = []
        labels.reserveCapacity(min(n, 4096))
        for _ in 0..<n {
            let value = Array(try cursor.take(8, "a labelled value"))
            let length = Int(try cursor.unsigned(1, order, "a value label's length"))
            let padded = (length + 1 + 7) / 8 * 8 - 1
            labels.append((value, Array(try cursor.take(padded, "a value label").prefix(length))))
        }
        let next = cursor.offset
        guard try int32("the record after value labels") == 4 else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: next,
                reason: "value labels are not followed by their variables (record type 4)")
        }
        let count = try count("the variables of a value-label set", limit: SPSSDictionary.maxElements)
        let raw = try cursor.take(4 * count, "the variables of a value-label set")
        let indices = (0..<count).map { Int(raw.int32(at: 4 * $0, order)) }
        labelRecords.append((labels, indices, start))
    }

    private mutating func readExtension() throws(SurveyError) {
        let start = cursor.offset - 4
        let subtype = try int32("an extension record's subtype")
        let size = try count("an extension record's item size", limit: 1 << 16)
        let items = try count("an extension record's item count", limit: 1 << 30)
        let (bytes, overflow) = size.multipliedReportingOverflow(by: items)
        guard !overflow, bytes <= ChunkCursor.maxPiece else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: start, reason: "extension record \(subtype) is too large")
        }
        switch subtype {
        case 3:
            let data = try cursor.take(bytes, "the integer information record")
            if bytes >= 32 { characterCode = Int(data.int32(at: 28, order)) }
        case 13:
            let text = Array(try cursor.take(bytes, "the long variable names"))
            for pair in text.split(separator: 0x09) {
                let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1)
                guard parts.count == 2 else { continue }
                longNames.append((Array(parts[0]), Array(parts[1])))
            }
        case 14:
            let text = Array(try cursor.take(bytes, "the very long strings"))
            for pair in text.split(whereSeparator: { $0 == 0x09 || $0 == 0 }) {
                let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1)
                guard parts.count == 2, let width = Int(String(decoding: parts[1], as: UTF8.self)) else { continue }
                veryLong[String(decoding: parts[0], as: UTF8.self).uppercased()] = width
            }
        case 16:
            let data = try cursor.take(bytes, "the case count")
            if bytes == 16 {
                let n = data.int64(at: 8, order)
                if n >= 0 && n < 1 << 48 { rows = Int(n) }
            }
        case 20:
            encodingName = String(decoding: try cursor.take(bytes, "the encoding"), as: UTF8.self)
        case 21:
            let data = Array(try cursor.take(bytes, "the long string value labels"))
            try readLongStringLabels(data, at: start + 16)
        case 22:
            let data = Array(try cursor.take(bytes, "the long string missing values"))
            try readLongStringMissing(data, at: start + 16)
        default:
            try cursor.skip(bytes, "extension record \(subtype)")
        }
    }

    private mutating func readLongStringLabels(_ data: [UInt8], at offset: Int) throws(SurveyError) {
        var i = 0
        let order = self.order
        let file = self.file
        func next(_ n: Int) throws(SurveyError) -> ArraySlice<UInt8> {
            guard n >= 0, i + n <= data.count else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: offset + i,
                    reason: "a long string value label runs past its record")
            }
            defer { i += n }
            return data[i..<(i + n)]
        }
        func int() throws(SurveyError) -> Int {
            let bytes = Array(try next(4))
            return bytes.withUnsafeBytes { Int($0.int32(at: 0, order)) }
        }
        while i < data.count {
            let name = Array(try next(try int()))
            _ = try int()
            let n = try int()
            guard n >= 0 && n <= data.count else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: offset + i, variable: name.asText,
                    reason: "\(n) long string value labels")
            }
            var labels: [([UInt8], [UInt8])] = []
            for _ in 0..<n {
                let value = Array(try next(try int()))
                labels.append((value, Array(try next(try int()))))
            }
            longStringLabels.append((name, labels))
        }
    }

    /// Subtype 22: per variable, its name, the number of values, their length (8), the values.
    private mutating func readLongStringMissing(_ data: [UInt8], at offset: Int) throws(SurveyError) {
        var i = 0
        let order = self.order
        let file = self.file
        func next(_ n: Int) throws(SurveyError) -> [UInt8] {
            guard n >= 0, i + n <= data.count else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: offset + i,
                    reason: "a long string missing value runs past its record")
            }
            defer { i += n }
            return Array(data[i..<(i + n)])
        }
        while i < data.count {
            let nameLength = Int(try next(4).withUnsafeBytes { $0.int32(at: 0, order) })
            let name = try next(nameLength)
            let count = Int(try next(1)[0])
            let length = Int(try next(4).withUnsafeBytes { $0.int32(at: 0, order) })
            var values: [[UInt8]] = []
            for _ in 0..<count { values.append(try next(length)) }
            longStringMissing.append((name, values))
        }
    }

    /// Builds the variables from the elements: continuations joined, very long strings' segments merged.
    private func assemble() throws(SurveyError) -> SPSSDictionary {
        let encoding = try resolveEncoding()
        var longNames: [String: String] = [:]
        for (short, long) in self.longNames {
            longNames[encoding.string(short).uppercased()] = encoding.string(long)
        }
        var variables: [SPSSVariable] = []
        var variableOfElement = [Int](repeating: -1, count: elements.count)
        var e = 0
        while e < elements.count {
            let element = elements[e]
            let shortName = encoding.string(element.shortName).droppingTrailing(" ")
            guard element.type >= 0 else {
                throw SurveyError(
                    .corrupt, file: file, variable: shortName,
                    reason: "element \(e + 1) continues a string but follows no string variable")
            }
            let span = element.type == 0 ? 1 : (element.type + 7) / 8
            try checkContinuations(from: e, span: span, name: shortName)
            var variable = SPSSVariable(
                name: longNames[shortName.uppercased()] ?? shortName, shortName: shortName, width: element.type,
                segments: [(e, element.type == 0 ? 8 : element.type)],
                label: element.label.map { encoding.string($0) }, missing: element.missing,
                missingText: element.missingText.map { Self.trimmedUTF8($0, encoding) })
            var next = e + span
            if let width = veryLong[shortName.uppercased()], width > 255 {
                let count = (width + 251) / 252
                guard element.type == 255 else {
                    throw SurveyError(
                        .corrupt, file: file, variable: variable.name,
                        reason: "a very long string's first segment has width \(element.type), not 255")
                }
                variable.width = width
                variable.segments = [(e, 255)]
                for k in 1..<count {
                    guard next < elements.count, elements[next].type > 0 else {
                        throw SurveyError(
                            .corrupt, file: file, variable: variable.name,
                            reason:
                                "a very long string of \(width) bytes needs \(count) segments; segment \(k + 1) is missing"
                        )
                    }
                    let segmentSpan = (elements[next].type + 7) / 8
                    try checkContinuations(from: next, span: segmentSpan, name: variable.name)
                    let bytes = k < count - 1 ? 255 : width - (count - 1) * 252
                    guard elements[next].type >= bytes else {
                        throw SurveyError(
                            .corrupt, file: file, variable: variable.name,
                            reason:
                                "segment \(k + 1) of a very long string has width \(elements[next].type), less than its \(bytes) bytes"
                        )
                    }
                    variable.segments.append((next, bytes))
                    for j in next..<(next + segmentSpan) { variableOfElement[j] = variables.count }
                    next += segmentSpan
                }
            }
            for j in e..<min(e + span, elements.count) { variableOfElement[j] = variables.count }
            variables.append(variable)
            e = next
        }
        if elements.isEmpty && rows != 0 {
            throw SurveyError(
                .corrupt, file: file, byteOffset: cursor.offset,
                reason: "the dictionary describes no variables, so its cases cannot be read",
                hint: "the file is damaged")
        }
        if headerCaseSize >= 0 && headerCaseSize != elements.count {
            throw SurveyError(
                .corrupt, file: file, byteOffset: 68,
                reason:
                    "the header says each case has \(headerCaseSize) elements but the dictionary describes \(elements.count)"
            )
        }
        var valueLabels: [String: [Double: String]] = [:]
        var textLabels: [String: [String: String]] = [:]
        for record in labelRecords {
            guard let first = record.elements.first else { continue }
            for index in record.elements where index < 1 || index > elements.count || variableOfElement[index - 1] < 0 {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: record.offset,
                    reason: "value labels apply to variable \(index), which is not the start of a variable")
            }
            let owner = variableOfElement[first - 1]
            let setName = variables[owner].name
            if variables[owner].width == 0 {
                var set: [Double: String] = [:]
                for (value, label) in record.labels {
                    set[value.withUnsafeBytes { $0.double(at: 0, order) }] = encoding.string(label)
                }
                valueLabels[setName] = set
            } else {
                var set: [String: String] = [:]
                for (value, label) in record.labels {
                    set[encoding.string(value).droppingTrailing(" ")] = encoding.string(label)
                }
                textLabels[setName] = set
            }
            for index in record.elements { variables[variableOfElement[index - 1]].labelSet = setName }
        }
        for (rawName, values) in longStringMissing {
            let name = encoding.string(rawName).uppercased()
            guard
                let v = variables.firstIndex(where: {
                    $0.name.uppercased() == name || $0.shortName.uppercased() == name
                })
            else { continue }
            variables[v].missingText = values.map { Self.trimmedUTF8($0, encoding) }
        }
        for (rawName, labels) in longStringLabels {
            let name = encoding.string(rawName).uppercased()
            guard
                let v = variables.firstIndex(where: {
                    $0.name.uppercased() == name || $0.shortName.uppercased() == name
                })
            else { continue }
            var set: [String: String] = [:]
            for (value, label) in labels { set[encoding.string(value).droppingTrailing(" ")] = encoding.string(label) }
            textLabels[variables[v].name] = set
            variables[v].labelSet = variables[v].name
        }
        return SPSSDictionary(
            order: order, compression: compression, caseSize: elements.count, rows: rows, bias: bias,
            fileLabel: encoding.string(fileLabelBytes).droppingTrailing(" "), encoding: encoding,
            variables: variables, valueLabels: valueLabels, textValueLabels: textLabels, dataOffset: cursor.offset)
    }

    /// A string value as the reader hands it out: UTF-8, trailing spaces removed.
    static func trimmedUTF8(_ bytes: [UInt8], _ encoding: TextEncoding) -> [UInt8] {
        Array(encoding.string(bytes).droppingTrailing(" ").utf8)
    }

    private func checkContinuations(from e: Int, span: Int, name: String) throws(SurveyError) {
        for j in (e + 1)..<(e + span) where j >= elements.count || elements[j].type != -1 {
            throw SurveyError(
                .corrupt, file: file, variable: name,
                reason:
                    "a string of width \(elements[e].type) needs \(span) elements, but element \(j + 1) is not a continuation"
            )
        }
    }

    private func resolveEncoding() throws(SurveyError) -> TextEncoding {
        if let encodingName {
            guard let known = TextEncoding(name: encodingName) else {
                throw SurveyError(
                    .unsupported, file: file, reason: "is encoded as \(encodingName), which ukpanel does not read",
                    hint:
                        "ukpanel reads UTF-8, Windows-1252 and Latin-1 SPSS files; resave it as UTF-8 (SET UNICODE ON)")
            }
            return known
        }
        if let characterCode, let known = TextEncoding(name: String(characterCode)) { return known }
        return .windows1252
    }
}

extension Array where Element == UInt8 {
    /// The bytes as UTF-8 text (names and values of the ASCII-only records).
    var asText: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    /// The string without trailing `character`s.
    func droppingTrailing(_ character: Character) -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == character { end = index(before: end) }
        return String(self[..<end])
    }
}
