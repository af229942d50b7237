import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// LFS quarters as tidy CSV: one row per person-quarter, streamed file by file,
/// with every harmonised variable of the quarterly person files (`lfsp` role)
/// and the same missing-value rules as the panel export.
public struct LFSExport: Sendable {
    /// The variables exported.
    public let columns: HarmonisedColumns
    /// The schema.
    public let schema: Schema

    /// An export of `schema`'s quarterly variables, or only those named in `only` (in schema order).
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(schema: Schema, only: [String]? = nil) throws(SurveyError) {
        columns = try HarmonisedColumns(schema: schema, role: "lfsp", only: only)
        self.schema = schema
    }

    /// The columns that say which file a row came from.
    public static let keyColumns = ["quarter", "period_start", "file_code"]

    /// The header.
    public var header: [String] { Self.keyColumns + columns.header() }

    /// What one export wrote.
    public struct Summary: Sendable {
        /// Person-quarters written.
        public var rows: Int
        /// Rows by period.
        public var rowsByPeriod: [LFSPeriod: Int]
    }

    /// Streams `files` into `writer` in time order, header first.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        files: [LFSDownload.QuarterFile], to writer: CSVWriter, options: ReadOptions = .init(),
        onProgress: ((LFSPeriod, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        let header = self.header
        try writer.row(header)
        var summary = Summary(rows: 0, rowsByPeriod: [:])
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        for file in files.sorted(by: { $0.period < $1.period }) {
            var reader = LFSQuarters.reader(schema: schema, file: file, options: options)
            reader.onProgress = onProgress.map { report in { done, total in report(file.period, done, total) } }
            let key = [
                file.period.description,
                String(format: "%04d-%02d", file.period.year, file.period.startMonth), file.period.fileCode,
            ]
            var positions: [Int?]?
            var count = 0
            try reader.forEachRecord { layout, values, _ in
                let located = positions ?? columns.positions(in: layout)
                positions = located
                fields.removeAll(keepingCapacity: true)
                fields += key
                columns.appendCells(values, positions: located, to: &fields)
                try writer.row(fields)
                count += 1
            }
            summary.rowsByPeriod[file.period] = count
            summary.rows += count
        }
        try writer.flush()
        return summary
    }

    /// The data dictionary: one row per column.
    public func dictionary() -> [[String]] {
        var rows = [HarmonisedColumns.dictionaryHeader]
        rows += [
            [
                "quarter",
                "The file's quarter (2021Q4), or its months for the 2020-21 non-calendar files (Mar-May 2020)",
                "text", "", "file name", "confirmed",
            ],
            ["period_start", "The first month the file covers (YYYY-MM)", "text", "", "file name", "confirmed"],
            ["file_code", "The period code in the file name (od21, mm20, n20j)", "text", "", "file name", "confirmed"],
        ]
        rows += columns.dictionaryRows { v in ([v.source] + v.alternatives).joined(separator: " or ") }
        return rows
    }
}
