import Foundation

/// `variable` has one of `values` (or, when `negated`, none of them): the
/// conditions of cross-tab domains and of the schema's indicators. A variable
/// with no value never meets a condition.
public struct CodeCondition: Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var values: Set<Int>
    public var negated: Bool

    public init(variable: String, values: Set<Int>, negated: Bool = false) {
        self.variable = variable
        self.values = values
        self.negated = negated
    }

    /// The variable has a value, whatever it is.
    public static func hasValue(_ variable: String) -> CodeCondition {
        CodeCondition(variable: variable, values: [], negated: true)
    }

    /// Parses `worker = 1`, `jbstat != 3`, `jbstat in 1,2`, `age in 16-64`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let patterns: [(String, Bool)] = [("!=", true), (" in ", false), ("=", false)]
        for (op, negated) in patterns {
            guard let range = t.range(of: op) else { continue }
            let name = t[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let rhs = t[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(" "), let values = Self.values(rhs) else { return nil }
            self.init(variable: name, values: values, negated: negated)
            return
        }
        return nil
    }

    /// `1,2,5` or `16-64` or a mix; negative codes allowed (`-9`).
    static func values(_ text: String) -> Set<Int>? {
        var result = Set<Int>()
        for part in text.split(separator: ",") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if let v = Int(p) {
                result.insert(v)
                continue
            }
            // A range a-b (a may be negative: -9-3 is not allowed, keep ranges positive).
            let ends = p.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let a = Int(ends[0].trimmingCharacters(in: .whitespaces)),
                let b = Int(ends[1].trimmingCharacters(in: .whitespaces)), a <= b, b - a <= 10_000
            else { return nil }
            result.formUnion(a...b)
        }
        return result.isEmpty ? nil : result
    }

    /// Whether `value` meets the condition (a missing value never does).
    public func holds(_ value: Int32?) -> Bool {
        guard let value else { return false }
        return values.contains(Int(value)) != negated
    }

    public var description: String {
        if values.isEmpty && negated { return variable }
        let list = values.sorted().map(String.init).joined(separator: ",")
        return negated
            ? "\(variable) != \(list)" : values.count == 1 ? "\(variable) = \(list)" : "\(variable) in \(list)"
    }
}
