import SurveyPanel
import SurveySchema

/// The variables the LFS tables rest on, checked against what was read.
enum LFSGaps {
    static let homeWorking: [TableNeed<LFSPerson>] = [
        TableNeed(
            tables: ["the tables"], title: "where people work (HOME)", variable: "home", emptiesTables: false,
            valid: { $0.home.value != nil }),
        TableNeed(
            tables: ["tables by NS-SEC class"], title: "class of the main job", variable: "nssec_major",
            emptiesTables: false,
            valid: { $0.nssec5.value != nil }),
        TableNeed(
            tables: ["tables by region"], title: "region of residence", variable: "region", emptiesTables: false,
            valid: { $0.region.value != nil }),
    ]

    static let transitions: [TableNeed<LFSHistory>] = [
        TableNeed(
            tables: ["home-based in both", "stays home-based", "becomes home-based"],
            title: "where people work (HOME1…)", variable: "long_home", emptiesTables: false,
            valid: { $0.quarters.contains { $0.home.value != nil } }),
        TableNeed(
            tables: ["changes class"], title: "NS-SEC class (NSECMJ…1…)", variable: "long_nssec_major",
            emptiesTables: false, valid: { $0.quarters.contains { $0.nssec5.value != nil } }),
    ]

    /// The name (or names, in order) looked for in a file of vintage `vintage`.
    static func source(of variable: String, in schema: Schema, vintage: String?, quarter: Int? = nil) -> String? {
        var values: [String: String] = [:]
        if let vintage { values["vintage"] = vintage }
        if let quarter { values["q"] = String(quarter) }
        return schema.variable(variable)?.sourceCandidates(in: SourceContext(ordinal: nil, values: values))?
            .joined(separator: " or ")
    }

    /// The gaps of each quarter of `quarters` for `tables lfs-wfh`.
    static func find(in quarters: LFSQuarters) -> [TableGap] {
        homeWorking.flatMap { need in
            quarters.periods.compactMap { period -> TableGap? in
                guard let records = quarters.quarters[period], let file = quarters.files[period] else { return nil }
                return need.gap(
                    unit: period.description, file: file.input.description, records: records,
                    gaps: quarters.gaps[period] ?? [],
                    source: source(of: need.variable, in: quarters.schema, vintage: file.vintage))
            }
        }
    }

    /// The gaps of each longitudinal dataset for `tables lfs-transitions`.
    static func find(in datasets: [LFSLongitudinalData]) -> [TableGap] {
        transitions.flatMap { need in
            datasets.compactMap { data in
                need.gap(
                    unit: LFSTables.datasetName(data.file), file: data.file.input.description,
                    records: data.histories, gaps: data.gaps,
                    source: source(of: need.variable, in: data.schema, vintage: data.file.vintage, quarter: 1))
            }
        }
    }
}
