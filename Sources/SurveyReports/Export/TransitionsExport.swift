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

    /// One column group: its name(s), label, and how a pair fills it.
    struct Column: Sendable {
        var name: String
        var label: String
        var codes: String
        /// Whether a `_missing` reason column follows.
        var hasReason: Bool
        var cell: @Sendable (PersonWave, PersonWave) -> (String, MissingReason?)
    }

    static func observed<T>(_ o: Observed<T>) -> (String, MissingReason?) {
        switch o {
        case .value(let v): return ("\(v)", nil)
        case .missing(let r): return ("", r)
        }
    }

    static func observedNumber(_ o: Observed<Double>) -> (String, MissingReason?) {
        switch o {
        case .value(let v): return (HarmonisedColumns.number(v), nil)
        case .missing(let r): return ("", r)
        }
    }

    static func flag(_ b: Bool) -> (String, MissingReason?) { (b ? "1" : "0", nil) }

    /// Two columns, `STEM_from` and `STEM_to`: `value` of the earlier and of the later record.
    static func bothEnds(
        _ stem: String, _ label: String, codes: String, hasReason: Bool,
        _ value: @escaping @Sendable (PersonWave) -> (String, MissingReason?)
    ) -> [Column] {
        [
            Column(
                name: stem + "_from", label: label + " at the earlier wave", codes: codes, hasReason: hasReason,
                cell: { earlier, _ in value(earlier) }),
            Column(
                name: stem + "_to", label: label + " at the later wave", codes: codes, hasReason: hasReason,
                cell: { _, later in value(later) }),
        ]
    }

    /// The columns after the identifiers, in order. Codes written `schema:NAME` are the schema's codes of NAME.
    static func columns(_ schema: Schema) throws(SurveyError) -> [Column] {
        let user = "the transitions export"
        let worker = try schema.indicatorKey("worker", neededBy: user)
        let high = try schema.indicatorKey("high_skilled", neededBy: user)
        let home = try schema.indicatorKey("works_at_home", neededBy: user)
        var c: [Column] = [
            Column(
                name: "intdaty_to", label: "Interview year at the later wave", codes: "", hasReason: true,
                cell: { observed($1.design.interviewYear) }),
            Column(
                name: "intdatm_to", label: "Interview month at the later wave", codes: "", hasReason: true,
                cell: { observed($1.design.interviewMonth) }),
            Column(
                name: "moved", label: "Moved since the earlier wave (origadd = 2 at the later wave)",
                codes: "1=moved; 0=same address", hasReason: true,
                cell: { _, later in
                    switch later.origadd {
                    case .value(2): return ("1", nil)
                    case .value(1): return ("0", nil)
                    case .value: return ("", .missing)
                    case .missing(let r): return ("", r)
                    }
                }),
            Column(
                name: "distmov_to", label: "Distance moved, km (distmov_dv at the later wave)", codes: "",
                hasReason: true, cell: { observedNumber($1.distanceMoved) }),
        ]
        for (k, reason) in BriefingDefinitions.reasons.enumerated() {
            c.append(
                Column(
                    name: "movy_\(reason)_to", label: "Reason for moving: \(reason) (at the later wave)",
                    codes: "schema:movy_\(reason)", hasReason: true, cell: { observed($1.moveReasons[k]) }))
        }
        let yesNo = "1=yes; 0=no"
        c += bothEnds("gor", "Region", codes: "schema:gor", hasReason: true) { observed($0.region) }
        c += bothEnds("nssec5", "NS-SEC 5 classes", codes: "schema:nssec5", hasReason: true) { observed($0.nssec5) }
        c += bothEnds("jbstat", "Employment status", codes: "schema:jbstat", hasReason: true) { observed($0.jbstat) }
        c += bothEnds("worker", "In work (jbhas = 1 or jboff = 1)", codes: yesNo, hasReason: false) {
            flag($0.indicators.isSet(worker))
        }
        c += bothEnds("high_skilled", "A worker in NS-SEC class 1", codes: yesNo, hasReason: false) {
            flag($0.indicators.isSet(high))
        }
        c += bothEnds(
            "works_at_home", "A worker working at home at all (jbpl = 1, jspl 1-2 or jbwah 1-3)", codes: yesNo,
            hasReason: false
        ) { flag($0.indicators.isSet(home)) }
        c += bothEnds("jbwah", "How often works at home", codes: "schema:jbwah", hasReason: true) {
            observed($0.jbwah)
        }
        c += [
            Column(
                name: "weight_xs_to", label: "Cross-sectional weight at the later wave", codes: "", hasReason: true,
                cell: { observedNumber($1.design.weight) }),
            Column(
                name: "weight_lw_to", label: "Longitudinal weight at the later wave", codes: "", hasReason: true,
                cell: { observedNumber($1.weightLongitudinal) }),
            Column(
                name: "strata_to", label: "Stratum at the later wave", codes: "", hasReason: true,
                cell: { observed($1.design.stratum) }),
            Column(
                name: "psu_to", label: "PSU at the later wave", codes: "", hasReason: true,
                cell: { observed($1.design.psu) }),
        ]
        return c
    }

    /// The identifiers that start every row.
    public static let keyColumns = ["pidp", "wave_from", "wave_to", "wave_letter_from", "wave_letter_to"]

    /// The header.
    public var header: [String] {
        Self.keyColumns + columns.flatMap { $0.hasReason ? [$0.name, $0.name + "_missing"] : [$0.name] }
    }

    /// What one export wrote.
    public struct Summary: Sendable {
        /// Pairs written.
        public var rows: Int
        /// Pairs by later wave number.
        public var rowsByWave: [Int: Int]
    }

    /// Writes every consecutive-wave pair of `pairs` (read with the export's schema).
    ///
    /// - Throws: the reading error of the first bad file (file, line, variable).
    @discardableResult
    public func write(
        _ pairs: ConsecutiveWavePairs, to writer: CSVWriter,
        onProgress: ((Wave, Int, Int?) -> Void)? = nil
    ) throws -> Summary {
        try writer.row(header)
        var fields: [String] = []
        let counts = try pairs.forEach(onProgress: onProgress) { before, record in
            guard let from = Wave(number: record.wave.number - 1) else { return }
            fields.removeAll(keepingCapacity: true)
            fields += [
                String(record.pidp), String(from.number), String(record.wave.number), from.letter, record.wave.letter,
            ]
            for column in columns {
                let (text, reason) = column.cell(before, record)
                fields.append(text)
                if column.hasReason { fields.append(reason?.rawValue ?? "") }
            }
            try writer.row(fields)
        }
        try writer.flush()
        return Summary(rows: counts.values.reduce(0, +), rowsByWave: counts)
    }

    /// The data dictionary: one row per column (codes from the schema where a column is a harmonised variable).
    public func dictionary() -> [[String]] {
        let reasons = MissingReason.allCases.map(\.rawValue).joined(separator: ", ")
        var rows = [HarmonisedColumns.dictionaryHeader]
        rows += [
            ["pidp", "Cross-wave person identifier", "id", "", "pidp", "confirmed"],
            ["wave_from", "The earlier wave's number", "int", "", "", ""],
            ["wave_to", "The later wave's number (wave_from + 1)", "int", "", "", ""],
            ["wave_letter_from", "The earlier wave's letter", "text", "", "", ""],
            ["wave_letter_to", "The later wave's letter", "text", "", "", ""],
        ]
        for c in columns {
            var codes = c.codes
            if codes.hasPrefix("schema:") {
                codes = schema.variable(String(codes.dropFirst(7))).map(HarmonisedColumns.codes) ?? ""
            }
            rows.append([c.name, c.label, c.hasReason ? "code" : "int", codes, "", ""])
            if c.hasReason {
                rows.append([
                    c.name + "_missing", "Why \(c.name) is empty (empty when it has a value)", "text", reasons, "", "",
                ])
            }
        }
        return rows
    }
}
