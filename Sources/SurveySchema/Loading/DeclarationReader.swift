import SurveyFiles
import Yams

/// Reads a schema's `design:` and `indicators:` sections, and checks that every
/// name they use is declared.
extension NodeReader {
    /// The `design:` mapping over `existing` (a user's file may change any key).
    func design(_ node: Node, existing: SampleDesign?) throws(SurveyError) -> SampleDesign {
        guard let mapping = node.mapping else {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node),
                reason:
                    "design: must be a mapping (persons:, id:, weight:, weights:, strata:, psu:, interview_year:, interview_month:)"
            )
        }
        try checkKeys(
            mapping,
            allowed: ["persons", "id", "weight", "weights", "strata", "psu", "interview_year", "interview_month"],
            variable: nil)
        var design = existing ?? SampleDesign(persons: "")
        func text(_ key: String) -> String?? {
            guard let value = mapping[key] else { return nil }
            let s = value.string ?? ""
            return .some(s.isEmpty || s == "none" ? nil : s)
        }
        if let v = text("persons") { design.persons = v ?? "" }
        if let node = mapping["id"] {
            let names = node.sequence.map { $0.compactMap(\.string) } ?? node.string.map { [$0] } ?? []
            guard !names.isEmpty, names.count <= 2 else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node),
                    reason: "design: id: names the one or two variables that identify a person in the person file")
            }
            design.id = names
        }
        if let v = text("weight") { design.weight = v }
        if let v = text("strata") { design.strata = v }
        if let v = text("psu") { design.psu = v }
        if let v = text("interview_year") { design.interviewYear = v }
        if let v = text("interview_month") { design.interviewMonth = v }
        if let node = mapping["weights"] {
            guard let uses = node.mapping else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node),
                    reason: "design: weights: maps each weight to the analyses it is for (weight_xs: one wave's cross-section)")
            }
            design.weights = uses.map { key, value in
                SampleDesign.WeightUse(name: key.string ?? "", use: value.string ?? "")
            }
        }
        return design
    }

    /// One entry of `indicators:`.
    func indicator(name: String, node: Node, existing: Indicator?) throws(SurveyError) -> Indicator {
        guard let mapping = node.mapping else {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node), variable: name,
                reason: "an indicator is a mapping (label:, all:, any:, known_when:)")
        }
        try checkKeys(mapping, allowed: ["label", "all", "any", "known_when"], variable: name)
        var indicator = existing ?? Indicator(name: name, label: name)
        if let label = mapping["label"]?.string { indicator.label = label }
        func conditions(_ key: String, bareNames: Bool) throws(SurveyError) -> [CodeCondition]? {
            guard let node = mapping[key] else { return nil }
            guard let items = node.sequence else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "\(key): must be a list of conditions ([jbhas = 1, jspl in 1-2])")
            }
            var result: [CodeCondition] = []
            for item in items {
                let text = item.string ?? ""
                if let c = CodeCondition(parsing: text) {
                    result.append(c)
                } else if bareNames, !text.isEmpty, !text.contains(" ") {
                    result.append(.hasValue(text))
                } else {
                    throw SurveyError(
                        .invalidSchema, file: origin, line: line(item), variable: name,
                        reason:
                            "\(key): '\(text)' is not a condition (NAME = 1, NAME != 3, NAME in 1,2 or NAME in 1-3\(bareNames ? ", or a bare NAME: has a value" : ""))"
                    )
                }
            }
            return result
        }
        if let all = try conditions("all", bareNames: false) { indicator.all = all }
        if let any = try conditions("any", bareNames: false) { indicator.any = any }
        if let known = try conditions("known_when", bareNames: true) { indicator.knownWhen = known }
        if indicator.all.isEmpty && indicator.any.isEmpty {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node), variable: name,
                reason: "an indicator needs conditions under all: or any:")
        }
        return indicator
    }
}

extension Schema {
    /// Checks the design and the indicators against the variables: every name they use must be a variable of
    /// the person file (or, for an indicator, one declared before it).
    func checkDeclarations(origin: String) throws(SurveyError) {
        guard files[design.persons] != nil else {
            throw SurveyError(
                .invalidSchema, file: origin, variable: "design",
                reason:
                    "persons: '\(design.persons)' is not a file role of the schema (have: \(files.keys.sorted().joined(separator: ", ")))"
            )
        }
        let personNames = Set(personVariables.map(\.name))
        for (key, name) in design.named {
            guard let name else { continue }
            guard personNames.contains(name) else {
                throw SurveyError(
                    .invalidSchema, file: origin, variable: "design",
                    reason: "\(key): '\(name)' is not a variable of the \(design.persons) file",
                    hint: ClosestNames.hint(for: name, in: Array(personNames)))
            }
        }
        guard indicators.count <= Indicator.limit else {
            throw SurveyError(
                .invalidSchema, file: origin, variable: "indicators",
                reason: "\(indicators.count) indicators declared; at most \(Indicator.limit)")
        }
        var earlier = Set<String>()
        for indicator in indicators {
            if personNames.contains(indicator.name) {
                throw SurveyError(
                    .invalidSchema, file: origin, variable: indicator.name,
                    reason: "an indicator cannot share its name with a variable")
            }
            for c in indicator.conditions where !personNames.contains(c.variable) && !earlier.contains(c.variable) {
                throw SurveyError(
                    .invalidSchema, file: origin, variable: indicator.name,
                    reason:
                        "uses '\(c.variable)', which is neither a variable of the \(design.persons) file nor an indicator declared before it",
                    hint: ClosestNames.hint(for: c.variable, in: Array(personNames) + Array(earlier)))
            }
            earlier.insert(indicator.name)
        }
    }
}
