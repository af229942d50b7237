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
    /// The schema's indicators compiled against this file's values (none unless the file holds person records).
    public let indicators: IndicatorProgram
    /// Where the declared design variables sit in this file's values.
    let designSlots: DesignSlots
    /// Missing codes of the schema, looked up without hashing.
    let missingCodes: MissingCodeTable
    /// Position of each variable by name (resolved once per file by readers, never per row).
    private let positions: [String: Int]
    /// For each derived variable, its position and its steps with their source positions resolved.
    private let derivations: [Derivation]
    /// Each variable's value type, and, for one not read from this file, the reason it is missing:
    /// what decoding a row needs, without copying `variables`.
    private let types: [HarmonisedVariable.ValueType]
    /// For each `code` variable with a complete list (`HarmonisedVariable.codesComplete`), the
    /// codes it may take; a cell holding another is `unknown_code`.
    private let knownCodes: [DenseCodeMap<Bool>?]
    private let absentReasons: [MissingReason]
    /// The positions of the weights read from the file: the design's weight and any variable
    /// named `weight…` or `…_weight` (`weight_lw`, `long_weight`).
    private let weightPositions: [Int]

    /// The range a weight must lie in: zero (out of scope) or from 1e-9 to 1e9. Real weights are
    /// about 0.01 to 50 (UKHLS) and up to a few thousand (LFS grossing weights).
    public static let weightRange = 1e-9...1e9

    /// Resolves `schema`'s variables of file role `role` against the header of `wave`'s file.
    ///
    /// - Throws: `SurveyError.Code.missingVariable` for the first required
    ///   variable the file lacks, naming the file, the source name and the closest names present.
    public init(
        schema: Schema, role: String, wave: Wave, header: TableHeader, file: String
    ) throws(SurveyError) {
        try self.init(
            schema: schema, role: role, context: SourceContext(wave: wave), wave: wave, header: header, file: file)
    }

    /// Resolves `schema`'s variables of file role `role` against a header, with `context` filling the templates.
    public init(
        schema: Schema, role: String, context: SourceContext, wave: Wave? = nil, header: TableHeader,
        file: String
    ) throws(SurveyError) {
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
                // A name the file holds twice: either column could be the one meant.
                _ = try header.uniqueColumn(name, file: file)
                names.append(name)
                slots.append(columns.count)
                columns.append(column)
            } else if variable.required {
                let source = candidates.joined(separator: " or ")
                throw SurveyError(
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
        self.projection = ColumnProjection(columnIndices: columns, columnCount: header.columns.count)
        self.missingCodes = MissingCodeTable(schema.missingCodes)
        var positions: [String: Int] = [:]
        for (i, v) in variables.enumerated() { positions[v.name] = i }
        self.positions = positions
        derivations = variables.enumerated().filter { $0.element.isDerived }.map { i, v in
            Derivation(
                position: i,
                steps: v.derive.compactMap { step in positions[step.from].map { ResolvedStep(step, from: $0) } })
        }
        let isPersons = role == schema.design.persons
        indicators = isPersons ? IndicatorProgram(schema.indicators) { positions[$0] } : .empty
        designSlots = isPersons ? DesignSlots(schema.design, position: { positions[$0] }) : DesignSlots()
        types = variables.map(\.type)
        knownCodes = variables.map { v in
            v.type == .code && v.codesComplete && !v.codes.isEmpty ? DenseCodeMap(v.codes.mapValues { _ in true }) : nil
        }
        let designWeight = schema.design.weight
        weightPositions = variables.indices.filter { i in
            let name = variables[i].name
            return !variables[i].isDerived && variables[i].type == .number
                && (name == designWeight || name.hasPrefix("weight") || name.hasSuffix("_weight"))
        }
        absentReasons = variables.indices.map { i in
            variables[i].isDerived ? .notInFile : names[i] == nil ? .notInWave : .notInFile
        }
    }

    /// The variables the schema expects in this file (they exist in its wave or quarter) that the
    /// file lacks, with the closest names present in `header`.
    public func gaps(in header: TableHeader, file: String) -> [VariableGap] {
        variables.indices.compactMap { i in
            guard slots[i] == nil, !variables[i].isDerived, let source = sourceNames[i] else { return nil }
            return VariableGap(
                variable: variables[i].name, source: source, file: file,
                closest: ClosestNames.nearest(to: source, in: header.names))
        }
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

    /// Decodes the projected cells of one row into a new array (one per variable, in schema order).
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when a cell
    ///   does not fit its variable's type.
    public func decode(_ row: RowCells, file: String) throws(SurveyError) -> [HarmonisedValue] {
        var values: [HarmonisedValue] = []
        try decode(row, file: file, into: &values)
        return values
    }

    /// Decodes the projected cells of one row into `values`, replacing what it held and
    /// keeping its storage: a reader passes the same array for every row, so decoding a
    /// row allocates nothing.
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when a cell
    ///   does not fit its variable's type.
    public func decode(_ row: RowCells, file: String, into values: inout [HarmonisedValue]) throws(SurveyError) {
        var unknown = UnknownCodeTally()
        try decode(row, file: file, into: &values, unknown: &unknown)
    }

    /// Decodes as `decode(_:file:into:)`, counting in `unknown` each cell whose code the schema's
    /// list for its variable does not hold (decoded as `unknown_code`).
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when a cell
    ///   does not fit its variable's type.
    public func decode(
        _ row: RowCells, file: String, into values: inout [HarmonisedValue], unknown: inout UnknownCodeTally
    ) throws(SurveyError) {
        values.removeAll(keepingCapacity: true)
        for i in 0..<types.count {
            guard let slot = slots[i] else {
                values.append(.missing(absentReasons[i]))
                continue
            }
            values.append(try decodeCell(row, slot: slot, variable: i, file: file, unknown: &unknown))
        }
        for derivation in derivations {
            values[derivation.position] = Self.derive(derivation.steps, from: values)
        }
        for i in weightPositions {
            guard case .number(let w) = values[i], w != 0, !Self.weightRange.contains(w) else { continue }
            throw SurveyError(
                .invalidValue, file: file, line: row.lineNumber, variable: sourceNames[i] ?? variables[i].name,
                reason:
                    "weight \(w) is \(w < 0 ? "negative" : "outside 1e-9 to 1e9"): a weight must be zero (out of scope) or in that range",
                hint:
                    "is this the weight column? Point '\(variables[i].name)' elsewhere with --map \(variables[i].name)=NAME"
            )
        }
    }

    /// A derived value: the first step whose source has a value, through its map.
    static func derive(_ steps: [ResolvedStep], from values: [HarmonisedValue]) -> HarmonisedValue {
        var reason = MissingReason.notInFile
        for step in steps {
            let code: Int?
            switch values[step.from] {
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
        _ row: RowCells, slot: Int, variable index: Int, file: String, unknown: inout UnknownCodeTally
    ) throws(SurveyError) -> HarmonisedValue {
        if row.isEmpty(slot) { return .missing(.blank) }
        let type = types[index]
        switch type {
        case .id:
            if let v = row.identifier(slot) { return .int(v) }
        case .int, .code:
            if let v = row.int(slot) {
                if let reason = missingCodes[v] { return .missing(reason) }
                if row.isDeclaredMissing(slot) { return .missing(.userMissing) }
                if let known = knownCodes[index], known[v] == nil {
                    unknown.count(position: index, code: v)
                    return .missing(.unknownCode)
                }
                return .int(v)
            }
        case .number:
            if let v = row.double(slot) {
                if v.rounded() == v, abs(v) < 1e9, let reason = missingCodes[Int(v)] { return .missing(reason) }
                if row.isDeclaredMissing(slot) { return .missing(.userMissing) }
                return .number(v)
            }
        case .text:
            if row.isDeclaredMissing(slot) { return .missing(.userMissing) }
            return .text(row.string(slot))
        }
        if case .extended = row.formatMissing(slot) { return .missing(.extendedMissing) }
        let variable = variables[index]
        let source = sourceNames[index] ?? variable.name
        let text = row.string(slot)
        if text == "." { return .missing(.blank) }  // "." (Stata's system missing, in a tab export)
        throw SurveyError(
            .invalidValue, file: file, line: row.lineNumber, variable: source,
            reason: "'\(text)' is not a valid \(variable.type.rawValue) for '\(variable.name)'")
    }
}

/// A derived variable's position in a row's values, and its steps.
struct Derivation: Sendable {
    let position: Int
    let steps: [ResolvedStep]
}

/// A derivation step with its source variable's position resolved and its map made dense.
struct ResolvedStep: Sendable {
    /// The source variable's position in a row's values.
    let from: Int
    let floor: Bool
    let map: DenseCodeMap<Int>

    init(_ step: DeriveStep, from: Int) {
        self.from = from
        floor = step.floor
        map = DenseCodeMap(step.map)
    }
}

/// The schema's missing codes, looked up by indexing.
typealias MissingCodeTable = DenseCodeMap<MissingReason>

/// Integer code → value, looked up by indexing when the codes span a small range (survey
/// codes always do), by hashing otherwise.
struct DenseCodeMap<Value: Sendable>: Sendable {
    private let low: Int
    private let table: [Value?]
    private let sparse: [Int: Value]

    init(_ map: [Int: Value]) {
        let low = map.keys.min() ?? 0
        let high = map.keys.max() ?? -1
        if high - low < 4096 {
            var table = [Value?](repeating: nil, count: max(0, high - low + 1))
            for (k, v) in map { table[k - low] = v }
            self.low = low
            self.table = table
            sparse = [:]
        } else {
            self.low = 0
            table = []
            sparse = map
        }
    }

    @inline(__always)
    subscript(code: Int) -> Value? {
        guard sparse.isEmpty else { return sparse[code] }
        let i = code &- low
        return i >= 0 && i < table.count ? table[i] : nil
    }
}
