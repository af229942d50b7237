/// `ukpanel select`: the named columns of a table file as CSV, streaming, in any
/// format a reader is registered for. Values are written as the file holds them:
/// a delimited file's text unchanged, a binary file's numbers in shortest form.
public enum TableSelection {
    /// Writes a header of the names as found, then every row's cells of `variables`, to `writer`.
    ///
    /// - Throws: `SurveyError` naming the file and the first absent variable (with the
    ///   closest names present), or the file and line of a malformed row.
    @discardableResult
    public static func write(
        input: DataInput, variables: [String], to writer: CSVWriter, options: ReadOptions = ReadOptions(),
        onProgress: ((Int, Int?) -> Void)? = nil
    ) throws -> TableSummary {
        let reader = try TableFormats.reader(for: input, options: options)
        reader.onProgress = onProgress
        let summary = try reader.read(project: { header in
            let projection = try header.projection(of: variables, file: input.description)
            try writer.row(projection.columnIndices.map { header.names[$0] })
            return projection
        }) { row in
            for slot in 0..<row.count {
                if let value = row.decodedInteger(slot) {
                    writer.integer(value)
                } else {
                    row.withText(slot) { writer.field($0) }
                }
            }
            try writer.endRow()
        }
        try writer.flush()
        return summary
    }
}

/// `ukpanel inspect`: each column of a table file profiled in one streaming pass.
public struct TableProfile: Sendable {
    /// The file read.
    public var input: DataInput
    /// The header, with whatever types and labels the format gives.
    public var header: TableHeader
    /// The columns profiled, as header indices, in the order shown.
    public var columns: [Int]
    /// A profile per column shown.
    public var profiles: [ColumnProfile]
    /// Rows and bytes read.
    public var summary: TableSummary

    /// Profiles `variables` of `input` (every column when `nil`), counting `missingCodes` apart.
    ///
    /// - Throws: `SurveyError` naming the file and an absent variable, or a malformed row.
    public init(
        input: DataInput, variables: [String]?, missingCodes: Set<Int>, options: ReadOptions = ReadOptions(),
        onProgress: ((Int, Int?) -> Void)? = nil
    ) throws {
        let reader = try TableFormats.reader(for: input, options: options)
        reader.onProgress = onProgress
        var header: TableHeader?
        var columns: [Int] = []
        var profiles: [ColumnProfile] = []
        summary = try reader.read(project: { found in
            let projection =
                try variables.map { try found.projection(of: $0, file: input.description) }
                ?? .all(columnCount: found.columns.count)
            header = found
            columns = projection.columnIndices
            profiles = Array(repeating: ColumnProfile(), count: columns.count)
            return projection
        }) { row in
            for slot in 0..<row.count { profiles[slot].observe(row, slot: slot, missingCodes: missingCodes) }
        }
        self.input = input
        // A format whose value labels follow its rows (Stata) names label sets it has not read yet.
        if let found = header, found.valueLabels.isEmpty, found.columns.contains(where: { $0.valueLabelSet != nil }) {
            header = try TableFormats.reader(for: input, options: options).readHeader()
        }
        self.header = header ?? TableHeader(names: [])
        self.columns = columns
        self.profiles = profiles
    }
}
