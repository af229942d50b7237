import SurveyFiles

/// A command-line mapping that points a harmonised variable at another source:
/// `NAME=SOURCE` (a template, `{w}` the wave letter; a name without `{w}` is used
/// as it is in every wave) or `NAME@WAVE=SOURCE` (an exact name for one wave).
public struct SourceMapping: Sendable, Hashable {
    /// The harmonised variable.
    public var variable: String
    /// The wave, for a one-wave mapping.
    public var wave: Wave?
    /// The source name or template.
    public var source: String

    /// Parses `NAME=SOURCE` or `NAME@WAVE=SOURCE`.
    public init(parsing text: String) throws(SurveyError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SurveyError(.invalidSchema, file: "--map", reason: "'\(text)' is not NAME=SOURCE or NAME@WAVE=SOURCE")
        }
        let target = parts[0].split(separator: "@", maxSplits: 1).map(String.init)
        variable = target[0]
        source = parts[1]
        if target.count == 2 {
            guard let wave = Wave(target[1]) else {
                throw SurveyError(
                    .invalidSchema, file: "--map",
                    reason: "'\(target[1])' in '\(text)' is not a wave (use a letter or a number)")
            }
            self.wave = wave
        } else {
            wave = nil
        }
    }
}

extension Schema {
    /// The schema with `mappings` applied.
    ///
    /// - Throws: `SurveyError` when a mapping names a variable the schema lacks.
    public func applying(_ mappings: [SourceMapping]) throws(SurveyError) -> Schema {
        var schema = self
        for mapping in mappings {
            guard var variable = schema.variable(mapping.variable) else {
                throw SurveyError(
                    .invalidSchema, file: "--map", variable: mapping.variable,
                    reason:
                        "no such harmonised variable (have: \(schema.variables.map(\.name).joined(separator: ", ")))")
            }
            if let wave = mapping.wave {
                variable.names[wave.number] = mapping.source
                if let range = variable.waves, !range.contains(wave) {
                    variable.waves = WaveRange(
                        from: min(range.from, wave.number), to: range.to.map { max($0, wave.number) })
                }
            } else {
                variable.source = mapping.source
                variable.alternatives = []
                variable.derive = []
                variable.since = [:]
            }
            schema.upsert(variable)
        }
        if !mappings.isEmpty { schema.origins.append("--map") }
        return schema
    }
}
