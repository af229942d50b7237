import SurveyReports
import Testing

@Suite("cross-tab domain conditions")
struct CrossTabSpecTests {
    @Test("= , != , in with lists and ranges, negative codes; nonsense is refused")
    func parsing() throws {
        let eq = try #require(CrossTabSpec.Condition(parsing: "worker = 1"))
        #expect(eq.variable == "worker" && eq.values == [1] && !eq.negated)
        #expect(eq.holds(1) && !eq.holds(0) && !eq.holds(nil))
        let ne = try #require(CrossTabSpec.Condition(parsing: "jbstat != 3"))
        #expect(ne.negated && ne.holds(2) && !ne.holds(3) && !ne.holds(nil))
        let list = try #require(CrossTabSpec.Condition(parsing: "jbstat in 1, 2, -9"))
        #expect(list.values == [1, 2, -9])
        let range = try #require(CrossTabSpec.Condition(parsing: "age in 16-64"))
        #expect(range.values.count == 49 && range.holds(16) && range.holds(64) && !range.holds(65))
        #expect(CrossTabSpec.Condition(parsing: "age in 64-16") == nil)
        #expect(CrossTabSpec.Condition(parsing: "worker") == nil)
        #expect(CrossTabSpec.Condition(parsing: "worker = yes") == nil)
        #expect(CrossTabSpec.Condition(parsing: "two words = 1") == nil)
        #expect(range.description == "age in " + (16...64).map(String.init).joined(separator: ","))
    }
}
