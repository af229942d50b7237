import SurveyFiles
import SurveySchema
import Testing

@Suite("Waves and their letters")
struct WaveTests {
    @Test func lettersFollowNumbers() {
        #expect(Wave(number: 8)?.letter == "h")
        #expect(Wave(number: 14)?.letter == "n")
        #expect(Wave(number: 15)?.letter == "o")
        #expect(Wave(letter: "N")?.number == 14)
        #expect(Wave("12")?.letter == "l")
        #expect(Wave(number: 0) == nil)
        #expect(Wave(letter: "hh") == nil)
    }

    @Test func lists() throws {
        #expect(try Wave.parseList("h-n").map(\.number) == Array(8...14))
        #expect(try Wave.parseList("8-10,14").map(\.letter) == ["h", "i", "j", "n"])
        #expect(throws: SurveyError.self) { try Wave.parseList("n-h") }
        #expect(throws: SurveyError.self) { try Wave.parseList("x1") }
    }

    @Test func ranges() throws {
        let open = try #require(WaveRange("9-"))
        #expect(!open.contains(Wave(number: 8)!) && open.contains(Wave(number: 15)!))
        let closed = try #require(WaveRange("h-m"))
        #expect(closed.from == 8 && closed.to == 13)
        #expect(WaveRange("14")?.to == 14)
        #expect(WaveRange("n-h") == nil)
    }
}
