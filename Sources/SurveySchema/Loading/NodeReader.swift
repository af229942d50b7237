import SurveyFiles
import Yams

/// Reads schema fields out of YAML nodes, with errors that give the line.
struct NodeReader {
    let origin: String

    func line(_ node: Node?) -> Int? {
        node?.mark.map { $0.line }
    }

    func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, variable: String?) throws(SurveyError) {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(key), variable: variable,
                    reason: "unknown key '\(key.string ?? "?")' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// A mapping whose keys are integers (codes, wave numbers).
    func intKeyed(_ node: Node, variable: String?) throws(SurveyError) -> [Int: String] {
        guard let mapping = node.mapping else {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node), variable: variable,
                reason: "expected a mapping of codes")
        }
        var result: [Int: String] = [:]
        for (key, value) in mapping {
            guard let text = key.string, let code = Int(text) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(key), variable: variable,
                    reason: "'\(key.string ?? "?")' is not a whole number")
            }
            result[code] = value.string ?? ""
        }
        return result
    }

    /// A variable, new or changing an existing one.
    func variable(
        name: String, node: Node, existing: HarmonisedVariable?, codesets: [String: [Int: String]]
    ) throws(SurveyError) -> HarmonisedVariable {
        guard let mapping = node.mapping else {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node), variable: name,
                reason: "expected a mapping (source:, type:, …)")
        }
        try checkKeys(
            mapping,
            allowed: [
                "label", "file", "source", "since", "names", "waves", "type", "codes", "other_codes", "required",
                "confidence", "note", "derive",
            ],
            variable: name)
        var variable: HarmonisedVariable
        if let existing {
            variable = existing
        } else {
            guard mapping["source"] != nil || mapping["derive"] != nil else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "a new variable needs `source:` (or `derive:`)")
            }
            variable = HarmonisedVariable(name: name, source: "")
        }
        if let v = mapping["label"]?.string { variable.label = v }
        if let v = mapping["file"]?.string { variable.file = v }
        if let node = mapping["source"] {
            if let one = node.string {
                variable.source = one
                variable.alternatives = []
            } else if case .sequence(let list) = node, let first = list.first?.string {
                variable.source = first
                variable.alternatives = list.dropFirst().compactMap(\.string)
            } else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "source: must be a name or a list of names")
            }
            variable.derive = []
        }
        if let node = mapping["derive"] {
            variable.derive = try deriveSteps(node, variable: name)
            variable.source = ""
        }
        if let v = mapping["note"]?.string { variable.note = v }
        if let node = mapping["since"] {
            variable.since = try intKeyed(node, variable: name)
        }
        if let node = mapping["names"] {
            guard let pairs = node.mapping else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "names: expects wave: name pairs")
            }
            for (key, value) in pairs {
                guard let text = key.string, let wave = Wave(text), let exact = value.string else {
                    throw SurveyError(
                        .invalidSchema, file: origin, line: line(key), variable: name,
                        reason: "names: '\(key.string ?? "?")' is not a wave")
                }
                variable.names[wave.number] = exact
            }
        }
        if let node = mapping["waves"] {
            guard let text = node.string, let range = WaveRange(text) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "waves: '\(node.string ?? "")' is not a wave range (8-14, 9-, h-n)")
            }
            variable.waves = range
        }
        if let node = mapping["type"] {
            guard let text = node.string, let type = HarmonisedVariable.ValueType(rawValue: text) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "type: '\(node.string ?? "")' is not one of id, int, code, number, text")
            }
            variable.type = type
        }
        if let node = mapping["codes"] {
            if let setName = node.string {
                guard let set = codesets[setName] else {
                    throw SurveyError(
                        .invalidSchema, file: origin, line: line(node), variable: name,
                        reason: "codes: no codeset '\(setName)'")
                }
                variable.codes = set
            } else {
                variable.codes = try intKeyed(node, variable: name)
            }
        }
        if let node = mapping["other_codes"] {
            switch node.string {
            case "value": variable.codesComplete = false
            case "unknown_code": variable.codesComplete = true
            default:
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "other_codes: '\(node.string ?? "")' is not value or unknown_code",
                    hint: "unknown_code (the default): a code not under codes: is missing, counted and reported; "
                        + "value: codes: names only some codes, the others are values")
            }
        }
        if let node = mapping["required"] {
            guard let flag = node.bool else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "required: must be true or false")
            }
            variable.required = flag
        }
        if let node = mapping["confidence"] {
            guard let text = node.string, let confidence = HarmonisedVariable.Confidence(rawValue: text) else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(node), variable: name,
                    reason: "confidence: must be confirmed, likely or unverified")
            }
            variable.confidence = confidence
        }
        return variable
    }

    /// `derive:` — a list of `{from: NAME, floor: true, map: {code: code}}`.
    func deriveSteps(_ node: Node, variable: String) throws(SurveyError) -> [DeriveStep] {
        guard case .sequence(let list) = node, !list.isEmpty else {
            throw SurveyError(
                .invalidSchema, file: origin, line: line(node), variable: variable,
                reason: "derive: must be a list of steps (from:, map:)")
        }
        var steps: [DeriveStep] = []
        for item in list {
            guard let step = item.mapping, let from = step["from"]?.string, let mapNode = step["map"] else {
                throw SurveyError(
                    .invalidSchema, file: origin, line: line(item), variable: variable,
                    reason: "a derive step needs from: and map:")
            }
            try checkKeys(step, allowed: ["from", "floor", "map"], variable: variable)
            var map: [Int: Int] = [:]
            for (code, value) in try intKeyed(mapNode, variable: variable) {
                guard let target = Int(value) else {
                    throw SurveyError(
                        .invalidSchema, file: origin, line: line(mapNode), variable: variable,
                        reason: "derive map: '\(value)' is not a whole number")
                }
                map[code] = target
            }
            steps.append(DeriveStep(from: from, floor: step["floor"]?.bool ?? false, map: map))
        }
        return steps
    }
}
