import SurveyFiles
import SurveySchema

/// One person of an ONS longitudinal dataset: the weight, and the answers of each
/// quarter the dataset follows (five, or two).
public struct LFSHistory: Sendable, Hashable {
    /// One quarter's answers: the schema's `longitudinal` variables with `{q}` set to the quarter.
    public struct Quarter: SurveyRecord, Hashable {
        public var age: Observed<Int16>
        public var ilodefr: Observed<Int16>
        public var home: Observed<Int16>
        public var region: Observed<Int16>
        public var nssecMajor: Observed<Int16>
        public var nssec5: Observed<Int16>

        /// In employment (ILODEFR = 1).
        /// The indicators the schema declares, evaluated on the quarter's `long_` variables.
        public var indicators = IndicatorValues()

        /// The harmonised variables a quarter holds.
        public enum Field: Int, CaseIterable, Sendable {
            case age, ilodefr, home, region, nssecMajor, nssec5
        }

        public static func harmonisedName(_ field: Field) -> String {
            "long_" + (field == .nssecMajor ? "nssec_major" : String(describing: field))
        }

        /// The quarter's answers from its decoded values.
        public init(values: [HarmonisedValue], fields: RecordFields<Quarter>, file: String, line: Int) {
            age = fields.code(.age, in: values)
            ilodefr = fields.code(.ilodefr, in: values)
            home = fields.code(.home, in: values)
            region = fields.code(.region, in: values)
            nssecMajor = fields.code(.nssecMajor, in: values)
            nssec5 = fields.code(.nssec5, in: values)
        }
    }

    /// PERSID.
    public var persid: Int
    /// The longitudinal weight (LGWTyy).
    public var weight: Observed<Double>
    /// Quarter 1 first.
    public var quarters: [Quarter]
}

/// A longitudinal dataset read into person histories.
public struct LFSLongitudinalData: Sendable {
    /// The file and what its name says (vintage, quarters followed, first and last quarter).
    public let file: LFSDownload.LongitudinalFile
    /// One history per row.
    public var histories: [LFSHistory]
    /// The schema the histories were decoded with.
    public var schema: Schema
    /// The variables the schema expects that the file lacks (each quarter's `{q}` name).
    public var gaps: [VariableGap] = []
    /// Cells holding codes the schema's lists do not have (read as `unknown_code`), per column.
    public var unknownCodes: [UnknownCode] = []

    /// Reads `file`: each quarter's variables come from the schema's `longitudinal`
    /// role with `{q}` set to the quarter (1…n), all from one pass over the file.
    ///
    /// - Throws: `SurveyError` naming the file and variable when a required
    ///   variable is absent, or the file, line and variable when a cell is bad.
    public static func read(
        file: LFSDownload.LongitudinalFile, schema: Schema, options: ReadOptions = .init()
    ) throws -> LFSLongitudinalData {
        var options = options
        options.caseInsensitiveNames = true
        let reader = try TableFormats.reader(for: file.input, options: options)
        let name = file.input.description
        var layouts: [FileLayout] = []
        var fields: [RecordFields<LFSHistory.Quarter>] = []
        var programs: [IndicatorProgram] = []
        var offsets: [Int] = []
        var persidPosition: Int?
        var weightPosition: Int?
        // One decoding buffer per quarter, reused for every row.
        var buffers: [[HarmonisedValue]] = []
        var histories: [LFSHistory] = []
        var gaps: [VariableGap] = []
        var unknown: [UnknownCodeTally] = []
        try reader.read(project: { header in
            var columns: [Int] = []
            for q in 1...max(1, file.quarters) {
                let context = SourceContext(ordinal: nil, values: ["vintage": file.vintage, "q": String(q)])
                let layout = try FileLayout(
                    schema: schema, role: "longitudinal", context: context, header: header, file: name)
                offsets.append(columns.count)
                columns += layout.projection.columnIndices
                layouts.append(layout)
                gaps += layout.gaps(in: header, file: name)
                fields.append(RecordFields(layout))
                // The person file's indicators, read from this quarter's long_ variables.
                programs.append(IndicatorProgram(schema.indicators) { layout.position(of: "long_" + $0) })
            }
            persidPosition = layouts.first?.position(of: "persid")
            weightPosition = layouts.first?.position(of: "long_weight")
            buffers = Array(repeating: [], count: layouts.count)
            unknown = Array(repeating: UnknownCodeTally(), count: layouts.count)
            return ColumnProjection(columnIndices: columns, columnCount: header.names.count)
        }) { row in
            var quarters: [LFSHistory.Quarter] = []
            quarters.reserveCapacity(layouts.count)
            var persid: Int?
            var weight: Observed<Double> = .missing(.notInFile)
            for (q, layout) in layouts.enumerated() {
                let cells = row.slots(from: offsets[q], count: layout.projection.columnIndices.count)
                try layout.decode(cells, file: name, into: &buffers[q], unknown: &unknown[q])
                let values = buffers[q]
                if q == 0 {
                    persid = persidPosition.flatMap { values[$0].intObserved.value }
                    weight = weightPosition.map { values[$0].numberObserved } ?? .missing(.notInFile)
                }
                var quarter = LFSHistory.Quarter(values: values, fields: fields[q], file: name, line: row.lineNumber)
                quarter.indicators = programs[q].evaluate(values)
                quarters.append(quarter)
            }
            guard let persid else {
                throw SurveyError(
                    .invalidValue, file: name, line: row.lineNumber, variable: "PERSID",
                    reason: "every row needs a person identifier")
            }
            histories.append(LFSHistory(persid: persid, weight: weight, quarters: quarters))
        }
        var data = LFSLongitudinalData(file: file, histories: histories, schema: schema)
        data.gaps = gaps
        // A column more than one quarter's layout reads (none today: coded ones carry {q}) is said once.
        var said = Set<String>()
        data.unknownCodes = zip(layouts, unknown).flatMap { $1.report($0, file: name) }.filter {
            said.insert($0.source).inserted
        }
        return data
    }
}
