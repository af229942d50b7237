import SurveySchema

/// What an export's dictionary says about its design columns: which weight goes with which analysis
/// (the schema's `design: weights:`), the strata and PSUs, and how to declare the design in R's
/// `survey` and Stata's `svyset`, including what to do with a stratum that holds a single PSU.
public enum DesignNotes {
    /// The notes for `schema`'s person files on the design variables among `present` (harmonised
    /// names); `column` gives a design variable's column name in the export (`weight_xs_to`, or
    /// `weight_xs_wN` with `perWave`).
    public static func notes(
        _ schema: Schema, present: [String], column: (String) -> String = { $0 }, perWave: Bool = false
    ) -> [(key: String, text: String)] {
        let design = schema.design
        let has = Set(present)
        var notes: [(key: String, text: String)] = []
        let weights = design.weightUses.filter { has.contains($0.name) }
        if !weights.isEmpty {
            var text = weights.map { "\(column($0.name)): \($0.use)" }.joined(separator: ". ") + "."
            if perWave { text += " Each wave N has its own (NAME_wN): use the wave's." }
            notes.append(("(weights)", text))
        }
        guard let weightName = design.weight.flatMap({ has.contains($0) ? $0 : nil }) ?? weights.first?.name,
            let psuName = design.psu, has.contains(psuName)
        else { return notes }
        let weight = column(weightName)
        let psu = column(psuName)
        var text: String
        if let strata = design.strata.flatMap({ has.contains($0) ? column($0) : nil }) {
            text =
                "The design: strata in \(strata), primary sampling units in \(psu) (standard errors by Taylor linearisation). "
                + "In R: svydesign(ids = ~\(psu), strata = ~\(strata), weights = ~\(weight), data = d, nest = TRUE); "
                + "in Stata: svyset \(psu) [pweight = \(weight)], strata(\(strata)) singleunit(centered). "
                + "Some strata hold a single PSU (more so in a subset of the rows): in R set "
                + "options(survey.lonely.psu = \"adjust\") first; Stata's singleunit(centered) does the same."
        } else {
            text =
                "The design: no strata; the clusters are in \(psu) (standard errors by Taylor linearisation). "
                + "In R: svydesign(ids = ~\(psu), weights = ~\(weight), data = d); "
                + "in Stata: svyset \(psu) [pweight = \(weight)]. A subset holding a single cluster needs "
                + "options(survey.lonely.psu = \"adjust\") in R, singleunit(centered) in Stata."
        }
        if perWave { text += " Use one wave's columns (NAME_wN) for a cross-section of that wave." }
        notes.append(("(design)", text))
        return notes
    }
}
