/// One decoded cell of a harmonised variable.
public enum HarmonisedValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case number(Double)
    case text(String)
    case missing(MissingReason)

    /// The value as an `Observed<Int>` (a decimal with no fraction counts as an integer).
    public var intObserved: Observed<Int> {
        switch self {
        case .int(let v): return .value(v)
        case .number(let v): return v.rounded() == v && abs(v) < 1e15 ? .value(Int(v)) : .missing(.missing)
        case .text: return .missing(.missing)
        case .missing(let reason): return .missing(reason)
        }
    }

    /// The value as an `Observed<Double>`.
    public var numberObserved: Observed<Double> {
        switch self {
        case .int(let v): return .value(Double(v))
        case .number(let v): return .value(v)
        case .text: return .missing(.missing)
        case .missing(let reason): return .missing(reason)
        }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .number(let v): return String(v)
        case .text(let v): return v
        case .missing(let reason): return "<\(reason.rawValue)>"
        }
    }
}
