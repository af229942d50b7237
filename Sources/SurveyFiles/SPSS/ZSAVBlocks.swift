extension ParallelBlocks {
    /// A `.zsav` file's cases as inflated blocks, in order: from a plain file, two threads
    /// inflate blocks ahead of the reader (so both cores work), into a ring of `depth` buffers:
    /// memory is `depth × blockSize` whatever the file's size.
    static func zsav(path: String, file: String, layout: ZSAVLayout, inflater: Inflater, depth: Int = 4) -> ParallelBlocks {
        let blocks = layout.blocks
        let plan = Plan(
            count: blocks.count, capacity: layout.blockSize, size: { blocks[$0].inflatedSize },
            fileBytes: { blocks[$0].compressedSize },
            totalFileBytes: blocks.last.map { $0.compressedOffset + $0.compressedSize } ?? 0)
        return ParallelBlocks(plan: plan, depth: depth, name: "ukpanel-zsav") { () throws(SurveyError) -> any BlockFiller in
            ZSAVBlockFiller(
                blocks: blocks, inflater: try makeBlockInflater(inflater, file: file),
                source: try FileByteSource(path: path, displayName: file))
        }
    }
}

/// Inflates zsav blocks read by offset, on one worker's own descriptor and zlib stream.
private struct ZSAVBlockFiller: BlockFiller {
    let blocks: [ZSAVLayout.Block]
    let inflater: any BlockInflater
    let source: FileByteSource

    func fill(_ index: Int, into out: UnsafeMutableRawPointer) throws(SurveyError) {
        let block = blocks[index]
        let compressed = try source.readExactly(count: block.compressedSize, at: block.compressedOffset)
        let outcome: Result<Void, SurveyError> = compressed.withUnsafeBytes { raw in
            Result { () throws(SurveyError) in
                try inflater.inflate(
                    raw, into: out, size: block.inflatedSize, block: index, offset: block.compressedOffset)
            }
        }
        try outcome.get()
    }
}

/// A `.zsav` file's blocks inflated one after another on the calling thread, for a zsav
/// that is itself compressed (gzip, a zip member) and so cannot be read by offset.
final class SequentialZSAVBlocks: ChunkSource {
    private let cursor: ChunkCursor
    private let layout: ZSAVLayout
    private let inflater: any BlockInflater
    private let buffer: RawBuffer
    private var index = 0

    /// Blocks read through `cursor`, which is at the first block.
    init(cursor: ChunkCursor, layout: ZSAVLayout, inflater: Inflater) throws(SurveyError) {
        self.cursor = cursor
        self.layout = layout
        self.inflater = try makeBlockInflater(inflater, file: cursor.file)
        buffer = RawBuffer(byteCount: layout.blockSize)
    }

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
        guard index < layout.blocks.count else { return nil }
        let block = layout.blocks[index]
        try cursor.skip(block.compressedOffset - cursor.offset, "the gap before zsav block \(index + 1)")
        let compressed = try cursor.take(block.compressedSize, "zsav block \(index + 1)")
        try inflater.inflate(
            compressed, into: buffer.baseAddress, size: block.inflatedSize, block: index,
            offset: block.compressedOffset)
        index += 1
        return UnsafeRawBufferPointer(start: buffer.baseAddress, count: block.inflatedSize)
    }

    var progress: (consumed: Int, total: Int?) { cursor.progress }

    func skipAhead(_ count: Int) -> Bool { false }
}
