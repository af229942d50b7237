/// A schema's indicators compiled against one file's decoded values: every
/// condition's variable resolved to a position once, so evaluating a row is a
/// few integer comparisons, with no lookup or allocation.
public struct IndicatorProgram: Sendable {
    /// Where a condition's value comes from.
    enum Source: Sendable {
        case value(Int)
        case indicator(Int)
        case absent
    }

    struct Test: Sendable {
        let source: Source
        /// The codes, sorted (few: a linear scan beats hashing).
        let values: [Int]
        let negated: Bool
    }

    struct Compiled: Sendable {
        let all: [Test]
        let any: [Test]
        let knownWhen: [Test]
    }

    private let compiled: [Compiled]

    /// No indicators.
    public static let empty = IndicatorProgram(compiled: [])

    private init(compiled: [Compiled]) { self.compiled = compiled }

    /// `indicators` compiled with `position` giving each harmonised name's place in a row's values
    /// (`nil`: not in the file, so a condition on it never holds).
    public init(_ indicators: [Indicator], position: (String) -> Int?) {
        var index: [String: Int] = [:]
        var compiled: [Compiled] = []
        for (k, indicator) in indicators.enumerated() {
            func test(_ c: CodeCondition) -> Test {
                let source: Source =
                    index[c.variable].map { .indicator($0) } ?? position(c.variable).map { .value($0) } ?? .absent
                return Test(source: source, values: c.values.sorted(), negated: c.negated)
            }
            compiled.append(
                Compiled(
                    all: indicator.all.map(test), any: indicator.any.map(test), knownWhen: indicator.knownWhen.map(test)
                ))
            index[indicator.name] = k
        }
        self.compiled = compiled
    }

    /// The indicators of one row.
    public func evaluate(_ values: [HarmonisedValue]) -> IndicatorValues {
        var result = IndicatorValues()
        for (k, c) in compiled.enumerated() {
            var known = true
            for t in c.knownWhen where !holds(t, values, result) {
                known = false
                break
            }
            guard known else { continue }
            var one = true
            for t in c.all where !holds(t, values, result) {
                one = false
                break
            }
            if one && !c.any.isEmpty {
                one = false
                for t in c.any where holds(t, values, result) {
                    one = true
                    break
                }
            }
            result.set(k, one)
        }
        return result
    }

    @inline(__always)
    private func holds(_ t: Test, _ values: [HarmonisedValue], _ earlier: IndicatorValues) -> Bool {
        let code: Int?
        switch t.source {
        case .absent: return false
        case .indicator(let i): code = earlier[i].map { $0 ? 1 : 0 }
        case .value(let p): code = values[p].intObserved.value
        }
        guard let code else { return false }
        return t.values.contains(code) != t.negated
    }
}
