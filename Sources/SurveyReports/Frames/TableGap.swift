import SurveySchema

/// A table of a report that is empty or incomplete because a variable it rests on is absent
/// from a file, or present with no valid value: said on standard error and in the report, in
/// place of an empty table that explains nothing.
public struct TableGap: Sendable, Equatable {
    /// The tables it affects (`T1`; `F1`, `T2`).
    public var tables: [String]
    /// Whether the table is left empty (otherwise it lacks only some waves or quarters).
    public var empty: Bool
    /// The sentence: the table, the harmonised variable, its source name, the file, the
    /// closest names present and the fix.
    public var sentence: String

    /// The gap `gap` leaves in `tables` (about `title`) for `unit` (`wave 14`, `2019 Q4`).
    init(tables: [String], title: String, empty: Bool, unit: String, gap: VariableGap) {
        self.tables = tables
        self.empty = empty
        let names = tables.joined(separator: ", ")
        let subject =
            empty
            ? "\(names) (\(title)) is empty"
            : "\(names) (\(title)) \(tables.count == 1 ? "leaves" : "leave") out \(unit)"
        let cause: String
        if let rows = gap.rowsWithoutValue {
            cause =
                "is read from '\(gap.source)' in \(gap.file), which holds no valid value for it (all \(rows) rows are missing codes)"
        } else {
            let closest = gap.closest.isEmpty ? "" : " (closest names present: \(gap.closest.joined(separator: ", ")))"
            cause = "is read from '\(gap.source)', which is not in \(gap.file)\(closest)"
        }
        sentence =
            "\(subject): the harmonised variable '\(gap.variable)' \(cause). If the file has it under another name, run again with --map \(gap.variable)=NAME (in a job file: schema: map: [\(gap.variable)=NAME])."
    }
}

/// What tables rest on: a harmonised variable, and whether a record holds a valid value of it.
struct TableNeed<Record>: Sendable {
    var tables: [String]
    /// What the variable gives the tables, in words.
    var title: String
    var variable: String
    /// Whether the tables are empty without it (otherwise they only lack the wave or quarter).
    var emptiesTables: Bool
    var valid: @Sendable (Record) -> Bool

    /// The gap in one wave's or quarter's `records`, read from `file`: none when a record holds
    /// a valid value (or there are no records). `gaps` are what the reader found absent;
    /// `source` names the variable in the file.
    func gap(unit: String, file: String, records: [Record], gaps: [VariableGap], source: String?) -> TableGap? {
        guard !records.isEmpty, !records.contains(where: valid) else { return nil }
        let found =
            gaps.first { $0.variable == variable }
            ?? VariableGap(
                variable: variable, source: source ?? variable, file: file, closest: [],
                rowsWithoutValue: records.count)
        return TableGap(tables: tables, title: title, empty: emptiesTables, unit: unit, gap: found)
    }
}
