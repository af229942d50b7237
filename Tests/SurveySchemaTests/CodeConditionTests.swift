import SurveySchema
import Testing

@Suite("code conditions (cross-tab domains, schema indicators)")
struct CodeConditionTests {
    @Test("= , != , in with lists and ranges, negative codes; nonsense is refused")
    func parsing() throws {
        let eq = try #require(CodeCondition(parsing: "worker = 1"))
        #expect(eq.variable == "worker" && eq.values == [1] && !eq.negated)
        #expect(eq.holds(1) && !eq.holds(0) && !eq.holds(nil))
        let ne = try #require(CodeCondition(parsing: "jbstat != 3"))
        #expect(ne.negated && ne.holds(2) && !ne.holds(3) && !ne.holds(nil))
        let list = try #require(CodeCondition(parsing: "jbstat in 1, 2, -9"))
        #expect(list.values == [1, 2, -9])
        let range = try #require(CodeCondition(parsing: "age in 16-64"))
        #expect(range.values.count == 49 && range.holds(16) && range.holds(64) && !range.holds(65))
        #expect(CodeCondition(parsing: "age in 64-16") == nil)
        #expect(CodeCondition(parsing: "worker") == nil)
        #expect(CodeCondition(parsing: "worker = yes") == nil)
        #expect(CodeCondition(parsing: "two words = 1") == nil)
        #expect(range.description == "age in " + (16...64).map(String.init).joined(separator: ","))
    }
}
