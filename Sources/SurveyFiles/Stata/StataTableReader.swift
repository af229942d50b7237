import CMappedFile

/// Reads a Stata `.dta` file (117, 118, 119; either byte order), streaming: the
/// dictionary, then the fixed-width rows, decoding only the projected columns' bytes
/// at offsets worked out once.
///
/// Numbers come out as decoded values; Stata's `.` as system-missing and `.a`–`.z`
/// as extended missing values (`FormatMissing`), distinct from any survey's own
/// negative codes, which stay numbers. Text is UTF-8 (117's Windows-1252 is converted).
///
/// A file stored as it is (plain, or a stored zip member) has its rows read ahead by offset on
/// two threads into a bounded ring (`ParallelBlocks`); a compressed one is inflated on a second
/// thread (`PipelinedChunks`).
///
/// Value labels and strLs follow the rows in the file. A plain file is read there by
/// offset. A gzip file or zip member is read there by a **second pass** that inflates
/// past the rows without keeping them: `readHeader()` makes it for the value labels,
/// `read` only when a projected column is a strL (and keeps only those columns' strings).
final class StataTableReader: TableReader {
    let input: DataInput
    let options: ReadOptions
    var onProgress: ((Int, Int?) -> Void)?

    init(input: DataInput, options: ReadOptions) {
        self.input = input
        self.options = options
    }

    func readHeader() throws(SurveyError) -> TableHeader {
        let dictionary = try readDictionary()
        let labels = try dictionary.readValueLabels(input: input, options: options)
        return dictionary.header(valueLabels: labels, caseInsensitive: options.caseInsensitiveNames)
    }

    /// The dictionary, read on this thread.
    func readDictionary() throws(SurveyError) -> StataDictionary {
        let chunks = try OpenedChunks(input, options: options, pipelined: false)
        let cursor = ChunkCursor(file: input.description, source: chunks.source)
        return try StataDictionary.read(cursor, fileSize: chunks.plainSize)
    }

    @discardableResult
    func read(project: (TableHeader) throws -> ColumnProjection, row: (RowCells) throws -> Void) throws
        -> TableSummary
    {
        // A file stored as it is (plain, or a stored zip member) has its dictionary read here and
        // its rows read ahead by offset on both cores; a compressed one is inflated on the other.
        let opened = try OpenedChunks(input, options: options, pipelined: options.pipelined)
        let stored = opened.plainSize
        let headerCursor = ChunkCursor(file: input.description, source: opened.source)
        let dictionary = try StataDictionary.read(headerCursor, fileSize: stored)
        let header = dictionary.header(valueLabels: [:], caseInsensitive: options.caseInsensitiveNames)
        let projection = try project(header)
        let decoder = try StataRowDecoder(dictionary: dictionary, projection: projection, file: input.description)
        if !decoder.strLVariables.isEmpty {
            let input = self.input
            let options = self.options
            decoder.loadStrLs = { wanted throws(SurveyError) in
                try dictionary.readStrLs(wanted: wanted, input: input, options: options)
            }
            try decoder.load(decoder.strLVariables)
        }
        try headerCursor.expect("<data>")
        let dataStart = headerCursor.offset
        let width = dictionary.rowWidth
        let cursor: ChunkCursor
        if let stored, options.pipelined, dictionary.rows > 0 {
            // The rows and the </data> after them (to the file's end when they claim more: the
            // reader then reports the file as truncated where it ends).
            let (rowBytes, overflow) = dictionary.rows.multipliedReportingOverflow(by: width)
            let end = !overflow && rowBytes <= stored - dataStart - 7 ? dataStart + rowBytes + 7 : stored
            cursor = ChunkCursor(
                file: input.description,
                source: ParallelBlocks.storedFile(
                    input, range: dataStart..<end, fileSize: stored, blockSize: options.chunkSize,
                    limits: options.limits),
                startingAt: dataStart)
        } else {
            cursor = headerCursor
        }
        var lastReport = 0
        let onProgress = self.onProgress
        // The projected cells of a row a few rows on are asked for while this one is decoded: a row's
        // cells are far apart, more streams than the processor's own prefetcher follows.
        let ahead = 4 * width
        try cursor.forEachRecord(width: width, count: dictionary.rows, "row") { record, index in
            decoder.prefetch(record + ahead)
            try decoder.decode(record, row: index)
            try row(
                RowCells(
                    base: decoder.arena.base, cells: decoder.cells.pointer,
                    count: decoder.slotCount, lineNumber: index + 2, byteOffset: dataStart + index * width))
            if let onProgress, (index - lastReport) * width >= 16 << 20 {
                lastReport = index
                let (consumed, total) = cursor.progress
                onProgress(consumed, total)
            }
        }
        try cursor.expect("</data>")
        return TableSummary(rows: dictionary.rows, bytes: cursor.offset)
    }
}

/// Decodes the projected cells of one fixed-width row: offsets and types worked out once.
final class StataRowDecoder {
    enum Kind: UInt8 { case byte, int, long, float, double, str, strL }

    struct Slot {
        var offset: Int
        var kind: Kind
        var width: Int
        /// 1-based variable number (for strLs and messages).
        var variable: Int
    }

    let slots: [Slot]
    let slotCount: Int
    let order: ByteOrder
    let encoding: TextEncoding
    let names: [String]
    let file: String
    let strLVariableBytes: Int
    /// The 1-based numbers of projected strL variables.
    let strLVariables: Set<Int>
    var strLs: [StrLKey: [UInt8]] = [:]
    /// Reads the strLs first stored in the given variables (a strL may point to another
    /// variable's string, stored once).
    var loadStrLs: ((Set<Int>) throws(SurveyError) -> [StrLKey: [UInt8]])?
    private var loaded = Set<Int>()

    /// Loads the strLs of `variables` not loaded yet.
    func load(_ variables: Set<Int>) throws(SurveyError) {
        let missing = variables.subtracting(loaded)
        guard !missing.isEmpty, let loadStrLs else { return }
        strLs.merge(try loadStrLs(missing)) { first, _ in first }
        loaded.formUnion(missing)
    }
    let cells: TypedBuffer<TableCell>
    /// The row's text, as UTF-8 (cells point into it). Reset for every row by `decode` alone,
    /// never re-entrantly: no run-time exclusivity check.
    @exclusivity(unchecked) private(set) var arena: TextArena

    init(dictionary: StataDictionary, projection: ColumnProjection, file: String) throws(SurveyError) {
        var slots: [Slot] = []
        var strLs = Set<Int>()
        var textBytes = 16
        for column in projection.columnIndices {
            guard column >= 0 && column < dictionary.types.count else {
                throw SurveyError(
                    .invalidArgument, file: file, reason: "column \(column) is not in the file's dictionary")
            }
            let type = dictionary.types[column]
            let kind: Kind
            switch type {
            case .byte: kind = .byte
            case .int: kind = .int
            case .long: kind = .long
            case .float: kind = .float
            case .double: kind = .double
            case .str(let w):
                kind = .str
                textBytes += 3 * w
            case .strL:
                kind = .strL
                strLs.insert(column + 1)
            }
            slots.append(Slot(offset: dictionary.offsets[column], kind: kind, width: type.width, variable: column + 1))
        }
        self.slots = slots
        slotCount = slots.count
        order = dictionary.order
        encoding = dictionary.encoding
        names = dictionary.names
        self.file = file
        strLVariableBytes = dictionary.strLVariableBytes
        strLVariables = strLs
        cells = TypedBuffer(repeating: .empty, count: slots.count)
        arena = TextArena(capacity: textBytes)
    }

    /// Asks for the projected bytes of the row at `record` to be brought into the cache; `record` need
    /// not be in the buffer (a prefetch never faults).
    @inline(__always)
    func prefetch(_ record: UnsafeRawPointer) {
        for s in 0..<slotCount { ukp_prefetch(record + slots[s].offset) }
    }

    /// Fills `cells` (and the arena) from `record`, the 0-based row `row`.
    @inline(__always)
    func decode(_ record: UnsafeRawPointer, row: Int) throws(SurveyError) {
        arena.reset()
        let order = self.order
        for s in 0..<slotCount {
            let slot = slots[s]
            let cell: TableCell
            switch slot.kind {
            case .byte:
                let v = Int(Int8(bitPattern: record.load(fromByteOffset: slot.offset, as: UInt8.self)))
                cell = v > 100 ? StataMissing.integerCell(v, largestValid: 100) : .integer(v)
            case .int:
                let v = Int(Int16(bitPattern: record.loadUInt16(at: slot.offset, order)))
                cell = v > 32740 ? StataMissing.integerCell(v, largestValid: 32740) : .integer(v)
            case .long:
                let v = Int(record.loadInt32(at: slot.offset, order))
                cell = v > 2_147_483_620 ? StataMissing.integerCell(v, largestValid: 2_147_483_620) : .integer(v)
            case .float:
                let bits = record.loadUInt32(at: slot.offset, order)
                cell =
                    Int32(bitPattern: bits) >= 0x7f00_0000
                    ? StataMissing.floatCell(bits) : .real(Double(Float(bitPattern: bits)))
            case .double:
                let bits = record.loadUInt64(at: slot.offset, order)
                cell =
                    Int64(bitPattern: bits) >= 0x7fe0_0000_0000_0000
                    ? StataMissing.doubleCell(bits) : .real(Double(bitPattern: bits))
            case .str:
                let bytes = UnsafeRawBufferPointer(start: record + slot.offset, count: slot.width)
                let text = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.firstIndex(of: 0) ?? slot.width)])
                cell = arena.append(text, encoding: encoding)
            case .strL:
                cell = try strLCell(record + slot.offset, slot: slot, row: row)
            }
            cells.pointer[s] = cell
        }
    }

    private func strLCell(_ at: UnsafeRawPointer, slot: Slot, row: Int) throws(SurveyError) -> TableCell {
        // v then o, each in the file's byte order: 4 + 4 bytes (117), 2 + 6 (118), 3 + 5 (119).
        let reference = UnsafeRawBufferPointer(start: at, count: 8)
        let variable = UInt32(truncatingIfNeeded: reference.unsigned(at: 0, bytes: strLVariableBytes, order))
        let observation = reference.unsigned(at: strLVariableBytes, bytes: 8 - strLVariableBytes, order)
        let start = arena.used
        if variable == 0 && observation == 0 { return .bytes(start: start, end: start) }
        let key = StrLKey(variable: variable, observation: observation)
        if strLs[key] == nil, Int(variable) >= 1, Int(variable) <= names.count, !loaded.contains(Int(variable)) {
            try load([Int(variable)])
        }
        guard let text = strLs[key] else {
            throw SurveyError(
                .corrupt, file: file, line: row + 2, variable: names[slot.variable - 1],
                reason: "refers to strL (\(variable), \(observation)), which the <strls> section does not hold")
        }
        text.withUnsafeBytes { arena.appendRaw($0) }
        return arena.cell(from: start)
    }
}
