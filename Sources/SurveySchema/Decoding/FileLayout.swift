import SurveyFiles

/// How one file of one wave maps onto the schema: which column each harmonised
/// variable is read from, and why any variable is absent.
public struct FileLayout: Sendable {
    /// The wave.
    public let wave: Wave
    /// The harmonised variables read from this file, in schema order.
    public let variables: [HarmonisedVariable]
    /// For each variable, its slot in `projection`, or `nil` when absent.
    public let slots: [Int?]
    /// For each variable, its source name in this wave (`nil`: not in this wave).
    public let sourceNames: [String?]
    /// The columns to decode.
    public let projection: ColumnProjection
    /// Missing codes of the schema.
    let missingCodes: [Int: MissingReason]
    /// Position of each variable by name.
    private let positions: [String: Int]

    /// Resolves `schema`'s variables of file role `role` against a file's header.
    ///
    /// - Throws: `SurveyFileError.Code.missingVariable` for the first required
    ///   variable the file lacks, naming the file, the source name and the closest names present.
    public init(
        schema: SurveySchema, role: String, wave: Wave, header: DelimitedHeader, file: String
    ) throws(SurveyFileError) {
        self.wave = wave
        let variables = schema.variables(in: role)
        self.variables = variables
        var slots: [Int?] = []
        var names: [String?] = []
        var columns: [Int] = []
        for variable in variables {
            let source = variable.sourceName(in: wave)
            names.append(source)
            guard let source else { slots.append(nil); continue }
            if let column = header.column(source) {
                slots.append(columns.count)
                columns.append(column)
            } else if variable.required {
                throw SurveyFileError(
                    .missingVariable, file: file, line: 1, variable: source,
                    reason: "required by the schema as '\(variable.name)' (\(variable.label)) but not in the file",
                    hint: (ClosestNames.hint(for: source, in: header.names) ?? "")
                        + "; point '\(variable.name)' elsewhere with --map \(variable.name)=NAME")
            } else {
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
                values.append(.missing(sourceNames[i] == nil ? .notInWave : .notInFile))
                continue
            }
            values.append(try decodeCell(row, slot: slot, variable: variable, source: sourceNames[i] ?? variable.name, file: file))
        }
        return values
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
        let bytes = row.bytes(slot)
        if bytes.count == 1 && bytes[0] == 0x2E { return .missing(.blank) }  // "." (Stata's system missing)
        throw SurveyFileError(
            .invalidValue, file: file, line: row.lineNumber, variable: source,
            reason: "'\(row.string(slot))' is not a valid \(variable.type.rawValue) for '\(variable.name)'")
    }
}
