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
    /// The source name template: `{w}` is replaced by the wave letter, `{vintage}` by
    /// the file's weighting vintage (two digits), and `?` matches any one character.
    /// Empty for a derived variable.
    public var source: String
    /// Further templates tried in order when `source` is not in the file (an LFS
    /// variable renamed across years: NSECMJ20, NSECMJ10, NSECMMJ).
    public var alternatives: [String] = []
    /// For a derived variable: its value from other variables, the first step that gives one.
    public var derive: [DeriveStep] = []
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
    /// Whether `codes` lists every code the variable takes (the default): a code outside the list
    /// is then no value but the missing reason `unknown_code`, counted and reported. `false` when
    /// the list names only the codes analyses use (schema: `other_codes: value`).
    public var codesComplete = true
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

    /// Whether the variable is computed from others rather than read.
    public var isDerived: Bool { !derive.isEmpty }

    /// The variable's name in `wave`'s file, or `nil` when it does not exist in that wave.
    public func sourceName(in wave: Wave) -> String? {
        sourceCandidates(in: SourceContext(wave: wave))?.first
    }

    /// The names to look for, in order, in the file described by `context`; `nil`
    /// when the variable does not exist there (or is derived).
    public func sourceCandidates(in context: SourceContext) -> [String]? {
        guard !isDerived else { return nil }
        if let ordinal = context.ordinal {
            if let waves, !(ordinal >= waves.from && (waves.to.map { ordinal <= $0 } ?? true)) { return nil }
            if let exact = names[ordinal] { return [exact] }
        }
        var template = source
        if let ordinal = context.ordinal, let from = since.keys.filter({ $0 <= ordinal }).max(),
            let renamed = since[from]
        {
            template = renamed
        }
        return ([template] + alternatives).map { context.fill($0) }
    }
}

/// One way of deriving a value: take variable `from`, optionally round a decimal
/// code down (`3.1` → 3), and look it up in `map`. A value not in `map` is missing
/// (`not_classified`); a missing `from` passes its reason on.
public struct DeriveStep: Sendable, Hashable {
    /// The harmonised variable read.
    public var from: String
    /// Round down first (operational NS-SEC codes such as 3.1).
    public var floor: Bool
    /// Source value → derived value.
    public var map: [Int: Int]

    /// A step from `from` through `map`.
    public init(from: String, floor: Bool = false, map: [Int: Int]) {
        self.from = from
        self.floor = floor
        self.map = map
    }
}

/// What fills a source-name template for one file.
public struct SourceContext: Sendable, Hashable {
    /// The file's place in time, for `since:`, `names:` and `waves:` (a wave number); `nil` when not ordered.
    public var ordinal: Int?
    /// Placeholder values: `w` the wave letter, `vintage` the weighting vintage.
    public var values: [String: String]

    /// A context with explicit values.
    public init(ordinal: Int?, values: [String: String]) {
        self.ordinal = ordinal
        self.values = values
    }

    /// A UKHLS wave: `{w}` is its letter.
    public init(wave: Wave) {
        self.init(ordinal: wave.number, values: ["w": wave.letter])
    }

    /// `template` with every `{name}` replaced; an unknown placeholder becomes `??` (any two characters).
    public func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            result += values[key] ?? "??"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

extension String {
    /// The template with `{w}` replaced by the wave letter.
    func replacingWave(with letter: String) -> String {
        guard contains("{w}") else { return self }
        return split(separator: "{w}", omittingEmptySubsequences: false).joined(separator: letter)
    }
}
