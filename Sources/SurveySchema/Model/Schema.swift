import SurveyFiles

/// A survey's schema: its files, missing codes and harmonised variables,
/// loaded from `schemas/NAME.yaml` (built in) and optionally extended by a
/// user's schema file and `--map` mappings.
public struct Schema: Sendable {
    /// The survey's short name (`ukhls`).
    public var survey: String
    /// Its full title.
    public var title: String
    /// The waves the schema is written for; discovery finds later ones too.
    public var waves: WaveRange
    /// File name templates by role (`indresp` → `{w}_indresp`).
    public var files: [String: String]
    /// Missing codes and their reasons.
    public var missingCodes: [Int: MissingReason]
    /// The harmonised variables, in schema order.
    public private(set) var variables: [HarmonisedVariable]
    /// The sample design and the person file (`design:`).
    public var design: SampleDesign
    /// Indicators derived from several variables, in declaration order (`indicators:`).
    public private(set) var indicators: [Indicator]
    /// Where the schema came from (the files, in the order they were applied).
    public var origins: [String]

    /// A schema from its parts.
    public init(
        survey: String, title: String, waves: WaveRange, files: [String: String],
        missingCodes: [Int: MissingReason], variables: [HarmonisedVariable], origins: [String],
        design: SampleDesign, indicators: [Indicator] = []
    ) {
        self.design = design
        self.indicators = indicators
        self.survey = survey
        self.title = title
        self.waves = waves
        self.files = files
        self.missingCodes = missingCodes
        self.variables = variables
        self.origins = origins
    }

    /// The variable named `name`.
    public func variable(_ name: String) -> HarmonisedVariable? {
        variables.first { $0.name == name }
    }

    /// Adds `variable`, or replaces the one of the same name.
    public mutating func upsert(_ variable: HarmonisedVariable) {
        if let i = variables.firstIndex(where: { $0.name == variable.name }) {
            variables[i] = variable
        } else {
            variables.append(variable)
        }
    }

    /// Adds `indicator`, or replaces the one of the same name (keeping its place).
    public mutating func upsert(_ indicator: Indicator) {
        if let i = indicators.firstIndex(where: { $0.name == indicator.name }) {
            indicators[i] = indicator
        } else {
            indicators.append(indicator)
        }
    }

    /// The key of the indicator `name`.
    ///
    /// - Throws: `.missingVariable` naming `user` (what needs it) and the indicators the schema declares.
    public func indicatorKey(_ name: String, neededBy user: String) throws(SurveyError) -> IndicatorKey {
        guard let index = indicators.firstIndex(where: { $0.name == name }) else {
            throw SurveyError(
                .missingVariable, file: origins.last ?? "schema", variable: name,
                reason: "\(user) needs the indicator '\(name)', which the \(survey) schema does not declare",
                hint:
                    "declared: \(indicators.map(\.name).joined(separator: ", ")); add it under indicators: in a --schema file"
            )
        }
        return IndicatorKey(index: index, name: name)
    }

    /// Every declared indicator's key, by name.
    public var indicatorKeys: [String: IndicatorKey] {
        var keys: [String: IndicatorKey] = [:]
        for (i, indicator) in indicators.enumerated() {
            keys[indicator.name] = IndicatorKey(index: i, name: indicator.name)
        }
        return keys
    }

    /// The person file's variables (`design.persons`).
    public var personVariables: [HarmonisedVariable] { variables(in: design.persons) }

    /// The variables read from the file with role `file` (`indresp`).
    public func variables(in file: String) -> [HarmonisedVariable] {
        variables.filter { $0.file == file }
    }

    /// The file name stem of role `file` in `wave` (`h_indresp`).
    public func fileStem(_ file: String, wave: Wave) -> String? {
        files[file]?.replacingWave(with: wave.letter)
    }
}
