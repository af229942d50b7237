import SurveyFiles
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
    /// The spec's variables a file lacks or holds no valid value of (a file of period `unit`),
    /// with the role each plays (`rows`, `columns`, `domain`, `weight`).
    public private(set) var gaps: [(unit: String, role: String, gap: VariableGap)] = []
    /// Cells holding codes the schema's lists do not have (read as `unknown_code`), per file and variable.
    public private(set) var unknownCodes: [UnknownCode] = []

    static let columns = ["by", "row", "col", "dom"]

    /// Resolves the spec's variables against `schema`.
    ///
    /// - Throws: `.invalidSpec` naming the table, the variable and the closest names when one is unknown,
    ///   or when a row or column variable is a decimal number (it has no categories).
    public static func variables(_ spec: CrossTabSpec, schema: Schema) throws(SurveyError) -> (
        rows: CrossTabVariable, columns: CrossTabVariable, all: [String: CrossTabVariable]
    ) {
        let available = CrossTabVariable.available(in: schema)
        var byName: [String: CrossTabVariable] = [:]
        for v in available { byName[v.name] = v }
        func find(_ name: String, _ role: String) throws(SurveyError) -> CrossTabVariable {
            guard let v = byName[name] else {
                throw SurveyError(
                    .invalidSpec, file: "cross-tab \(spec.name)", variable: name,
                    reason: "\(role): not a variable of the \(spec.survey.rawValue) schema nor a derived indicator",
                    hint: ClosestNames.hint(for: name, in: available.map(\.name))
                        ?? "see `ukpanel schema show \(spec.survey.rawValue)`")
            }
            return v
        }
        let rows = try find(spec.rows, "rows")
        let columns = try find(spec.columns, "columns")
        for (v, role) in [(rows, "rows"), (columns, "columns")] where v.harmonised?.type == .number {
            throw SurveyError(
                .invalidSpec, file: "cross-tab \(spec.name)", variable: v.name,
                reason: "\(role): a decimal number has no categories to tabulate")
        }
        var all = [rows.name: rows, columns.name: columns]
        for c in spec.domain { all[c.variable] = try find(c.variable, "domain") }
        if let weight = spec.weight { all[weight] = try find(weight, "weight") }
        return (rows, columns, all)
    }

    /// Where a variable's value is in one file's decoded rows, resolved once per file.
    enum Slot {
        case position(Int)
        case indicator(IndicatorKey)
        case absent
    }

    /// The slots of the spec's variables in one file.
    struct FileSlots {
        let rows: Slot
        let columns: Slot
        let weight: Slot?
        let domain: [(Slot, CrossTabSpec.Condition)]
        /// Every variable the spec reads, with its role (`rows`, `columns`, `domain`, `weight`) and slot.
        let read: [(role: String, name: String, slot: Slot)]
        /// Whether any slot is an indicator (rows need their indicators evaluated).
        let usesIndicators: Bool

        init(layout: FileLayout, spec: CrossTabSpec, indicators: [String: IndicatorKey]) {
            func slot(_ name: String) -> Slot {
                if let key = indicators[name] { return .indicator(key) }
                return layout.position(of: name).map { .position($0) } ?? .absent
            }
            let read: [(role: String, name: String, slot: Slot)] =
                [("rows", spec.rows, slot(spec.rows)), ("columns", spec.columns, slot(spec.columns))]
                + spec.domain.map { ("domain", $0.variable, slot($0.variable)) }
                + (spec.weight.map { [("weight", $0, slot($0))] } ?? [])
            rows = read[0].slot
            columns = read[1].slot
            domain = zip(read.dropFirst(2), spec.domain).map { ($0.slot, $1) }
            weight = spec.weight == nil ? nil : read[read.count - 1].slot
            self.read = read
            usesIndicators = read.contains {
                if case .indicator = $0.slot { return true }
                return false
            }
        }
    }

    /// One decoded row, read through slots.
    struct Row {
        let values: [HarmonisedValue]
        let indicators: IndicatorValues

        /// A variable as a small integer, or `nil` with its reason.
        func code(_ slot: Slot) -> (Int32?, MissingReason?) {
            switch slot {
            case .absent: return (nil, .notInFile)
            case .indicator(let key):
                let v = indicators.code(key)
                return (v, v == nil ? .missing : nil)
            case .position(let p):
                switch values[p] {
                case .int(let v): return (Int32(exactly: v), nil)
                case .number(let v): return (v.rounded() == v ? Int32(exactly: v) : nil, nil)
                case .text: return (nil, .missing)
                case .missing(let r): return (nil, r)
                }
            }
        }

        /// A variable as a number (weights), or `nil`.
        func number(_ slot: Slot) -> Double? {
            guard case .position(let p) = slot else { return nil }
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

    /// The frames as they are built, and what was set aside.
    struct BuildState {
        var tally = Tally()
        var frames: [String: Entry] = [:]
        var order: [String] = []
        var gaps: [(unit: String, role: String, gap: VariableGap)] = []
        var unknownCodes: [UnknownCode] = []
    }

    /// Streams one file into the frame `key` (period label `period`) of `state`. The stratum and PSU are the
    /// schema's declared design; with `by: year`, the year is `fileYear` or else the declared interview year.
    private static func scan(
        _ reader: RecordReader, spec: CrossTabSpec, key: String, period: String, fileYear: Int32?,
        indicators: [String: IndicatorKey], unit: String, into state: inout BuildState
    ) throws -> Int {
        var reader = reader
        var absent: [VariableGap] = []
        reader.onGaps = { absent = $0 }
        var unknown: [UnknownCode] = []
        reader.onUnknownCodes = { unknown = $0 }
        defer { state.unknownCodes += unknown }
        // How many rows hold a valid value of each variable the spec reads (FileSlots.read).
        var valid: [Int] = []
        var layoutSeen: FileLayout?
        // The file's frame, taken out of the dictionary while rows are appended (no copy-on-write per row).
        if state.frames[key] == nil { state.order.append(key) }
        var entry =
            state.frames.removeValue(forKey: key)
            ?? Entry(
                frame: EstimationFrame(name: "\(spec.name)_\(key)", columns: columns), period: period, byValue: nil)
        defer { state.frames[key] = entry }
        var slots: FileSlots?
        let summary = try reader.forEachRecord { layout, values, _ in
            let s = slots ?? FileSlots(layout: layout, spec: spec, indicators: indicators)
            if slots == nil {
                layoutSeen = layout
                valid = Array(repeating: 0, count: s.read.count)
            }
            slots = s
            for (i, variable) in s.read.enumerated() {
                guard case .position(let p) = variable.slot else { continue }
                if case .missing = values[p] { continue }
                valid[i] += 1
            }
            let design = layout.design(in: values)
            guard let stratum = design.stratum.value, let psu = design.psu.value else {
                state.tally.noDesign += 1
                return
            }
            var byValue: Int32?
            if spec.by == .year {
                guard let year = fileYear ?? design.interviewYear.value.map(Int32.init), year > 0 else {
                    state.tally.noPeriod += 1
                    return
                }
                byValue = year
            }
            let row = Row(values: values, indicators: s.usesIndicators ? layout.indicators.evaluate(values) : .init())
            add(row, slots: s, byValue: byValue, stratum: stratum, psu: psu, to: &entry.frame, tally: &state.tally)
        }
        if let layout = layoutSeen, let read = slots?.read {
            for (i, w) in read.enumerated() where valid[i] == 0 {
                guard case .position(let position) = w.slot else { continue }
                if let gap = absent.first(where: { $0.variable == w.name }) {
                    state.gaps.append((unit, w.role, gap))
                } else if layout.slots[position] != nil {
                    let source = layout.sourceNames[position] ?? w.name
                    state.gaps.append(
                        (
                            unit, w.role,
                            VariableGap(
                                variable: w.name, source: source, file: reader.input.description, closest: [],
                                rowsWithoutValue: summary.rows)
                        ))
                }
            }
        }
        return summary.rows
    }

    /// The frame key and period label of a file: its own for `wave`/`quarter`, shared for `year` and `all`.
    static func frameKey(_ by: CrossTabSpec.By, own: String) -> String {
        switch by {
        case .wave, .quarter: return own
        case .year: return "pooled"
        case .all: return "all"
        }
    }

    /// Frames from the UKHLS waves `waves` of `download`.
    ///
    /// - Throws: the first reading error (file, line, variable), or an unknown variable.
    public init(
        spec: CrossTabSpec, schema: Schema, download: UKHLSDownload, waves: [Wave],
        options: ReadOptions = .init(), onProgress: ((String, Int, Int?) -> Void)? = nil
    ) throws {
        (rowVariable, columnVariable, _) = try Self.variables(spec, schema: schema)
        self.spec = spec
        let indicators = schema.indicatorKeys
        var state = BuildState()
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            var reader = RecordReader(schema: schema, wave: wave, input: input, options: options)
            reader.onProgress = onProgress.map { report in { done, total in report("wave \(wave.letter)", done, total) }
            }
            let key = Self.frameKey(spec.by, own: "w\(wave.number)")
            let count = try Self.scan(
                reader, spec: spec, key: key, period: key, fileYear: nil, indicators: indicators,
                unit: "wave \(wave.number)", into: &state)
            sources.append(("wave \(wave.number) (\(wave.letter))", input.description, count))
        }
        finish(state)
    }

    /// Frames from LFS quarterly files.
    ///
    /// - Throws: the first reading error (file, line, variable), or an unknown variable.
    public init(
        spec: CrossTabSpec, schema: Schema, files: [LFSDownload.QuarterFile],
        options: ReadOptions = .init(), onProgress: ((String, Int, Int?) -> Void)? = nil
    ) throws {
        (rowVariable, columnVariable, _) = try Self.variables(spec, schema: schema)
        self.spec = spec
        let indicators = schema.indicatorKeys
        var state = BuildState()
        for file in files.sorted(by: { $0.period < $1.period }) {
            if spec.by == .year && !file.period.isCalendarQuarter { continue }
            var reader = LFSQuarters.reader(schema: schema, file: file, options: options)
            let label = file.period.description
            reader.onProgress = onProgress.map { report in { done, total in report(label, done, total) } }
            let count = try Self.scan(
                reader, spec: spec, key: Self.frameKey(spec.by, own: file.period.fileCode),
                period: spec.by == .all ? "all" : label, fileYear: spec.by == .year ? Int32(file.period.year) : nil,
                indicators: indicators, unit: label, into: &state)
            sources.append((label, file.input.description, count))
        }
        finish(state)
    }

    /// Adds one observation to `frame`.
    private static func add(
        _ row: Row, slots: FileSlots, byValue: Int32?, stratum: Int, psu: Int, to frame: inout EstimationFrame,
        tally: inout Tally
    ) {
        var weight = 1.0
        if let slot = slots.weight {
            guard let w = row.number(slot), w > 0 else {
                tally.noWeight += 1
                return
            }
            weight = w
        }
        let inDomain = slots.domain.allSatisfy { slot, condition in condition.holds(row.code(slot).0) }
        let (value, rowReason) = row.code(slots.rows)
        let (col, colReason) = row.code(slots.columns)
        if inDomain {
            if let rowReason { tally.missingRow[rowReason, default: 0] += 1 }
            if let colReason, rowReason == nil { tally.missingColumn[colReason, default: 0] += 1 }
        }
        let dom: Int32 = inDomain && value != nil && col != nil ? 1 : 0
        frame.append(weight: weight, stratum: stratum, psu: psu, row: [byValue ?? 0, value ?? -1, col ?? -1, dom])
    }

    /// Splits the pooled year frame into one entry per year (sharing the frame) and writes the notes.
    private mutating func finish(_ state: BuildState) {
        let (frames, order, tally) = (state.frames, state.order, state.tally)
        gaps = state.gaps
        unknownCodes = state.unknownCodes
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
