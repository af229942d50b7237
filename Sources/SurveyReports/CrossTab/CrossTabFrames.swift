import SurveyFiles
import SurveyPanel
import SurveySchema

/// The estimation frames of a cross-tab, built by streaming the survey's files
/// once: `by` (wave, year or quarter index), `row`, `col` and `dom` (1 when the
/// observation is in the domain with a row and a column value) for every
/// observation with a design, so domains are estimated on the full design.
public struct CrossTabFrames: Sendable {
    /// One frame: its name, the period label, and the `by` value when the period is a domain (year).
    public struct Entry: Sendable {
        public var frame: EstimationFrame
        public var period: String
        public var byValue: Int32?
    }

    /// The spec.
    public let spec: CrossTabSpec
    /// The row and column variables.
    public let rowVariable: CrossTabVariable
    public let columnVariable: CrossTabVariable
    /// Frames in period order.
    public private(set) var entries: [Entry] = []
    /// Observations set aside or outside the domain for a missing value, and why.
    public private(set) var notes: [String] = []
    /// The files read, with rows.
    public private(set) var sources: [(label: String, file: String, rows: Int)] = []

    static let columns = ["by", "row", "col", "dom"]

    /// Resolves the spec's variables against `schema`.
    ///
    /// - Throws: `SurveyFileError` naming the job's variable and the closest names when one is unknown,
    ///   or when a row or column variable is a decimal number (it has no categories).
    public static func variables(_ spec: CrossTabSpec, schema: SurveySchema) throws(SurveyFileError) -> (
        rows: CrossTabVariable, columns: CrossTabVariable, all: [String: CrossTabVariable]
    ) {
        let available = CrossTabVariable.available(spec.survey, schema: schema)
        var byName: [String: CrossTabVariable] = [:]
        for v in available { byName[v.name] = v }
        func find(_ name: String, _ role: String) throws(SurveyFileError) -> CrossTabVariable {
            guard let v = byName[name] else {
                throw SurveyFileError(
                    .missingVariable, file: "cross-tab \(spec.name)", variable: name,
                    reason: "\(role): not a variable of the \(spec.survey.rawValue) schema nor a derived indicator",
                    hint: ClosestNames.hint(for: name, in: available.map(\.name))
                        ?? "see `ukpanel schema show \(spec.survey.rawValue)`")
            }
            return v
        }
        let rows = try find(spec.rows, "rows")
        let columns = try find(spec.columns, "columns")
        for (v, role) in [(rows, "rows"), (columns, "columns")] where v.harmonised?.type == .number {
            throw SurveyFileError(
                .invalidValue, file: "cross-tab \(spec.name)", variable: v.name,
                reason: "\(role): a decimal number has no categories to tabulate")
        }
        var all = [rows.name: rows, columns.name: columns]
        for c in spec.domain { all[c.variable] = try find(c.variable, "domain") }
        if let weight = spec.weight { all[weight] = try find(weight, "weight") }
        return (rows, columns, all)
    }

    /// Evaluates one file's rows: each needed variable as a small integer, or `nil` with its reason.
    struct RowValues {
        let positions: [String: Int]
        let derived: Set<String>

        init(layout: FileLayout, names: [String], derivedNames: Set<String>) {
            var positions: [String: Int] = [:]
            for n in names where !derivedNames.contains(n) {
                if let p = layout.position(of: n) { positions[n] = p }
            }
            self.positions = positions
            self.derived = derivedNames
        }

        func code(_ name: String, _ values: [HarmonisedValue], derivedValue: (String) -> Int32?) -> (
            Int32?, MissingReason?
        ) {
            if derived.contains(name) {
                let v = derivedValue(name)
                return (v, v == nil ? .missing : nil)
            }
            guard let p = positions[name] else { return (nil, .notInFile) }
            switch values[p] {
            case .int(let v): return (Int32(exactly: v), nil)
            case .number(let v): return (v.rounded() == v ? Int32(exactly: v) : nil, nil)
            case .text: return (nil, .missing)
            case .missing(let r): return (nil, r)
            }
        }

        func number(_ name: String, _ values: [HarmonisedValue]) -> Double? {
            guard let p = positions[name] else { return nil }
            switch values[p] {
            case .int(let v): return Double(v)
            case .number(let v): return v
            default: return nil
            }
        }
    }

    /// Counts of what was set aside.
    struct Tally {
        var noWeight = 0
        var noDesign = 0
        var noPeriod = 0
        var missingRow: [MissingReason: Int] = [:]
        var missingColumn: [MissingReason: Int] = [:]
    }

    /// Where an observation goes, or why it is set aside.
    enum Placement {
        case frame(key: String, period: String, byValue: Int32?, stratum: Int, psu: Int)
        case noDesign
        case noPeriod
    }

    /// The frames as they are built, and what was set aside.
    struct BuildState {
        var tally = Tally()
        var frames: [String: Entry] = [:]
        var order: [String] = []
    }

    /// Streams one file into `state`: `derive` makes a row's derived indicators, `place` says where it goes.
    private static func scan(
        _ reader: WaveFileReader, spec: CrossTabSpec, names: [String], derivedNames: Set<String>,
        derive: @escaping (FileLayout, [HarmonisedValue], RowCells) throws -> (String) -> Int32?,
        place: (RowValues, [HarmonisedValue], (String) -> Int32?) -> Placement, into state: inout BuildState
    ) throws -> Int {
        var evaluator: RowValues?
        let summary = try reader.forEachRecord { layout, values, row in
            let e = evaluator ?? RowValues(layout: layout, names: names, derivedNames: derivedNames)
            evaluator = e
            let derived = try derive(layout, values, row)
            switch place(e, values, derived) {
            case .noDesign: state.tally.noDesign += 1
            case .noPeriod: state.tally.noPeriod += 1
            case .frame(let key, let period, let byValue, let stratum, let psu):
                try add(
                    spec: spec, key: key, period: period, byValue: byValue, stratum: stratum, psu: psu, evaluator: e,
                    values: values, derive: derived, frames: &state.frames, order: &state.order,
                    tally: &state.tally)
            }
        }
        return summary.rows
    }

    /// Frames from the UKHLS waves `waves` of `download`.
    ///
    /// - Throws: the first reading error (file, line, variable), or an unknown variable.
    public init(
        spec: CrossTabSpec, schema: SurveySchema, download: UKHLSDownload, waves: [Wave],
        options: DelimitedTableReader.Options = .init(), onProgress: ((String, Int, Int?) -> Void)? = nil
    ) throws {
        let (rows, columns, all) = try Self.variables(spec, schema: schema)
        self.spec = spec
        rowVariable = rows
        columnVariable = columns
        let derivedNames = Set(CrossTabVariable.derived(.ukhls).map(\.name))
        let usesDerived = !derivedNames.isDisjoint(with: all.keys)
        var state = BuildState()
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            var reader = WaveFileReader(schema: schema, wave: wave, input: input, options: options)
            reader.onProgress = onProgress.map { report in { done, total in report("wave \(wave.letter)", done, total) }
            }
            let file = input.description
            let count = try Self.scan(
                reader, spec: spec, names: Array(all.keys) + ["strata", "psu", "intdaty"], derivedNames: derivedNames,
                derive: { layout, values, row in
                    guard usesDerived else { return { _ in nil } }
                    let r = PanelRecord(
                        try PersonWave(values: values, layout: layout, file: file, line: row.lineNumber, extras: []))
                    return { name in
                        switch name {
                        case "worker": return BriefingDefinitions.isWorker(r) ? 1 : 0
                        case "high_skilled": return BriefingDefinitions.isHighSkilled(r) ? 1 : 0
                        case "works_at_home": return BriefingDefinitions.worksAtHome(r) ? 1 : 0
                        case "greater_south_east":
                            return r.region.value.map { BriefingDefinitions.isGreaterSouthEast(Int($0)) ? 1 : 0 }
                        default: return nil
                        }
                    }
                },
                place: { e, values, derived in
                    guard let stratum = e.code("strata", values, derivedValue: derived).0,
                        let psu = e.code("psu", values, derivedValue: derived).0
                    else { return .noDesign }
                    switch spec.by {
                    case .wave, .quarter:
                        return .frame(
                            key: "w\(wave.number)", period: "w\(wave.number)", byValue: nil, stratum: Int(stratum),
                            psu: Int(psu))
                    case .year:
                        guard let year = e.code("intdaty", values, derivedValue: derived).0, year > 0 else {
                            return .noPeriod
                        }
                        return .frame(
                            key: "pooled", period: String(year), byValue: year, stratum: Int(stratum), psu: Int(psu))
                    case .all:
                        return .frame(key: "all", period: "all", byValue: nil, stratum: Int(stratum), psu: Int(psu))
                    }
                }, into: &state)
            sources.append(("wave \(wave.number) (\(wave.letter))", file, count))
        }
        finish(frames: state.frames, order: state.order, tally: state.tally)
    }

    /// Frames from LFS quarterly files.
    ///
    /// - Throws: the first reading error (file, line, variable), or an unknown variable.
    public init(
        spec: CrossTabSpec, schema: SurveySchema, files: [LFSDownload.QuarterFile],
        options: DelimitedTableReader.Options = .init(), onProgress: ((String, Int, Int?) -> Void)? = nil
    ) throws {
        let (rows, columns, all) = try Self.variables(spec, schema: schema)
        self.spec = spec
        rowVariable = rows
        columnVariable = columns
        let derivedNames = Set(CrossTabVariable.derived(.lfs).map(\.name))
        let usesDerived = !derivedNames.isDisjoint(with: all.keys)
        var state = BuildState()
        for file in files.sorted(by: { $0.period < $1.period }) {
            if spec.by == .year && !file.period.isCalendarQuarter { continue }
            var reader = LFSQuarters.reader(schema: schema, file: file, options: options)
            let label = file.period.description
            reader.onProgress = onProgress.map { report in { done, total in report(label, done, total) } }
            let path = file.input.description
            let count = try Self.scan(
                reader, spec: spec, names: Array(all.keys) + ["hserial"], derivedNames: derivedNames,
                derive: { layout, values, row in
                    guard usesDerived else { return { _ in nil } }
                    let r = LFSQuarterRecord(
                        try LFSPerson(values: values, layout: layout, file: path, line: row.lineNumber, extras: []))
                    let valid = LFSDefinitions.validHome(r.home)
                    return { name in
                        switch name {
                        case "worker": return r.isWorker ? 1 : 0
                        case "home_based": return valid ? (LFSDefinitions.homeBased(r.home) ? 1 : 0) : nil
                        case "mainly_home": return valid ? (LFSDefinitions.ownHome(r.home) ? 1 : 0) : nil
                        default: return nil
                        }
                    }
                },
                place: { e, values, derived in
                    guard let household = e.code("hserial", values, derivedValue: derived).0 else { return .noDesign }
                    switch spec.by {
                    case .wave, .quarter:
                        return .frame(
                            key: file.period.fileCode, period: label, byValue: nil, stratum: 1, psu: Int(household))
                    case .year:
                        let year = file.period.year
                        return .frame(
                            key: "pooled", period: String(year), byValue: Int32(year), stratum: 1, psu: Int(household))
                    case .all:
                        return .frame(key: "all", period: "all", byValue: nil, stratum: 1, psu: Int(household))
                    }
                }, into: &state)
            sources.append((label, path, count))
        }
        finish(frames: state.frames, order: state.order, tally: state.tally)
    }

    /// Adds one observation to its frame.
    private static func add(
        spec: CrossTabSpec, key: String, period: String, byValue: Int32?, stratum: Int, psu: Int,
        evaluator e: RowValues, values: [HarmonisedValue], derive: (String) -> Int32?,
        frames: inout [String: Entry], order: inout [String], tally: inout Tally
    ) throws {
        var weight = 1.0
        if let name = spec.weight {
            guard let w = e.number(name, values), w > 0 else {
                tally.noWeight += 1
                return
            }
            weight = w
        }
        let inDomain = spec.domain.allSatisfy { $0.holds(e.code($0.variable, values, derivedValue: derive).0) }
        let (row, rowReason) = e.code(spec.rows, values, derivedValue: derive)
        let (col, colReason) = e.code(spec.columns, values, derivedValue: derive)
        if inDomain {
            if let rowReason { tally.missingRow[rowReason, default: 0] += 1 }
            if let colReason, rowReason == nil { tally.missingColumn[colReason, default: 0] += 1 }
        }
        let dom: Int32 = inDomain && row != nil && col != nil ? 1 : 0
        if frames[key] == nil {
            order.append(key)
            frames[key] = Entry(
                frame: EstimationFrame(name: "\(spec.name)_\(key)", columns: columns),
                period: byValue == nil ? period : "", byValue: nil)
        }
        frames[key]?.frame.append(
            weight: weight, stratum: stratum, psu: psu, row: [byValue ?? 0, row ?? -1, col ?? -1, dom])
    }

    /// Splits the pooled year frame into one entry per year (sharing the frame) and writes the notes.
    private mutating func finish(frames: [String: Entry], order: [String], tally: Tally) {
        var entries: [Entry] = []
        for key in order {
            guard let entry = frames[key] else { continue }
            if key == "pooled", let by = entry.frame.column("by") {
                for year in Set(by).sorted() {
                    entries.append(Entry(frame: entry.frame, period: String(year), byValue: year))
                }
            } else {
                entries.append(entry)
            }
        }
        self.entries = entries
        var notes: [String] = []
        func reasons(_ counts: [MissingReason: Int]) -> String {
            counts.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        }
        let rowMissing = tally.missingRow.values.reduce(0, +)
        if rowMissing > 0 {
            notes.append(
                "\(rowMissing) observations in the domain have no value of \(spec.rows) (\(reasons(tally.missingRow))) and are left out"
            )
        }
        let colMissing = tally.missingColumn.values.reduce(0, +)
        if colMissing > 0 {
            notes.append(
                "\(colMissing) observations in the domain have no value of \(spec.columns) (\(reasons(tally.missingColumn))) and are left out"
            )
        }
        if tally.noWeight > 0, let w = spec.weight {
            notes.append("\(tally.noWeight) observations with a zero or missing \(w) are out of scope")
        }
        if tally.noDesign > 0 {
            notes.append(
                "\(tally.noDesign) observations with no \(spec.survey == .ukhls ? "stratum or PSU" : "household") are left out"
            )
        }
        if tally.noPeriod > 0 { notes.append("\(tally.noPeriod) person-waves with no interview year are left out") }
        self.notes = notes
    }
}
