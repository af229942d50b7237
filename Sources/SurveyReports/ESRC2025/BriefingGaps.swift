import SurveyFiles
import SurveyPanel
import SurveySchema

/// The variables each of the briefing's tables rests on, checked against what the panel read.
enum BriefingGaps {
    /// A need of the briefing's tables, in the waves it applies to.
    struct Need {
        var need: TableNeed<PersonWave>
        var waves: ClosedRange<Int>

        init(
            tables: [String], title: String, variable: String, waves: ClosedRange<Int>, emptiesTable: Bool,
            valid: @escaping @Sendable (PersonWave) -> Bool
        ) {
            need = TableNeed(
                tables: tables, title: title, variable: variable, emptiesTables: emptiesTable, valid: valid)
            self.waves = waves
        }
    }

    static let needs: [Need] =
        [
            Need(
                tables: ["T1"], title: "wave 14, working at or from home: frequency", variable: "wfhdays",
                waves: 14...14, emptiesTable: true, valid: { ($0.wfhDays.value.map { (1...8).contains($0) }) ?? false }),
            Need(
                tables: ["F1", "T2"], title: "works at home at all", variable: "jbpl", waves: 8...99,
                emptiesTable: false, valid: { $0.jbpl.value != nil }),
            Need(
                tables: ["T1", "F1", "T2", "T3", "T4"], title: "the high-skilled (NS-SEC class 1)", variable: "nssec5",
                waves: 8...99, emptiesTable: false, valid: { $0.nssec5.value != nil }),
            Need(
                tables: ["T3", "T4"], title: "moved since the previous wave", variable: "origadd", waves: 9...99,
                emptiesTable: false, valid: { $0.origadd.value != nil }),
        ]
        + BriefingDefinitions.reasons.enumerated().map { k, reason in
            Need(
                tables: ["T4"], title: "reasons for moving (\(reason))", variable: "movy_\(reason)", waves: 9...99,
                emptiesTable: false, valid: { $0.moveReasons[k].value != nil })
        }

    /// The gaps of `panel` for the briefing; `name` names a file as the report should.
    static func find(in panel: UKHLSPanel, name: (DataInput) -> String) -> [TableGap] {
        var gaps: [TableGap] = []
        for entry in needs {
            for wave in panel.waves.keys.sorted() where entry.waves.contains(wave) {
                guard let records = panel.waves[wave], let input = panel.files[wave] else { continue }
                let file = name(input)
                let found = (panel.gaps[wave] ?? []).map { gap in
                    var gap = gap
                    gap.file = file
                    return gap
                }
                let source = records.first.flatMap {
                    panel.schema.variable(entry.need.variable)?.sourceName(in: $0.wave)
                }
                if let gap = entry.need.gap(
                    unit: "wave \(wave)", file: file, records: records, gaps: found, source: source)
                {
                    gaps.append(gap)
                }
            }
        }
        return gaps
    }
}
