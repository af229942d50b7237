import SurveyFiles
import SurveyPanel
import SurveySchema

/// A table of a report that is empty or incomplete because a variable it rests on is absent
/// from a file, or present with no valid value: said on standard error and in the report, in
/// place of an empty table that explains nothing.
public struct TableGap: Sendable, Equatable {
    /// The tables it affects (`T1`; `F1`, `T2`).
    public var tables: [String]
    /// Whether the table is left empty (otherwise it lacks only some waves).
    public var empty: Bool
    /// The sentence: the table, the harmonised variable, its source name, the file, the
    /// closest names present and the fix.
    public var sentence: String
}

/// The variables each of the briefing's tables rests on, checked against what the panel read.
enum BriefingGaps {
    struct Need {
        var tables: [String]
        var title: String
        var variable: String
        var waves: ClosedRange<Int>
        /// Whether the table is empty without the variable (T1), or only lacks the wave.
        var emptiesTable: Bool
        var valid: @Sendable (PersonWave) -> Bool
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
        for need in needs {
            for wave in panel.waves.keys.sorted() where need.waves.contains(wave) {
                guard let records = panel.waves[wave], let input = panel.files[wave] else { continue }
                let file = name(input)
                let tables = need.tables.joined(separator: ", ")
                let subject =
                    need.emptiesTable
                    ? "\(tables) (\(need.title)) is empty" : "\(tables) (\(need.title)) leave out wave \(wave)"
                let fix = "If the file has it under another name, run again with --map \(need.variable)=NAME."
                if let gap = panel.gaps[wave]?.first(where: { $0.variable == need.variable }) {
                    let closest =
                        gap.closest.isEmpty ? "" : " (closest names present: \(gap.closest.joined(separator: ", ")))"
                    gaps.append(
                        TableGap(
                            tables: need.tables, empty: need.emptiesTable,
                            sentence:
                                "\(subject): the harmonised variable '\(need.variable)' is read from '\(gap.source)', which is not in \(file)\(closest). \(fix)"
                        ))
                } else if !records.isEmpty, !records.contains(where: need.valid) {
                    let source = panel.schema.variable(need.variable)?.sourceName(in: records[0].wave) ?? need.variable
                    gaps.append(
                        TableGap(
                            tables: need.tables, empty: need.emptiesTable,
                            sentence:
                                "\(subject): the harmonised variable '\(need.variable)' is read from '\(source)' in \(file), which holds no valid value for it (all \(records.count) rows are missing codes). \(fix)"
                        ))
                }
            }
        }
        return gaps
    }
}
