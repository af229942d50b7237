import SurveyFiles
import SurveySchema

/// The person files of a download, streamed one after another through the
/// schema: UKHLS waves or LFS quarters. What exports read: each row's decoded
/// harmonised values, with the file's layout resolved once before its rows.
public struct PersonFileStream {
    /// One file to read.
    public struct File {
        /// What the file is, for progress and errors (`wave h`, `2021Q4`).
        public let label: String
        /// The file.
        public let input: DataInput
        /// The UKHLS wave, for a wave's file.
        public let wave: Wave?
        /// The LFS quarter, for a quarter's file.
        public let quarter: LFSDownload.QuarterFile?
        let reader: RecordReader
    }

    /// The files, in reading order.
    public let files: [File]
    /// Codes outside the schema's lists met while reading (read as `unknown_code`), per file and variable.
    public let unknownCodes = UnknownCodeLog()

    /// The person files of `waves` in `download` (waves without one are left out), in the order given.
    public static func ukhls(
        download: UKHLSDownload, waves: [Wave], schema: Schema, options: ReadOptions = .init()
    ) -> PersonFileStream {
        PersonFileStream(
            files: waves.compactMap { wave in
                download.indresp[wave].map { input in
                    File(
                        label: "wave \(wave.letter)", input: input, wave: wave, quarter: nil,
                        reader: RecordReader(schema: schema, wave: wave, input: input, options: options))
                }
            })
    }

    /// LFS quarterly person files, in time order.
    public static func lfs(
        files: [LFSDownload.QuarterFile], schema: Schema, options: ReadOptions = .init()
    ) -> PersonFileStream {
        PersonFileStream(
            files: files.sorted { $0.period < $1.period }.map { file in
                File(
                    label: file.period.description, input: file.input, wave: nil, quarter: file,
                    reader: LFSQuarters.reader(schema: schema, file: file, options: options))
            })
    }

    /// Reads every file in order: `start` gets each file and its layout before its first row, `row` each row's
    /// values and cells (for its line number), `end` each file and its row count once it is read (also a file
    /// with no rows). Returns the rows read per file, in order.
    ///
    /// - Throws: the first reading error (file, line, variable), or what `start` or `row` throws.
    @discardableResult
    public func forEach(
        onProgress: ((File, Int, Int?) -> Void)? = nil, start: (File, FileLayout) throws -> Void,
        row: ([HarmonisedValue], RowCells) throws -> Void, end: (File, Int) throws -> Void = { _, _ in }
    ) throws -> [Int] {
        var counts: [Int] = []
        for file in files {
            var reader = file.reader
            reader.onProgress = onProgress.map { report in { done, total in report(file, done, total) } }
            reader.onUnknownCodes = { [unknownCodes] in unknownCodes.add($0) }
            var started = false
            let summary = try reader.forEachRecord { layout, values, cells in
                if !started {
                    try start(file, layout)
                    started = true
                }
                try row(values, cells)
            }
            counts.append(summary.rows)
            try end(file, summary.rows)
        }
        return counts
    }
}
