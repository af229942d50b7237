/// The sections after a `.dta` file's rows: value labels (`<value_labels>`) and long
/// strings (`<strls>`). A plain file is read there by offset; a compressed one (gzip, a
/// zip member) by a second pass that inflates past the rows without holding them.
extension StataDictionary {
    /// Reads the value-label sets: set name → code → label.
    ///
    /// - Throws: `SurveyError` naming the byte offset and the set, for a table that is
    ///   damaged or runs past the section.
    func readValueLabels(input: DataInput, options: ReadOptions) throws(SurveyError) -> [String: [Double: String]] {
        let cursor = try ChunkCursor(input: input, options: options, at: map[11])
        try cursor.expect("<value_labels>")
        var sets: [String: [Double: String]] = [:]
        let nameWidth = Self.nameWidth(release)
        while try cursor.nextRecord("<lbl>", orEnd: "</value_labels>", in: "the value labels") {
            let length = Int(Int32(bitPattern: UInt32(try cursor.unsigned(4, order, "a value-label table's length"))))
            let name = try cursor.take(nameWidth, "a value-label set's name").nulTerminatedString(encoding)
            try cursor.skip(3, "padding")
            let tableStart = cursor.offset
            guard length >= 8, tableStart + length <= map[12] else {
                throw SurveyError(
                    .corrupt, file: cursor.file, byteOffset: tableStart, variable: name,
                    reason:
                        "value-label set '\(name)' claims \(length) bytes, which runs past the value labels' end at byte \(map[12])"
                )
            }
            let table = try cursor.take(length, "value-label set '\(name)'")
            sets[name] = try Self.parseLabelTable(
                table, order: order, encoding: encoding, name: name, file: cursor.file, offset: tableStart)
            try cursor.expect("</lbl>")
        }
        return sets
    }

    /// One `<lbl>` table: n, text length, n text offsets, n values, the text.
    static func parseLabelTable(
        _ table: UnsafeRawBufferPointer, order: ByteOrder, encoding: TextEncoding, name: String, file: String,
        offset: Int
    ) throws(SurveyError) -> [Double: String] {
        let n = Int(table.int32(at: 0, order))
        let textLength = Int(table.int32(at: 4, order))
        guard n >= 0, textLength >= 0, n <= table.count / 8, 8 + 8 * n + textLength == table.count else {
            throw SurveyError(
                .corrupt, file: file, byteOffset: offset, variable: name,
                reason:
                    "value-label set '\(name)' says \(n) labels in \(textLength) bytes of text, which does not match its length \(table.count)"
            )
        }
        let textStart = 8 + 8 * n
        var labels: [Double: String] = [:]
        labels.reserveCapacity(n)
        for i in 0..<n {
            let at = Int(table.int32(at: 8 + 4 * i, order))
            let value = table.int32(at: 8 + 4 * n + 4 * i, order)
            guard at >= 0, at < textLength || (at == 0 && textLength == 0) else {
                throw SurveyError(
                    .corrupt, file: file, byteOffset: offset + 8 + 4 * i, variable: name,
                    reason:
                        "value-label set '\(name)': label \(i + 1) starts at \(at), outside its \(textLength) bytes of text"
                )
            }
            let text = UnsafeRawBufferPointer(rebasing: table[(textStart + at)..<(textStart + textLength)])
            labels[Double(value)] = text.nulTerminatedString(encoding)
        }
        return labels
    }

    /// Reads the `<strls>` section, keeping the strings of the variables (1-based) in `wanted`.
    ///
    /// - Returns: (variable, observation) → the text as UTF-8.
    func readStrLs(wanted: Set<Int>, input: DataInput, options: ReadOptions) throws(SurveyError) -> [StrLKey: [UInt8]] {
        let cursor = try ChunkCursor(input: input, options: options, at: map[10])
        try cursor.expect("<strls>")
        var strings: [StrLKey: [UInt8]] = [:]
        let observationBytes = release == 117 ? 4 : 8
        while try cursor.nextRecord("GSO", orEnd: "</strls>", in: "the strLs") {
            let start = cursor.offset - 3
            let variable = Int(try cursor.unsigned(4, order, "a strL's variable"))
            let observation = try cursor.unsigned(observationBytes, order, "a strL's observation")
            let kind = try cursor.unsigned(1, order, "a strL's type")
            let length = Int(try cursor.unsigned(4, order, "a strL's length"))
            let dataStart = cursor.offset
            guard kind == 129 || kind == 130, dataStart + length <= map[11] else {
                throw SurveyError(
                    .corrupt, file: cursor.file, byteOffset: start,
                    variable: variable >= 1 && variable <= names.count ? names[variable - 1] : nil,
                    reason: kind == 129 || kind == 130
                        ? "a strL of \(length) bytes runs past the strLs' end at byte \(map[11])"
                        : "a strL has type \(kind), not 129 (binary) or 130 (text)")
            }
            guard wanted.contains(variable) else {
                try cursor.skip(length, "a strL")
                continue
            }
            var bytes = try cursor.take(length, "a strL")
            if kind == 130, bytes.last == 0 { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
            // Text (130) is converted to UTF-8; binary (129) is kept as it is.
            strings[StrLKey(variable: UInt32(truncatingIfNeeded: variable), observation: observation)] =
                kind == 130 ? Array(encoding.string(bytes).utf8) : Array(bytes)
        }
        return strings
    }
}

/// A strL's key: the variable (1-based) and observation (1-based) that first held it.
struct StrLKey: Hashable, Sendable {
    var variable: UInt32
    var observation: UInt64
}
