/// One harmonised variable: its name in ukpanel, where it comes from in each
/// wave's file, its type and codes, and how sure we are of it.
public struct HarmonisedVariable: Sendable, Hashable {
    /// The kind of value.
    public enum ValueType: String, Sendable, Hashable {
        /// An identifier (pidp, hidp): an integer that is never a missing code.
        case id
        /// A count or measure in whole numbers.
        case int
        /// A categorical code with labels.
        case code
        /// A decimal number (weights, distances).
        case number
        /// Text.
        case text
    }

    /// How sure we are of the source name and codes.
    public enum Confidence: String, Sendable, Hashable {
        case confirmed, likely, unverified
    }

    /// The harmonised name (`jbstat`, `weight_xs`).
    public var name: String
    /// What it is, in words.
    public var label: String
    /// Which of the schema's files it is read from (`indresp`).
    public var file: String
    /// The source name template: `{w}` is replaced by the wave letter.
    public var source: String
    /// From a wave on, another template (a variable renamed in a later wave).
    public var since: [Int: String]
    /// Exact names for single waves, by wave number.
    public var names: [Int: String]
    /// The waves the variable exists in; `nil` for all.
    public var waves: WaveRange?
    /// The type of value.
    public var type: ValueType
    /// Value labels for codes.
    public var codes: [Int: String]
    /// Whether `schema check` fails when it is absent.
    public var required: Bool
    /// How sure we are of it.
    public var confidence: Confidence
    /// A note for users (what to check).
    public var note: String?

    /// A variable read from `source` in every wave.
    public init(
        name: String, label: String = "", file: String = "indresp", source: String,
        since: [Int: String] = [:], names: [Int: String] = [:], waves: WaveRange? = nil,
        type: ValueType = .code, codes: [Int: String] = [:], required: Bool = false,
        confidence: Confidence = .confirmed, note: String? = nil
    ) {
        self.name = name
        self.label = label
        self.file = file
        self.source = source
        self.since = since
        self.names = names
        self.waves = waves
        self.type = type
        self.codes = codes
        self.required = required
        self.confidence = confidence
        self.note = note
    }

    /// The variable's name in `wave`'s file, or `nil` when it does not exist in that wave.
    public func sourceName(in wave: Wave) -> String? {
        if let waves, !waves.contains(wave) { return nil }
        if let exact = names[wave.number] { return exact }
        var template = source
        if let from = since.keys.filter({ $0 <= wave.number }).max(), let renamed = since[from] {
            template = renamed
        }
        return template.replacingWave(with: wave.letter)
    }
}

extension String {
    /// The template with `{w}` replaced by the wave letter.
    func replacingWave(with letter: String) -> String {
        guard contains("{w}") else { return self }
        return split(separator: "{w}", omittingEmptySubsequences: false).joined(separator: letter)
    }
}
