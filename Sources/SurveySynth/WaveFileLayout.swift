import SurveySchema

/// The columns of one synthetic indresp file: the schema's variables, under
/// their source names for the wave, spread among filler columns.
struct SynthColumnLayout: Sendable {
    enum Column: Sendable {
        case harmonised(@Sendable (SynthRecord) -> String)
        case filler(Int)
    }

    let wave: Wave
    let columns: [Column]
    let header: [String]
    let filler: FillerColumns

    init(schema: Schema, wave: Wave, width: Int) {
        self.wave = wave
        let variables = schema.personVariables.compactMap { v in v.sourceName(in: wave).map { (v.name, $0) } }
        let leading = variables.prefix(3)  // pidp, hidp, pno
        let rest = Array(variables.dropFirst(3))
        let fillerCount = max(0, width - variables.count)
        filler = FillerColumns(count: fillerCount, letter: wave.letter, taken: Set(variables.map(\.1)))
        let cell = { (name: String) -> Column in .harmonised(SynthRecord.cells[name] ?? { _ in "-9" }) }
        var columns: [Column] = leading.map { cell($0.0) }
        var header = leading.map(\.1)
        var next = 0
        for (j, variable) in rest.enumerated() {
            let upTo = (j + 1) * fillerCount / (rest.count + 1)
            while next < upTo {
                columns.append(.filler(next))
                header.append(filler.names[next])
                next += 1
            }
            columns.append(cell(variable.0))
            header.append(variable.1)
        }
        while next < fillerCount {
            columns.append(.filler(next))
            header.append(filler.names[next])
            next += 1
        }
        self.columns = columns
        self.header = header
    }

    /// Appends one record's line (with its LF).
    func appendLine(_ record: SynthRecord, to line: inout [UInt8], random: inout SplitMix64) {
        for (i, column) in columns.enumerated() {
            if i > 0 { line.append(0x09) }
            switch column {
            case .harmonised(let text): line.append(contentsOf: text(record).utf8)
            case .filler(let k): filler.appendCell(k, to: &line, random: &random)
            }
        }
        line.append(0x0A)
    }
}
