/// How to read a table file, whatever its format.
public struct ReadOptions: Sendable {
    /// Match column names without regard to case (LFS files mix cases across years).
    public var caseInsensitiveNames = false
    /// The decompression-bomb guard.
    public var limits: DecompressionLimits = .standard
    /// The size of each read buffer.
    public var chunkSize = 1 << 20
    /// Read and inflate on a second thread (on by default).
    public var pipelined = true
    /// Read the dictionary of a plain file (or a stored zip member) of a binary format, and the
    /// sections it reads by offset (value labels, strLs), through a read-only mapping, with no
    /// copy (on by default; off reads them into buffers). With `pipelined` its rows are read ahead
    /// by offset on two threads instead (`ParallelBlocks`), which costs less than faulting in the
    /// pages of a mapping.
    public var mapPlainFiles = true
    /// The longest data line a delimited file may have (default 16 MiB; a real UKHLS row of
    /// 1,560 columns is about 10 KB). A longer one is a located error, reached in bounded memory.
    public var maxLineBytes = 16 << 20
    /// The longest header line of a delimited file (default 16 MiB).
    public var maxHeaderBytes = 16 << 20
    /// The most columns a file may have (default 100,000; real survey files have a few thousand).
    public var maxColumns = 100_000
    /// The field separator of delimited files (tab).
    public var delimiter: UInt8 = 0x09
    /// Read as this registered format (its `name`) instead of recognising the format from the first bytes.
    public var format: String?

    /// The defaults: case-sensitive names, 1 MiB chunks, pipelined, tab-delimited, format recognised.
    public init() {}
}

/// What a pass over a table saw.
public struct TableSummary: Sendable, Equatable {
    /// Data rows.
    public var rows: Int
    /// Decompressed bytes read.
    public var bytes: Int

    /// A summary of `rows` rows in `bytes` bytes.
    public init(rows: Int, bytes: Int) {
        self.rows = rows
        self.bytes = bytes
    }
}
