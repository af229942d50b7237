import SurveyFiles

/// How one file (a UKHLS wave, an LFS quarter) maps onto the schema: which
/// column each harmonised variable is read from, and why any variable is absent.
public struct FileLayout: Sendable {
    /// The UKHLS wave, when the file is one.
    public let wave: Wave?
    /// What filled the source-name templates.
    public let context: SourceContext
    /// The harmonised variables read from this file, in schema order.
    public let variables: [HarmonisedVariable]
    /// For each variable, its slot in `projection`, or `nil` when absent.
    public let slots: [Int?]
    /// For each variable, its source name in this file: the column found, or the
    /// first name looked for; `nil` when the variable does not exist here (or is derived).
    public let sourceNames: [String?]
    /// The columns to decode.
    public let projection: ColumnProjection
    /// Missing codes of the schema.
    let missingCodes: [Int: MissingReason]
    /// Position of each variable by name.
    private let positions: [String: Int]

    /// Resolves `schema`'s variables of file role `role` against the header of `wave`'s file.
    ///
    /// - Throws: `SurveyFileError.Code.missingVariable` for the first required
    ///   variable the file lacks, naming the file, the source name and the closest names present.
    public init(
        schema: SurveySchema, role: String, wave: Wave, header: TableHeader, file: String
    ) throws(SurveyFileError) {
        try self.init(
            schema: schema, role: role, context: SourceContext(wave: wave), wave: wave, header: header, file: file)
    }

    /// Resolves `schema`'s variables of file role `role` against a header, with `context` filling the templates.
    public init(
        schema: SurveySchema, role: String, context: SourceContext, wave: Wave? = nil, header: TableHeader,
        file: String
    ) throws(SurveyFileError) {
        self.wave = wave
        self.context = context
        let variables = schema.variables(in: role)
        self.variables = variables
        var slots: [Int?] = []
        var names: [String?] = []
        var columns: [Int] = []
        for variable in variables {
            guard let candidates = variable.sourceCandidates(in: context) else {
                names.append(nil)
                slots.append(nil)
                continue
            }
            if let (name, column) = Self.find(candidates, in: header, vintage: context.values["vintage"]) {
                names.append(name)
                slots.append(columns.count)
                columns.append(column)
            } else if variable.required {
                let source = candidates.joined(separator: " or ")
                throw SurveyFileError(
                    .missingVariable, file: file, line: 1, variable: source,
                    reason: "required by the schema as '\(variable.name)' (\(variable.label)) but not in the file",
                    hint: (ClosestNames.hint(for: candidates[0], in: header.names) ?? "")
                        + "; point '\(variable.name)' elsewhere with --map \(variable.name)=NAME")
            } else {
                names.append(candidates.first)
                slots.append(nil)
            }
        }
        self.slots = slots
        self.sourceNames = names
        self.projection = ColumnProjection(columnIndices: columns, columnCount: header.names.count)
        self.missingCodes = schema.missingCodes
        var positions: [String: Int] = [:]
        for (i, v) in variables.enumerated() { positions[v.name] = i }
        self.positions = positions
    }

    /// The first candidate present; a candidate with `?` matches any character there
    /// (several matches: the one ending in the file's vintage, else the last in sorted order).
    static func find(_ candidates: [String], in header: TableHeader, vintage: String?) -> (String, Int)? {
        for candidate in candidates {
            if !candidate.contains("?") {
                if let column = header.column(candidate) { return (header.names[column], column) }
                continue
            }
            let matches = header.columns(matching: candidate)
            if matches.isEmpty { continue }
            if let vintage, let exact = matches.first(where: { header.names[$0].hasSuffix(vintage) }) {
                return (header.names[exact], exact)
            }
            if let last = matches.max(by: { header.names[$0].lowercased() < header.names[$1].lowercased() }) {
                return (header.names[last], last)
            }
        }
        return nil
    }

    /// The variables not in `known`, with their positions in a record's values: what a record
    /// type keeps as extras. Readers work this out once per file, not once per row.
    public func positions(excluding known: Set<String>) -> [(name: String, position: Int)] {
        variables.enumerated().filter { !known.contains($0.element.name) }.map { ($0.element.name, $0.offset) }
    }

    /// The position of variable `name` in `variables` (and in a record's values).
    public func position(of name: String) -> Int? { positions[name] }

    /// Decodes the projected cells of one row.
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when a cell
    ///   does not fit its variable's type.
    public func decode(_ row: RowCells, file: String) throws(SurveyFileError) -> [HarmonisedValue] {
        var values: [HarmonisedValue] = []
        values.reserveCapacity(variables.count)
        for (i, variable) in variables.enumerated() {
            guard let slot = slots[i] else {
                values.append(
                    .missing(variable.isDerived ? .notInFile : sourceNames[i] == nil ? .notInWave : .notInFile))
                continue
            }
            values.append(
                try decodeCell(row, slot: slot, variable: variable, source: sourceNames[i] ?? variable.name, file: file)
            )
        }
        for (i, variable) in variables.enumerated() where variable.isDerived {
            values[i] = derive(variable, from: values)
        }
        return values
    }

    /// A derived value: the first step whose source has a value, through its map.
    func derive(_ variable: HarmonisedVariable, from values: [HarmonisedValue]) -> HarmonisedValue {
        var reason = MissingReason.notInFile
        for step in variable.derive {
            guard let i = positions[step.from] else { continue }
            let code: Int?
            switch values[i] {
            case .int(let v): code = v
            case .number(let v): code = step.floor ? Int(v.rounded(.down)) : (v.rounded() == v ? Int(v) : nil)
            case .text: code = nil
            case .missing(let r):
                if reason == .notInFile { reason = r }
                continue
            }
            guard let code, let mapped = step.map[code] else { return .missing(.notClassified) }
            return .int(mapped)
        }
        return .missing(reason)
    }

    @inline(__always)
    private func decodeCell(
        _ row: RowCells, slot: Int, variable: HarmonisedVariable, source: String, file: String
    ) throws(SurveyFileError) -> HarmonisedValue {
        if row.isEmpty(slot) { return .missing(.blank) }
        switch variable.type {
        case .id, .int, .code:
            if let v = row.int(slot) {
                if variable.type != .id, let reason = missingCodes[v] { return .missing(reason) }
                return .int(v)
            }
        case .number:
            if let v = row.double(slot) {
                if v.rounded() == v, abs(v) < 1e9, let reason = missingCodes[Int(v)] { return .missing(reason) }
                return .number(v)
            }
        case .text:
            return .text(row.string(slot))
        }
        let text = row.string(slot)
        if text == "." { return .missing(.blank) }  // "." (Stata's system missing, in a tab export)
        throw SurveyFileError(
            .invalidValue, file: file, line: row.lineNumber, variable: source,
            reason: "'\(text)' is not a valid \(variable.type.rawValue) for '\(variable.name)'")
    }
}
