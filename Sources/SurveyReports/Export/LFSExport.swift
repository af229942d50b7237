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
        columns = try HarmonisedColumns(schema: schema, role: schema.design.persons, only: only)
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

    /// Streams the LFS quarterly files of `stream` into `writer`, header first.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        _ stream: PersonFileStream, to writer: CSVWriter, onProgress: ((LFSPeriod, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        let header = self.header
        try writer.row(header)
        var summary = Summary(rows: 0, rowsByPeriod: [:])
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        var key: [String] = []
        var positions: [Int?] = []
        try stream.forEach(
            onProgress: onProgress.map { report in
                { file, done, total in if let q = file.quarter { report(q.period, done, total) } }
            },
            start: { file, layout in
                let period = file.quarter?.period
                key = [
                    period?.description ?? "", period.map { String(format: "%04d-%02d", $0.year, $0.startMonth) } ?? "",
                    period?.fileCode ?? "",
                ]
                positions = columns.positions(in: layout)
            },
            row: { values, _ in
                fields.removeAll(keepingCapacity: true)
                fields += key
                columns.appendCells(values, positions: positions, to: &fields)
                try writer.row(fields)
            },
            end: { file, count in
                guard let period = file.quarter?.period else { return }
                summary.rowsByPeriod[period] = count
                summary.rows += count
            })
        try writer.flush()
        return summary
    }

    /// The data dictionary: one row per column.
    public func dictionary(fileLabels: FileLabels = FileLabels()) -> [[String]] {
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
        rows += columns.dictionaryRows(fileLabels: fileLabels) { v in
            ([v.source] + v.alternatives).joined(separator: " or ")
        }
        return rows
    }
}
