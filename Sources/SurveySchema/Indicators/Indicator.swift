/// An indicator derived from several variables (0 or 1), declared in the schema
/// (`indicators:`): 1 when every `all` condition holds and, when there are `any`
/// conditions, at least one of them; missing unless every `knownWhen` condition
/// holds. Conditions name harmonised variables of the person file or indicators
/// declared before this one.
public struct Indicator: Sendable, Equatable {
    public var name: String
    public var label: String
    public var all: [CodeCondition]
    public var any: [CodeCondition]
    public var knownWhen: [CodeCondition]

    public init(
        name: String, label: String, all: [CodeCondition] = [], any: [CodeCondition] = [],
        knownWhen: [CodeCondition] = []
    ) {
        self.name = name
        self.label = label
        self.all = all
        self.any = any
        self.knownWhen = knownWhen
    }

    /// Every condition, for checking the names they use.
    var conditions: [CodeCondition] { all + any + knownWhen }

    /// The most indicators a schema may declare (they are held as bits of a record).
    public static let limit = 64
}

/// Where an indicator's value sits in an `IndicatorValues`: resolved once from the
/// schema by name, then read per record without a lookup.
public struct IndicatorKey: Sendable, Hashable {
    /// The indicator's position in the schema's declarations.
    public let index: Int
    /// Its name.
    public let name: String
}

/// A record's indicators, as bits: whether each is known, and whether it is 1.
public struct IndicatorValues: Sendable, Hashable {
    var known: UInt64 = 0
    var ones: UInt64 = 0

    /// No indicator known.
    public init() {}

    /// The indicator's value: `true` (1), `false` (0), or `nil` when it is missing.
    @inline(__always)
    public subscript(_ key: IndicatorKey) -> Bool? {
        self[key.index]
    }

    @inline(__always)
    subscript(_ index: Int) -> Bool? {
        let bit = UInt64(1) << UInt64(index)
        return known & bit == 0 ? nil : ones & bit != 0
    }

    /// The indicator as a code, 1 or 0, or `nil` when missing.
    @inline(__always)
    public func code(_ key: IndicatorKey) -> Int32? {
        self[key].map { $0 ? 1 : 0 }
    }

    /// Whether the indicator is 1 (a missing one is not).
    @inline(__always)
    public func isSet(_ key: IndicatorKey) -> Bool { self[key] == true }

    mutating func set(_ index: Int, _ value: Bool?) {
        let bit = UInt64(1) << UInt64(index)
        guard let value else { return }
        known |= bit
        if value { ones |= bit }
    }
}
