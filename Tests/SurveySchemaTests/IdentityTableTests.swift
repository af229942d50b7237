import Testing

@testable import SurveySchema

@Suite("The one-row-per-person check's table of ids")
struct IdentityTableTests {
    @Test("the first line of every id met again, as a Dictionary says, over 200,000 ids from a narrow range")
    func sameAsADictionary() {
        var random = SystemRandomNumberGenerator()
        var table = IdentityTable()
        var oracle: [[Int]: Int] = [:]
        for line in 2..<200_002 {
            // Narrow ranges: many repeats, and ids differing only in their second part.
            let first = Int.random(in: -5_000...150_000, using: &random) * 1_000_003
            let second = Int.random(in: 0...1, using: &random)
            let earlier = table.insert(first, second, line: line)
            #expect(earlier == oracle[[first, second]])
            if oracle[[first, second]] == nil { oracle[[first, second]] = line }
        }
    }

    @Test("line 0 and negative ids are ids like any other; the table keeps the first line")
    func edges() {
        var table = IdentityTable()
        #expect(table.insert(0, 0, line: 0) == nil)
        #expect(table.insert(0, 0, line: 5) == 0)
        #expect(table.insert(-1, 0, line: 6) == nil)
        #expect(table.insert(0, -1, line: 7) == nil)
        #expect(table.insert(-1, 0, line: 8) == 6)
        #expect(table.insert(Int.min, Int.max, line: 9) == nil)
        #expect(table.insert(Int.min, Int.max, line: 10) == 9)
    }
}
