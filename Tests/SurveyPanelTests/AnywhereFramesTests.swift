import Foundation
import SurveyFiles
import Testing

@testable import SurveyPanel

@Suite("The Anywhere Jobs frames' groupings, deciles and occupation tables, by hand")
struct AnywhereFramesTests {
    @Test("family groups: heads and partners by FUTYPE6; sons and daughters apart (by RELHFU, else age 18 or under)")
    func familyGroups() {
        // Married couple with dependent children: the head and partner are parents; a child is a child.
        #expect(AnywhereFrames.familyGroup(6, relationship: 1, age: 40) == 3)
        #expect(AnywhereFrames.familyGroup(6, relationship: 2, age: 38) == 3)
        #expect(AnywhereFrames.familyGroup(6, relationship: 3, age: 17) == 7)
        // An adult son in a couple family with non-dependent children only.
        #expect(AnywhereFrames.familyGroup(5, relationship: 3, age: 24) == 7)
        #expect(AnywhereFrames.familyGroup(5, relationship: 1, age: 55) == 4)
        // Without RELHFU, age decides.
        #expect(AnywhereFrames.familyGroup(9, relationship: nil, age: 18) == 7)
        #expect(AnywhereFrames.familyGroup(9, relationship: nil, age: 19) == 3)
        #expect(AnywhereFrames.familyGroup(1, relationship: 1, age: 30) == 1)
        #expect(AnywhereFrames.familyGroup(12, relationship: 1, age: 30) == 5)
        #expect(AnywhereFrames.familyGroup(13, relationship: 1, age: 60) == 6)
        #expect(AnywhereFrames.familyGroup(3, relationship: 1, age: 30) == nil)
        #expect(AnywhereFrames.ageBand(15) == nil && AnywhereFrames.ageBand(16) == 1 && AnywhereFrames.ageBand(25) == 2)
        #expect(AnywhereFrames.ageBand(34) == 2 && AnywhereFrames.ageBand(35) == 3 && AnywhereFrames.ageBand(65) == 5)
    }

    @Test("weighted deciles: the smallest value at or above each tenth of the weight")
    func deciles() {
        // 1…20, weight 1 each: tenths at 2, 4, …, 20.
        #expect(AnywhereFrames.deciles((1...20).map { (Double($0), 1) }) == stride(from: 2.0, through: 20, by: 2).map { $0 })
        // One heavy value holds half the weight: it bounds the first five deciles.
        let heavy = [(10.0, 10.0)] + (1...10).map { (Double(100 + $0), 1.0) }
        #expect(AnywhereFrames.deciles(heavy) == [10, 10, 10, 10, 10, 102, 104, 106, 108, 110])
        #expect(AnywhereFrames.deciles([]).isEmpty)
    }

    @Test("an occupations table: quoted commas, a byte-order mark, CRLF; stray quotes and bad flags located")
    func occupationTable() throws {
        let folder = NSTemporaryDirectory() + "ukpanel-occ-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let good = folder + "/good.csv"
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array("soc2010,title,anywhere\r\n2136,\"Programmers, \"\"software\"\"\",1\r\n2137,Web,0\r\n1115,Chiefs,\r\n".utf8))
            .write(to: URL(fileURLWithPath: good))
        let table = try OccupationTable.read(DataInput(path: good))
        #expect(table.classification == "soc2010" && table.anywhere == [2136: true, 2137: false])
        let stray = folder + "/stray.csv"
        try Data("soc2010,title,anywhere\n2136,Pro\"grammers,1\n".utf8).write(to: URL(fileURLWithPath: stray))
        let error = try #require(throws: SurveyError.self) { try OccupationTable.read(DataInput(path: stray)) }
        #expect(error.line == 2 && error.reason.contains("quote"))
        let twice = folder + "/twice.csv"
        try Data("soc2010,anywhere\n2136,1\n2136,0\n".utf8).write(to: URL(fileURLWithPath: twice))
        let again = try #require(throws: SurveyError.self) { try OccupationTable.read(DataInput(path: twice)) }
        #expect(again.line == 3 && again.variable == "soc2010")
    }
}
