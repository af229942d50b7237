import Testing

@testable import SurveyPanel

@Suite("A frame's domains found from its rows listed by value")
struct FrameRowIndexTests {
    /// A frame of `n` rows: `small` (codes -1…8), `wide` (a span past `FrameRowIndex.maximumSpan`),
    /// `flag` (0/1), `constant` (7).
    static func frame(_ n: Int, using random: inout some RandomNumberGenerator) -> EstimationFrame {
        var frame = EstimationFrame(name: "f", columns: ["small", "wide", "flag", "constant"])
        for _ in 0..<n {
            frame.append(
                weight: 1, stratum: 1, psu: 1,
                row: [
                    Int32.random(in: -1...8, using: &random), Int32.random(in: -50_000...50_000, using: &random)
                        / 1000 * 1000, Int32.random(in: 0...1, using: &random), 7,
                ])
        }
        return frame
    }

    /// The rows meeting every condition, by a plain loop over the frame's values.
    static func meeting(_ conditions: [Condition], in frame: EstimationFrame, among rows: [Int32]? = nil) -> [Int32] {
        (rows ?? (0..<Int32(frame.count)).map { $0 }).filter { row in
            conditions.allSatisfy { c in frame.column(c.column).map { $0[Int(row)] == c.value } ?? false }
        }
    }

    @Test("the same rows, in ascending order, as a loop over every row, for random domains and events")
    func sameRowsAsALoop() {
        var random = SystemRandomNumberGenerator()
        for n in [0, 1, 5, 300, 5000] {
            let frame = Self.frame(n, using: &random)
            let index = FrameRowIndex(frame)
            let frameRows = frame.column("wide") ?? []
            for _ in 0..<60 {
                func condition() -> Condition {
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: return Condition("small", Int32.random(in: -2...9, using: &random))
                    case 1:
                        return Condition(
                            "wide", frameRows.randomElement(using: &random) ?? Int32.random(in: 0...9, using: &random))
                    case 2: return Condition("flag", Int32.random(in: 0...1, using: &random))
                    default: return Condition("constant", Int32.random(in: 6...7, using: &random))
                    }
                }
                let domain = (0..<Int.random(in: 0...3, using: &random)).map { _ in condition() }
                let event = (0..<Int.random(in: 0...2, using: &random)).map { _ in condition() }
                let expectedDomain = Self.meeting(domain, in: frame)
                let expectedEvent = Self.meeting(event, in: frame, among: expectedDomain)
                let listed = index.rows(domain: domain, event: event)
                #expect(listed.domain == expectedDomain, "domain \(domain)")
                #expect(listed.event == expectedEvent, "domain \(domain), event \(event)")
                let scanned = frame.rows(domain: domain, event: event)
                #expect(scanned.domain == expectedDomain && scanned.event == expectedEvent)
            }
        }
    }

    @Test("a condition on a column the frame lacks holds nowhere; values outside a column's range match nothing")
    func absentColumnsAndValues() {
        var frame = EstimationFrame(name: "f", columns: ["a", "b"])
        for (a, b) in [(1, 5), (2, 5), (1, 6), (3, 5)] {
            frame.append(weight: 1, stratum: 1, psu: 1, row: [Int32(a), Int32(b)])
        }
        let index = FrameRowIndex(frame)
        #expect(index.rows(domain: [Condition("z", 1)], event: []).domain.isEmpty)
        #expect(index.rows(domain: [Condition("a", 1)], event: [Condition("z", 1)]) == ([], []))
        #expect(index.rows(domain: [Condition("a", 9)], event: []).domain.isEmpty)
        #expect(index.rows(domain: [Condition("a", -4)], event: []).domain.isEmpty)
        let r = index.rows(domain: [Condition("b", 5)], event: [Condition("a", 1)])
        #expect(r.domain == [0, 1, 3] && r.event == [0])
        #expect(index.rows(domain: [], event: [Condition("b", 6)]) == ([0, 1, 2, 3], [2]))
    }

    @Test("frames put end to end keep every column's values in order")
    func appendingFrames() {
        var a = EstimationFrame(name: "a", columns: ["x", "y"])
        a.append(weight: 2, stratum: 1, psu: 3, row: [1, 2])
        var b = EstimationFrame(name: "b", columns: ["x", "y"])
        b.append(weight: 5, stratum: 4, psu: 6, row: [7, 8])
        b.append(weight: 9, stratum: 10, psu: 11, row: [12, 13])
        a.reserveCapacity(3)
        a.append(contentsOf: b)
        #expect(a.weights == [2, 5, 9] && a.strata == [1, 4, 10] && a.psus == [3, 6, 11])
        #expect(a.column("x") == [1, 7, 12] && a.column("y") == [2, 8, 13])
    }
}
