/// What a Stata `.dta` file (format 117, 118 or 119) says before its rows: the header,
/// the map of section offsets, and per variable its type, name, format, value-label set
/// and label. Every size and offset is checked against the map (and the file size, for
/// a plain file) before it is used.
struct StataDictionary: Sendable {
    /// 117, 118 or 119.
    let release: Int
    let order: ByteOrder
    let rows: Int
    let dataLabel: String
    /// The 14 section offsets: [9] `<data>`, [10] `<strls>`, [11] `<value_labels>`, [12] `</stata_dta>`, [13] end.
    let map: [Int]
    let types: [StataType]
    let names: [String]
    let formats: [String]
    let labelSets: [String]
    let labels: [String]
    /// Each variable's byte offset within a row.
    let offsets: [Int]
    /// Bytes per row.
    let rowWidth: Int
    /// How text is encoded: UTF-8 from 118, Windows-1252 before.
    let encoding: TextEncoding

    /// Width of a name, a value-label set name: 33 bytes in 117, 129 from 118.
    static func nameWidth(_ release: Int) -> Int { release == 117 ? 33 : 129 }
    /// Width of a display format: 49 in 117, 57 from 118.
    static func formatWidth(_ release: Int) -> Int { release == 117 ? 49 : 57 }
    /// Width of a variable label: 81 in 117, 321 from 118.
    static func labelWidth(_ release: Int) -> Int { release == 117 ? 81 : 321 }
    /// Bytes of a variable number in a strL reference: 4 in 117, 2 in 118, 3 in 119.
    var strLVariableBytes: Int { release == 117 ? 4 : release == 118 ? 2 : 3 }

    /// The most variables ukpanel accepts (Stata/MP's limit is 120,000).
    static let maxVariables = 1 << 20

    /// Reads the dictionary from `cursor`, which must be at the start of the file, and leaves
    /// it at the `<data>` marker.
    ///
    /// - Parameter fileSize: the file's size when known (a plain file), to check the map against.
    /// - Throws: `SurveyError` naming the file, the byte offset and (where there is one) the variable.
    static func read(_ cursor: ChunkCursor, fileSize: Int?) throws(SurveyError) -> StataDictionary {
        let file = cursor.file
        let magic = try cursor.take(11, "the Stata header")
        guard magic.elementsEqual("<stata_dta>".utf8) else {
            if let first = magic.first, (102...116).contains(first) {
                throw SurveyError(
                    .unsupported, file: file, byteOffset: 0,
                    reason:
                        "is a Stata .dta file of format \(first) (Stata 12 or older); ukpanel reads formats 117-119",
                    hint: "resave it in Stata 13 or later (saveold ..., version(13)), or use the tab-delimited release")
            }
            throw SurveyError(.corrupt, file: file, byteOffset: 0, reason: "does not start with <stata_dta>")
        }
        try cursor.expect("<header>")
        try cursor.expect("<release>")
        let releaseOffset = cursor.offset
        let releaseText = String(decoding: try cursor.take(3, "the release"), as: UTF8.self)
        guard let release = Int(releaseText), (117...119).contains(release) else {
            throw SurveyError(
                .unsupported, file: file, byteOffset: releaseOffset,
                reason: "is a Stata .dta file of format '\(releaseText)'; ukpanel reads formats 117, 118 and 119")
        }
        try cursor.expect("</release>")
        try cursor.expect("<byteorder>")
        let orderOffset = cursor.offset
        let orderText = String(decoding: try cursor.take(3, "the byte order"), as: UTF8.self)
        let order: ByteOrder
        switch orderText {
        case "LSF": order = .littleEndian
        case "MSF": order = .bigEndian
        default:
            throw SurveyError(
                .corrupt, file: file, byteOffset: orderOffset, reason: "byte order '\(orderText)' is not LSF or MSF")
        }
        try cursor.expect("</byteorder>")
        try cursor.expect("<K>")
        let kOffset = cursor.offset
        let kBytes = release == 119 ? 4 : 2
        let variableCount = Int(try cursor.unsigned(kBytes, order, "the variable count"))
        guard variableCount <= maxVariables else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: kOffset,
                reason: "claims \(variableCount) variables, more than Stata allows: the file is damaged")
        }
        try cursor.expect("</K>")
        try cursor.expect("<N>")
        let nOffset = cursor.offset
        let nBytes = release == 117 ? 4 : 8
        let rowsRaw = try cursor.unsigned(nBytes, order, "the observation count")
        guard let rows = Int(exactly: rowsRaw), rows < 1 << 48 else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: nOffset, reason: "claims \(rowsRaw) rows: the file is damaged")
        }
        try cursor.expect("</N>")
        try cursor.expect("<label>")
        let labelLengthBytes = release == 117 ? 1 : 2
        let labelLength = Int(try cursor.unsigned(labelLengthBytes, order, "the dataset label's length"))
        let encoding: TextEncoding = release == 117 ? .windows1252 : .utf8
        let dataLabel = encoding.string(try cursor.take(labelLength, "the dataset label"))
        try cursor.expect("</label>")
        try cursor.expect("<timestamp>")
        let stampLength = Int(try cursor.unsigned(1, order, "the timestamp's length"))
        try cursor.skip(stampLength, "the timestamp")
        try cursor.expect("</timestamp>")
        try cursor.expect("</header>")

        let mapStart = cursor.offset
        try cursor.expect("<map>")
        let mapRaw = try cursor.take(14 * 8, "the section map")
        let map = (0..<14).map { i in Int(clamping: mapRaw.uint64(at: 8 * i, order)) }
        try cursor.expect("</map>")
        try checkMap(map, mapStart: mapStart, fileSize: fileSize, file: file)

        let nameWidth = Self.nameWidth(release)
        try section(cursor, "variable_types", at: map[2])
        let typeCodes = try cursor.take(2 * variableCount, "the variable types")
        let codes = (0..<variableCount).map { i in typeCodes.uint16(at: 2 * i, order) }
        try cursor.expect("</variable_types>")
        try section(cursor, "varnames", at: map[3])
        let names = try fixedStrings(cursor, count: variableCount, width: nameWidth, encoding, "the variable names")
        try cursor.expect("</varnames>")
        var types: [StataType] = []
        types.reserveCapacity(variableCount)
        for (i, code) in codes.enumerated() {
            guard let type = StataType(code: code) else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: map[2] + 16 + 2 * i, variable: names[i],
                    reason: "has storage type code \(code), which Stata does not define")
            }
            types.append(type)
        }
        try section(cursor, "sortlist", at: map[4])
        try cursor.skip((variableCount + 1) * (release == 119 ? 4 : 2), "the sort list")
        try cursor.expect("</sortlist>")
        try section(cursor, "formats", at: map[5])
        let formats = try fixedStrings(
            cursor, count: variableCount, width: formatWidth(release), encoding, "the display formats")
        try cursor.expect("</formats>")
        try section(cursor, "value_label_names", at: map[6])
        let labelSets = try fixedStrings(cursor, count: variableCount, width: nameWidth, encoding, "the label names")
        try cursor.expect("</value_label_names>")
        try section(cursor, "variable_labels", at: map[7])
        let labels = try fixedStrings(
            cursor, count: variableCount, width: labelWidth(release), encoding, "the variable labels")
        try cursor.expect("</variable_labels>")
        try section(cursor, "characteristics", at: map[8])
        try cursor.skip(map[9] - cursor.offset, "the characteristics")

        var offsets: [Int] = []
        offsets.reserveCapacity(variableCount)
        var width = 0
        for type in types {
            offsets.append(width)
            width += type.width
        }
        guard width > 0 || rows == 0 else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: map[9], reason: "claims \(rows) rows of no variables",
                hint: "the file is damaged")
        }
        let (dataBytes, overflow) = rows.multipliedReportingOverflow(by: width)
        guard !overflow, dataBytes < 1 << 58, map[9] + 13 + dataBytes == map[10] else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: map[9],
                reason:
                    "\(rows) rows of \(width) bytes do not fit between <data> at byte \(map[9]) and <strls> at byte \(map[10])",
                hint: "the file is damaged or truncated")
        }
        return StataDictionary(
            release: release, order: order, rows: rows, dataLabel: dataLabel, map: map, types: types, names: names,
            formats: formats, labelSets: labelSets, labels: labels, offsets: offsets, rowWidth: width,
            encoding: encoding)
    }

    /// The header the seam hands out; `valueLabels` when they were read.
    func header(valueLabels: [String: [Double: String]], caseInsensitive: Bool) -> TableHeader {
        let columns = names.indices.map { i in
            TableColumn(
                name: names[i], storage: types[i].storage, label: labels[i].isEmpty ? nil : labels[i],
                valueLabelSet: labelSets[i].isEmpty ? nil : labelSets[i])
        }
        return TableHeader(
            format: "dta", columns: columns, valueLabels: valueLabels, caseInsensitive: caseInsensitive,
            declaredRows: rows)
    }

    /// Checks the map: sections in order, inside the file.
    private static func checkMap(_ map: [Int], mapStart: Int, fileSize: Int?, file: String) throws(SurveyError) {
        let names = [
            "<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>", "<formats>",
            "<value_label_names>", "<variable_labels>", "<characteristics>", "<data>", "<strls>", "<value_labels>",
            "</stata_dta>", "the end of the file",
        ]
        guard map[0] == 0, map[1] == mapStart else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: mapStart + 5,
                reason: "the section map does not start at the file's start and its own position")
        }
        if let bad = map.firstIndex(where: { $0 >= 1 << 56 }) {
            throw SurveyError(
                .corrupt, file: file, byteOffset: mapStart + 5 + 8 * bad,
                reason: "the section map puts \(names[bad]) at byte \(map[bad]), beyond any real file",
                hint: "the file is damaged")
        }
        for i in 2..<14 where map[i] < map[i - 1] {
            throw SurveyError(
                .corrupt, file: file, byteOffset: mapStart + 5 + 8 * i,
                reason:
                    "the section map puts \(names[i]) at byte \(map[i]), before \(names[i - 1]) at byte \(map[i - 1])",
                hint: "the file is damaged")
        }
        if let fileSize, map[13] > fileSize || map[12] > fileSize {
            throw SurveyError(
                .truncated, file: file, byteOffset: fileSize,
                reason:
                    "the section map says the file runs to byte \(max(map[12], map[13])) but it has \(fileSize) bytes",
                hint: "the file is truncated: download it again")
        }
    }

    /// Reads `<name>`, which the map says is at `offset`.
    private static func section(_ cursor: ChunkCursor, _ name: String, at offset: Int) throws(SurveyError) {
        guard cursor.offset == offset else {
            throw SurveyError(
                .corrupt, file: cursor.file, byteOffset: cursor.offset,
                reason:
                    "the section map puts <\(name)> at byte \(offset) but the previous section ends at byte \(cursor.offset)",
                hint: "the file is damaged")
        }
        try cursor.expect("<\(name)>")
    }

    private static func fixedStrings(
        _ cursor: ChunkCursor, count: Int, width: Int, _ encoding: TextEncoding, _ what: String
    ) throws(SurveyError) -> [String] {
        let raw = try cursor.take(count * width, what)
        return (0..<count).map { i in
            UnsafeRawBufferPointer(rebasing: raw[(i * width)..<((i + 1) * width)]).nulTerminatedString(encoding)
        }
    }
}
