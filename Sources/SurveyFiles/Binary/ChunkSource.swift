/// A file's (decompressed) bytes in order, a chunk at a time: the background read-ahead
/// ring (`PipelinedChunks`), or `DirectChunks` on the calling thread.
protocol ChunkSource: AnyObject {
    /// The next chunk, valid until the following call; `nil` at the end.
    func next() throws(SurveyError) -> UnsafeRawBufferPointer?
    /// File bytes consumed so far and the file's size, for progress.
    var progress: (consumed: Int, total: Int?) { get }
    /// Moves `count` bytes past the end of the last chunk without reading them, when
    /// the source can (a plain file); `false` when the caller must read through.
    func skipAhead(_ count: Int) -> Bool
}

extension PipelinedChunks: ChunkSource {
    func skipAhead(_ count: Int) -> Bool { false }
}

/// Chunks read on the calling thread from a `DataInput`; a plain file (or a stored zip
/// member) can be skipped through without reading.
final class DirectChunks: ChunkSource {
    private let source: ByteSource
    private let buffer: RawBuffer

    /// Opens `input`.
    convenience init(input: DataInput, chunkSize: Int, limits: DecompressionLimits) throws(SurveyError) {
        self.init(source: try input.open(limits: limits), chunkSize: chunkSize)
    }

    /// Reads `source`, which is opened already.
    init(source: ByteSource, chunkSize: Int) {
        self.source = source
        buffer = RawBuffer(byteCount: max(chunkSize, 16))
    }

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
        let n = try source.readFully(into: buffer.bytes)
        return n == 0 ? nil : UnsafeRawBufferPointer(start: buffer.baseAddress, count: n)
    }

    var progress: (consumed: Int, total: Int?) { (source.bytesConsumed, source.totalBytes) }

    /// The size of the bytes this source gives, when it reads them as stored (a plain file,
    /// a stored zip member); `nil` when it inflates them.
    var plainSize: Int? { source is FileByteSource ? source.totalBytes : nil }

    func skipAhead(_ count: Int) -> Bool {
        (source as? FileByteSource)?.skip(count) ?? false
    }
}

/// The chunks a binary reader reads a file through, chosen once: a plain file (or a stored zip
/// member) mapped and decoded in place when `ReadOptions.mapPlainFiles` allows; otherwise read
/// (and inflated) on a second thread when pipelined, or on the calling thread.
struct OpenedChunks {
    /// Where the bytes come from.
    let source: any ChunkSource
    /// The size of the bytes when they are stored as they are (not inflated), else `nil`.
    let plainSize: Int?

    /// Opens `input`; `pipelined` asks for the read-ahead thread when the file is not mapped.
    init(_ input: DataInput, options: ReadOptions, pipelined: Bool) throws(SurveyError) {
        let opened = try input.open(limits: options.limits)
        let file = opened as? FileByteSource
        plainSize = file?.totalBytes
        if let file, options.mapPlainFiles, let mapped = MappedChunks(file: file) {
            source = mapped
        } else if pipelined {
            source = PipelinedChunks(input: input, chunkSize: options.chunkSize, limits: options.limits)
        } else {
            source = DirectChunks(source: opened, chunkSize: options.chunkSize)
        }
    }
}
