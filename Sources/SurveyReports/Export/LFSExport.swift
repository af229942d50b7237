import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// LFS quarters as a tidy table: one row per person-quarter, streamed file by file, with every
/// harmonised variable of the quarterly person files (`lfsp` role) and the same missing-value
/// rules as the panel export.
public struct LFSExport: Sendable {
    /// The variables exported.
    public let columns: HarmonisedColumns
    /// The schema.
    public let schema: Schema

    /// An export of `schema`'s quarterly variables, or only those named in `only` (in schema order) and,
    /// unless `design` is `false`, the design's (household and person numbers, weights).
    ///
    /// - Throws: `SurveyError` naming `--vars` and the closest names when a name is not in the schema.
    public init(schema: Schema, only: [String]? = nil, design: Bool = true) throws(SurveyError) {
        columns = try HarmonisedColumns(
            schema: schema, role: schema.design.persons, only: only, keeping: design ? schema.design.columns : [])
        self.schema = schema
    }

    /// What one export wrote.
    public struct Summary: Sendable {
        /// Person-quarters written.
        public var rows: Int
        /// Rows by period.
        public var rowsByPeriod: [LFSPeriod: Int]
    }

    /// Streams the LFS quarterly files of `stream` into `writer`, which was made for `exportColumns()`.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable), or the writer's.
    @discardableResult
    public func write(
        _ stream: PersonFileStream, to writer: some RowWriter, onProgress: ((LFSPeriod, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        var summary = Summary(rows: 0, rowsByPeriod: [:])
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
                for k in key { try writer.text(k) }
                try columns.write(values, positions: positions, to: writer)
                try writer.endRow()
            },
            end: { file, count in
                guard let period = file.quarter?.period else { return }
                summary.rowsByPeriod[period] = count
                summary.rows += count
            })
        try writer.finish()
        return summary
    }

    /// Every column (reason columns included), with what the dictionary says of each; `fileLabels` fill in
    /// labels and codes the schema lacks.
    public func exportColumns(fileLabels: FileLabels = FileLabels()) -> [ExportColumn] {
        [
            ExportColumn(
                name: "quarter",
                label: "The file's quarter (2021Q4), or its months for the 2020-21 non-calendar files (Mar-May 2020)",
                type: "text", kind: .text(maxBytes: 16), source: "file name", confidence: "confirmed"),
            ExportColumn(
                name: "period_start", label: "The first month the file covers (YYYY-MM)", type: "text",
                kind: .text(maxBytes: 7), source: "file name", confidence: "confirmed"),
            ExportColumn(
                name: "file_code", label: "The period code in the file name (od21, mm20, n20j)", type: "text",
                kind: .text(maxBytes: 8), source: "file name", confidence: "confirmed"),
        ]
            + columns.columns(fileLabels: fileLabels) { v in ([v.source] + v.alternatives).joined(separator: " or ") }
    }
}
