/// Reads an SPSS `.sav` (uncompressed or bytecode-compressed) or `.zsav` file, streaming:
/// the dictionary, then the cases, decoding only the projected variables.
///
/// Numbers come out as decoded values; system-missing as `FormatMissing.system`; a value
/// the dictionary declares user-missing keeps its value and reads as `.declared`, so a
/// survey's own missing codes (UKHLS -9 … -1) decode exactly as in the tab release. Text is
/// UTF-8 (files in Windows-1252 or Latin-1 are converted), trailing spaces removed; a very
/// long string's segments are joined. A `.zsav` file's blocks are inflated on two threads.
final class SPSSTableReader: TableReader {
    let input: DataInput
    let options: ReadOptions
    var onProgress: ((Int, Int?) -> Void)?

    init(input: DataInput, options: ReadOptions) {
        self.input = input
        self.options = options
    }

    func readHeader() throws(SurveyError) -> TableHeader {
        let cursor = try ChunkCursor(input: input, options: options)
        return try SPSSDictionary.read(cursor).header(caseInsensitive: options.caseInsensitiveNames)
    }

    @discardableResult
    func read(project: (TableHeader) throws -> ColumnProjection, row: (RowCells) throws -> Void) throws
        -> TableSummary
    {
        let opened = try OpenedChunks(input, options: options, pipelined: false)
        let plain = opened.plainSize != nil && input.member == nil
        let headerCursor = ChunkCursor(file: input.description, source: opened.source)
        let dictionary = try SPSSDictionary.read(headerCursor)
        let projection = try project(dictionary.header(caseInsensitive: options.caseInsensitiveNames))
        let decoder = try SPSSRowDecoder(dictionary: dictionary, projection: projection, file: input.description)

        let cursor: ChunkCursor
        switch dictionary.compression {
        case .zlib:
            let layout = try ZSAVLayout.read(headerCursor, order: dictionary.order, input: input, options: options)
            let blocks: any ChunkSource =
                plain
                ? ParallelBlocks.zsav(
                    path: input.path, file: input.description, layout: layout, inflater: options.limits.inflater)
                : try SequentialZSAVBlocks(cursor: headerCursor, layout: layout, inflater: options.limits.inflater)
            cursor = ChunkCursor(file: input.description, source: blocks)
        case .none, .bytecode:
            // The cases are read ahead on the other core: by offset when the file is stored as it is
            // (the dictionary is not read twice), else inflated from the start.
            if options.pipelined, let stored = opened.plainSize, stored > dictionary.dataOffset {
                cursor = ChunkCursor(
                    file: input.description,
                    source: ParallelBlocks.storedFile(
                        input, range: dictionary.dataOffset..<stored, fileSize: stored, blockSize: options.chunkSize,
                        limits: options.limits),
                    startingAt: dictionary.dataOffset)
            } else if options.pipelined {
                cursor = ChunkCursor(
                    file: input.description,
                    source: PipelinedChunks(input: input, chunkSize: options.chunkSize, limits: options.limits))
                try cursor.skip(dictionary.dataOffset, "the dictionary")
            } else {
                cursor = headerCursor
            }
        }

        let width = 8 * dictionary.caseSize
        var rows = 0
        var lastReport = 0
        let limit = dictionary.rows ?? Int.max
        func emit(_ record: UnsafeRawPointer, _ offset: Int) throws {
            try decoder.decode(record)
            try row(
                RowCells(
                    base: decoder.arena.base, cells: decoder.cells.pointer, count: decoder.slotCount,
                    lineNumber: rows + 2, byteOffset: offset))
            rows += 1
            if let onProgress = self.onProgress, cursor.offset - lastReport >= 16 << 20 {
                lastReport = cursor.offset
                let (consumed, total) = cursor.progress
                onProgress(consumed, total)
            }
        }
        if dictionary.compression == .none {
            let start = cursor.offset
            if let declared = dictionary.rows {
                try cursor.forEachRecord(width: width, count: declared, "case") { record, index in
                    try emit(record, start + index * width)
                }
            } else {
                while try cursor.hasMore() {
                    let record = try cursor.take(width, "case \(rows + 1)")
                    guard let base = record.baseAddress else { break }
                    try emit(base, cursor.offset - width)
                }
            }
        } else {
            var expander = BytecodeExpander(
                caseSize: dictionary.caseSize, bias: dictionary.bias, order: dictionary.order, wanted: decoder.wanted)
            let record = RawBuffer(byteCount: width)
            while rows < limit {
                let offset = cursor.offset
                guard try expander.nextCase(into: record.baseAddress, from: cursor) else { break }
                try emit(UnsafeRawPointer(record.baseAddress), offset)
            }
        }
        if let declared = dictionary.rows, rows < declared {
            throw SurveyError(
                .truncated, file: input.description, byteOffset: cursor.offset,
                reason: "the data end after \(rows) cases but the header says \(declared)",
                hint: "the file is truncated: download it again")
        }
        return TableSummary(rows: rows, bytes: cursor.offset)
    }
}

/// Decodes the projected variables of one case: elements and segments worked out once.
final class SPSSRowDecoder {
    /// −DBL_MAX, SPSS's system-missing value.
    static let systemMissingBits: UInt64 = 0xFFEF_FFFF_FFFF_FFFF

    struct Slot {
        var element: Int
        var numeric: Bool
        var width: Int
        var missing: [ClosedRange<Double>]
        /// A string's user-missing values (UTF-8, trailing spaces removed).
        var missingText: [[UInt8]]
        var segments: [(element: Int, bytes: Int)]
    }

    let slots: [Slot]
    let slotCount: Int
    let order: ByteOrder
    let encoding: TextEncoding
    let cells: TypedBuffer<TableCell>
    /// Per element: whether a projected variable reads it.
    let wanted: [Bool]
    /// The case's text (cells point into it); reset by `decode` alone, never re-entrantly.
    @exclusivity(unchecked) private(set) var arena: TextArena

    init(dictionary: SPSSDictionary, projection: ColumnProjection, file: String) throws(SurveyError) {
        var wanted = [Bool](repeating: false, count: dictionary.caseSize)
        var slots: [Slot] = []
        var text = 16
        for column in projection.columnIndices {
            guard column >= 0 && column < dictionary.variables.count else {
                throw SurveyError(
                    .invalidArgument, file: file, reason: "column \(column) is not in the file's dictionary")
            }
            let v = dictionary.variables[column]
            for segment in v.segments {
                for e in segment.element..<min(segment.element + (segment.bytes + 7) / 8, wanted.count) {
                    wanted[e] = true
                }
            }
            text += v.width
            slots.append(
                Slot(
                    element: v.element, numeric: v.width == 0, width: v.width, missing: v.missing,
                    missingText: v.missingText,
                    segments: v.segments))
        }
        self.slots = slots
        slotCount = slots.count
        order = dictionary.order
        encoding = dictionary.encoding
        self.wanted = wanted
        cells = TypedBuffer(repeating: .empty, count: slots.count)
        arena = TextArena(capacity: 3 * text)
    }

    /// Fills `cells` (and the arena) from the fixed-width case at `record`.
    @inline(__always)
    func decode(_ record: UnsafeRawPointer) throws(SurveyError) {
        arena.reset()
        for s in 0..<slotCount {
            let slot = slots[s]
            if slot.numeric {
                let bits = record.loadUInt64(at: 8 * slot.element, order)
                let value = Double(bitPattern: bits)
                let cell: TableCell
                if bits == Self.systemMissingBits || value.isNaN {
                    cell = .missing(.system)
                } else if !slot.missing.isEmpty && slot.missing.contains(where: { $0.contains(value) }) {
                    cell = .declaredMissing(value)
                } else {
                    cell = .real(value)
                }
                cells.pointer[s] = cell
                continue
            }
            if slot.segments.count == 1 {
                let bytes = UnsafeRawBufferPointer(start: record + 8 * slot.element, count: slot.segments[0].bytes)
                cells.pointer[s] = declared(arena.append(bytes, encoding: encoding, trim: 0x20), slot)
                continue
            }
            let start = arena.used
            for segment in slot.segments {
                arena.appendRaw(UnsafeRawBufferPointer(start: record + 8 * segment.element, count: segment.bytes))
            }
            arena.truncate(to: start + slot.width)
            arena.trimEnd(from: start, 0x20)
            arena.transcodeEnd(from: start, encoding)
            cells.pointer[s] = declared(arena.cell(from: start), slot)
        }
    }

    /// The text cell marked user-missing when its value is one the dictionary declares.
    @inline(__always)
    private func declared(_ cell: TableCell, _ slot: Slot) -> TableCell {
        guard !slot.missingText.isEmpty else { return cell }
        let text = UnsafeBufferPointer(start: arena.base + cell.first, count: cell.second - cell.first)
        return slot.missingText.contains(where: { $0.elementsEqual(text) }) ? cell.markedDeclared : cell
    }
}
