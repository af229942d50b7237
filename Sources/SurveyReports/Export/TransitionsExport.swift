import SurveyFiles
import SurveyPanel
import SurveySchema

/// Consecutive-wave pairs of the UKHLS panel as tidy CSV: one row per person
/// interviewed in waves w−1 and w, with the move between them (whether, how far,
/// why), and region, class and home-working before and after.
///
/// Waves are read one after another and only two are held at a time. Values
/// follow the panel export's rules: a missing value is an empty cell with a
/// `NAME_missing` reason column beside it. The indicators `worker_*`,
/// `high_skilled_*` and `works_at_home_*` are always 0 or 1: the schema's
/// declarations (`indicators:`), as the briefing uses them.
public struct TransitionsExport: Sendable {
    /// The schema the waves are read with.
    public let schema: Schema
    /// The columns after the identifiers, in order.
    let columns: [Column]

    /// An export reading with `schema`.
    ///
    /// - Throws: `.missingVariable` when the schema does not declare an indicator the export writes.
    public init(schema: Schema) throws(SurveyError) {
        self.schema = schema
        columns = try Self.columns(schema)
    }

    /// One column: its name, label, kind, codes, whether a reason column follows, and how a pair fills it.
    struct Column: Sendable {
        var name: String
        var label: String
        var kind: OutputColumn.Kind
        /// The codes' labels; `schema:NAME` takes the schema's codes of NAME.
        var codes: Codes
        /// Whether a `_missing` reason column follows.
        var hasReason: Bool
        var cell: @Sendable (PersonWave, PersonWave) -> HarmonisedValue

        enum Codes: Sendable {
            case none
            case listed([(code: Int, label: String)])
            case schema(String)
        }
    }

    static func observed<T: BinaryInteger>(_ o: Observed<T>) -> HarmonisedValue {
        switch o {
        case .value(let v): return .int(Int(v))
        case .missing(let r): return .missing(r)
        }
    }

    static func observedNumber(_ o: Observed<Double>) -> HarmonisedValue {
        switch o {
        case .value(let v): return .number(v)
        case .missing(let r): return .missing(r)
        }
    }

    static func flag(_ b: Bool) -> HarmonisedValue { .int(b ? 1 : 0) }

    /// Two columns, `STEM_from` and `STEM_to`: `value` of the earlier and of the later record.
    static func bothEnds(
        _ stem: String, _ label: String, kind: OutputColumn.Kind = .integer(range: nil), codes: Column.Codes,
        hasReason: Bool, _ value: @escaping @Sendable (PersonWave) -> HarmonisedValue
    ) -> [Column] {
        [
            Column(
                name: stem + "_from", label: label + " at the earlier wave", kind: kind, codes: codes,
                hasReason: hasReason, cell: { earlier, _ in value(earlier) }),
            Column(
                name: stem + "_to", label: label + " at the later wave", kind: kind, codes: codes, hasReason: hasReason,
                cell: { _, later in value(later) }),
        ]
    }

    /// The columns after the identifiers, in order.
    static func columns(_ schema: Schema) throws(SurveyError) -> [Column] {
        let user = "the transitions export"
        let worker = try schema.indicatorKey("worker", neededBy: user)
        let high = try schema.indicatorKey("high_skilled", neededBy: user)
        let home = try schema.indicatorKey("works_at_home", neededBy: user)
        let whole = OutputColumn.Kind.integer(range: nil)
        var c: [Column] = [
            Column(
                name: "intdaty_to", label: "Interview year at the later wave", kind: whole, codes: .none,
                hasReason: true, cell: { observed($1.design.interviewYear) }),
            Column(
                name: "intdatm_to", label: "Interview month at the later wave", kind: whole, codes: .none,
                hasReason: true, cell: { observed($1.design.interviewMonth) }),
            Column(
                name: "moved", label: "Moved since the earlier wave (origadd = 2 at the later wave)",
                kind: .integer(range: 0...1), codes: .listed([(1, "moved"), (0, "same address")]), hasReason: true,
                cell: { _, later in
                    switch later.origadd {
                    case .value(2): return .int(1)
                    case .value(1): return .int(0)
                    case .value: return .missing(.missing)
                    case .missing(let r): return .missing(r)
                    }
                }),
            Column(
                name: "distmov_to", label: "Distance moved, km (distmov_dv at the later wave)", kind: .real,
                codes: .none, hasReason: true, cell: { observedNumber($1.distanceMoved) }),
        ]
        for (k, reason) in BriefingDefinitions.reasons.enumerated() {
            c.append(
                Column(
                    name: "movy_\(reason)_to", label: "Reason for moving: \(reason) (at the later wave)",
                    kind: schema.codeKind("movy_\(reason)"), codes: .schema("movy_\(reason)"), hasReason: true,
                    cell: { observed($1.moveReasons[k]) }))
        }
        let yesNo = Column.Codes.listed([(1, "yes"), (0, "no")])
        let flagKind = OutputColumn.Kind.integer(range: 0...1)
        c += bothEnds("gor", "Region", kind: schema.codeKind("gor"), codes: .schema("gor"), hasReason: true) {
            observed($0.region)
        }
        c += bothEnds("nssec5", "NS-SEC 5 classes", kind: schema.codeKind("nssec5"), codes: .schema("nssec5"), hasReason: true) {
            observed($0.nssec5)
        }
        c += bothEnds("jbstat", "Employment status", kind: schema.codeKind("jbstat"), codes: .schema("jbstat"), hasReason: true) {
            observed($0.jbstat)
        }
        c += bothEnds("worker", "In work (jbhas = 1 or jboff = 1)", kind: flagKind, codes: yesNo, hasReason: false) {
            flag($0.indicators.isSet(worker))
        }
        c += bothEnds("high_skilled", "A worker in NS-SEC class 1", kind: flagKind, codes: yesNo, hasReason: false) {
            flag($0.indicators.isSet(high))
        }
        c += bothEnds(
            "works_at_home", "A worker working at home at all (jbpl = 1, jspl 1-2 or jbwah 1-3)", kind: flagKind,
            codes: yesNo, hasReason: false
        ) { flag($0.indicators.isSet(home)) }
        c += bothEnds("jbwah", "How often works at home", kind: schema.codeKind("jbwah"), codes: .schema("jbwah"), hasReason: true) {
            observed($0.jbwah)
        }
        c += [
            Column(
                name: "weight_xs_to", label: "Cross-sectional weight at the later wave", kind: .real, codes: .none,
                hasReason: true, cell: { observedNumber($1.design.weight) }),
            Column(
                name: "weight_lw_to", label: "Longitudinal weight at the later wave", kind: .real, codes: .none,
                hasReason: true, cell: { observedNumber($1.weightLongitudinal) }),
            Column(
                name: "strata_to", label: "Stratum at the later wave", kind: whole, codes: .none, hasReason: true,
                cell: { observed($1.design.stratum) }),
            Column(
                name: "psu_to", label: "PSU at the later wave", kind: whole, codes: .none, hasReason: true,
                cell: { observed($1.design.psu) }),
        ]
        return c
    }


    /// What one export wrote.
    public struct Summary: Sendable {
        /// Pairs written.
        public var rows: Int
        /// Pairs by later wave number.
        public var rowsByWave: [Int: Int]
    }

    /// Writes every consecutive-wave pair of `pairs` (read with the export's schema) to `writer`, which
    /// was made for `exportColumns()`.
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable), or the writer's.
    @discardableResult
    public func write(
        _ pairs: ConsecutiveWavePairs, to writer: some RowWriter,
        onProgress: ((Wave, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        let reasons = !writer.keepsMissingLetters
        let counts = try pairs.forEach(onProgress: onProgress) { before, record in
            guard let from = Wave(number: record.wave.number - 1) else { return }
            try writer.integer(record.pidp)
            try writer.integer(from.number)
            try writer.integer(record.wave.number)
            try writer.text(from.letter)
            try writer.text(record.wave.letter)
            for column in columns {
                try HarmonisedColumns.write(
                    column.cell(before, record), reasonColumn: column.hasReason && reasons, to: writer)
            }
            try writer.endRow()
        }
        try writer.finish()
        return Summary(rows: counts.values.reduce(0, +), rowsByWave: counts)
    }

    /// Every column (reason columns included), with what the dictionary says of each (codes from the schema
    /// where a column is a harmonised variable).
    public func exportColumns() -> [ExportColumn] {
        var list = [
            ExportColumn(
                name: "pidp", label: "Cross-wave person identifier", type: "id", source: "pidp", confidence: "confirmed"),
            ExportColumn(name: "wave_from", label: "The earlier wave's number", type: "int", kind: .integer(range: 1...26)),
            ExportColumn(
                name: "wave_to", label: "The later wave's number (wave_from + 1)", type: "int",
                kind: .integer(range: 1...26)),
            ExportColumn(
                name: "wave_letter_from", label: "The earlier wave's letter", type: "text", kind: .text(maxBytes: 1)),
            ExportColumn(name: "wave_letter_to", label: "The later wave's letter", type: "text", kind: .text(maxBytes: 1)),
        ]
        for c in columns {
            var codes: [(code: Int, label: String)] = []
            switch c.codes {
            case .none: break
            case .listed(let listed): codes = listed
            case .schema(let name):
                let labels = schema.variable(name)?.codes ?? [:]
                codes = labels.keys.sorted().map { ($0, labels[$0] ?? "") }
            }
            let type: String
            switch c.kind {
            case .real: type = "number"
            case .text: type = "text"
            case .integer: type = codes.isEmpty || !c.hasReason ? "int" : "code"
            }
            list.append(ExportColumn(name: c.name, label: c.label, type: type, kind: c.kind, codes: codes))
            if c.hasReason { list.append(.reason(of: c.name)) }
        }
        return list
    }
}
