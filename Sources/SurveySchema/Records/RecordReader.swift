import SurveyFiles

/// Streams one survey file (a UKHLS wave, an LFS quarter) through the schema, in
/// whatever format it comes: each row decoded to harmonised values, or to the
/// survey's record (`PersonWave`, `LFSPerson`), reading only the columns the schema needs.
public struct RecordReader {
    /// The schema.
    public let schema: Schema
    /// The file's role in the schema (`indresp`, `lfsp`).
    public let role: String
    /// The UKHLS wave, when the file is one.
    public let wave: Wave?
    /// What fills the source-name templates.
    public let context: SourceContext
    /// The file.
    public let input: DataInput
    /// Reader options (case, limits, buffers).
    public var options: ReadOptions
    /// Progress callback: (file bytes consumed, file size).
    public var onProgress: ((Int, Int?) -> Void)?
    /// Called once the header is resolved, before any row: the variables the schema expects in
    /// this file that it lacks (optional ones; a required one is an error), with the closest names.
    public var onGaps: (([VariableGap]) -> Void)?
    /// Called once the rows are read, when some cells held codes the schema's lists do not have
    /// (decoded as `unknown_code`): per variable, the rows and the codes.
    public var onUnknownCodes: (([UnknownCode]) -> Void)?

    /// A reader of `input`, the `role` file of `wave` (by default the person file the schema declares).
    public init(
        schema: Schema, role: String? = nil, wave: Wave, input: DataInput,
        options: ReadOptions = .init()
    ) {
        self.init(
            schema: schema, role: role ?? schema.design.persons, wave: wave, context: SourceContext(wave: wave),
            input: input, options: options)
    }

    /// A reader of `input`, the `role` file described by `context` (an LFS quarter).
    public init(
        schema: Schema, role: String, context: SourceContext, input: DataInput,
        options: ReadOptions = .init()
    ) {
        self.init(schema: schema, role: role, wave: nil, context: context, input: input, options: options)
    }

    private init(
        schema: Schema, role: String, wave: Wave?, context: SourceContext, input: DataInput, options: ReadOptions
    ) {
        self.schema = schema
        self.role = role
        self.wave = wave
        self.context = context
        self.input = input
        self.options = options
    }

    /// Reads only the header and resolves it against the schema: what a full read would
    /// find missing (a required variable, with the closest names), found before any row is read.
    ///
    /// - Throws: `SurveyError` naming the file and the variable.
    @discardableResult
    public func resolveHeader() throws(SurveyError) -> FileLayout {
        let header = try TableFormats.reader(for: input, options: options).readHeader()
        return try FileLayout(
            schema: schema, role: role, context: context, wave: wave, header: header, file: input.description)
    }

    /// Calls `body` with the layout and each row's harmonised values. The values array is
    /// reused from row to row (valid only during the call), so reading allocates nothing per row.
    @discardableResult
    public func forEachRecord(
        _ body: (FileLayout, [HarmonisedValue], RowCells) throws -> Void
    ) throws -> TableSummary {
        let reader = try TableFormats.reader(for: input, options: options)
        reader.onProgress = onProgress
        var layout: FileLayout?
        var values: [HarmonisedValue] = []
        let file = input.description
        var identity = PersonIdentity(schema: schema, role: role)
        var unknown = UnknownCodeTally()
        let summary = try reader.read(project: { header in
            let resolved = try FileLayout(
                schema: schema, role: role, context: context, wave: wave, header: header, file: file)
            layout = resolved
            identity.resolve(in: resolved)
            onGaps?(resolved.gaps(in: header, file: file))
            values.reserveCapacity(resolved.variables.count)
            return resolved.projection
        }) { row in
            guard let layout else { return }
            try layout.decode(row, file: file, into: &values, unknown: &unknown)
            try identity.check(values, line: row.lineNumber, file: file)
            try body(layout, values, row)
        }
        if !unknown.isEmpty, let layout { onUnknownCodes?(unknown.report(layout, file: file)) }
        return summary
    }

    /// Calls `body` with each row's record of type `Record`, its fields resolved once for the file.
    @discardableResult
    public func forEach<Record: SurveyRecord>(_: Record.Type, _ body: (Record) throws -> Void) throws -> TableSummary {
        let file = input.description
        var fields: RecordFields<Record>?
        return try forEachRecord { layout, values, row in
            let resolved = fields ?? RecordFields(layout)
            fields = resolved
            try body(try Record(values: values, fields: resolved, file: file, line: row.lineNumber))
        }
    }

    /// Calls `body` with each person of a UKHLS wave's file.
    @discardableResult
    public func forEachPerson(_ body: (PersonWave) throws -> Void) throws -> TableSummary {
        try forEach(PersonWave.self, body)
    }

    /// Calls `body` with each person of an LFS quarter's file.
    @discardableResult
    public func forEachLFSPerson(_ body: (LFSPerson) throws -> Void) throws -> TableSummary {
        try forEach(LFSPerson.self, body)
    }
}
