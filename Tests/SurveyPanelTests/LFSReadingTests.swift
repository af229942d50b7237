import Foundation
import SurveyFiles
import SurveySchema
import TestFixtures
import Testing

@testable import SurveyPanel

@Suite("LFS reading: names without regard to case, NS-SEC of either era, typed missing codes, longitudinal datasets")
struct LFSReadingTests {
    static func quarter(_ text: String, name: String) throws -> (LFSDownload.QuarterFile, String) {
        let root = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write(text, to: root + "/" + name)
        let download = try LFSDownload(root: root)
        return (try #require(download.quarters.first), root)
    }

    static func read(_ text: String, name: String) throws -> [LFSPerson] {
        let (file, _) = try quarter(text, name: name)
        var people: [LFSPerson] = []
        try LFSQuarters.reader(schema: try SchemaLoader.builtin("lfs"), file: file).forEachLFSPerson {
            people.append($0)
        }
        return people
    }

    @Test(
        "an older file in lower case: NSECMJ10, decimal NSECM10 when the major group is missing, PWT of the name's vintage"
    )
    func olderFile() throws {
        let text = """
            hserialp\tpersno\tcasenop\tthiswv\tage\tilodefr\thome\thome2\tnsecmj10\tnsecm10\tgovtof2\tpwt14\tpwt18
            101\t1\t9001\t1\t40\t1\t1\t-9\t2\t4.1\t8\t900\t1000.5
            101\t2\t9002\t1\t38\t1\t3\t-9\t-8\t12.2\t8\t1100\t1200
            102\t1\t9003\t2\t70\t3\t-9\t-9\t-9\t-9\t13\t700\t800
            103\t1\t9004\t3\t30\t1\t-8\t-10\t8\t14.0\t1\t0\t900.25

            """
        let people = try Self.read(text, name: "lfsp_js19_eul_pwt18.tab")
        #expect(people.count == 4)
        let (a, b, c, d) = (people[0], people[1], people[2], people[3])
        #expect(a.hserial == 101 && a.persno == .value(1) && a.casenop == .value(9001) && a.thiswv == .value(1))
        #expect(a.design.weight == .value(1000.5) && d.design.weight == .value(900.25))  // PWT18, not PWT14
        #expect(a.home == .value(1) && a.nssecMajor == .value(2) && a.nssec5 == .value(1) && a.nssec3 == .value(1))
        #expect(b.nssecMajor == .missing(.noAnswer) && b.nssec5 == .value(5) && b.nssec3 == .value(3))  // from 12.2
        #expect(c.home == .missing(.doesNotApply) && c.nssec5 == .missing(.doesNotApply) && c.region == .value(13))
        #expect(d.home == .missing(.noAnswer) && d.home2 == .missing(.noAnswerOrDoesNotApply))
        #expect(d.nssecMajor == .value(8) && d.nssec5 == .missing(.notClassified))
    }

    @Test("a newer file in upper case: NSECMJ20 preferred, and PWT?? when the name carries no vintage")
    func newerFile() throws {
        let text = """
            HSERIALP\tPERSNO\tTHISWV\tILODEFR\tHOME\tNSECMJ20\tNSECMJ10\tNSECM20\tGOVTOF2\tPWT07
            7\t1\t5\t1\t4\t5\t1\t10.0\t9\t333.5

            """
        let people = try Self.read(text, name: "lfsp_jm06_end_user.tab")
        let p = try #require(people.first)
        #expect(p.nssecMajor == .value(5) && p.nssec5 == .value(4) && p.nssec3 == .value(3))
        #expect(p.design.weight == .value(333.5) && p.region == .value(9) && p.home == .value(4))
        #expect(p.casenop == .missing(.notInFile))
    }

    @Test("a file without HOME: an error naming the file, the variable and how to point it elsewhere")
    func missingVariable() throws {
        let (file, _) = try Self.quarter(
            "HSERIALP\tPERSNO\tTHISWV\tILODEFR\tHOMEX\tGOVTOF2\tPWT22\n1\t1\t1\t1\t1\t8\t100\n",
            name: "lfsp_aj22_eul_pwt22.tab")
        let reader = LFSQuarters.reader(schema: try SchemaLoader.builtin("lfs"), file: file)
        let error = try #require(throws: SurveyError.self) { try reader.forEachLFSPerson { _ in } }
        #expect(
            error.code == .missingVariable && error.variable == "HOME"
                && error.file.hasSuffix("lfsp_aj22_eul_pwt22.tab"))
        #expect(error.hint?.contains("HOMEX") == true && error.hint?.contains("--map home=NAME") == true)
    }

    @Test("a bad cell: file, line and variable")
    func badCell() throws {
        let (file, _) = try Self.quarter(
            "HSERIALP\tPERSNO\tTHISWV\tILODEFR\tHOME\tGOVTOF2\tPWT22\n1\t1\t1\t1\t1\t8\t100\n2\t1\t1\tx\t1\t8\t100\n",
            name: "lfsp_aj22_eul_pwt22.tab")
        let error = try #require(throws: SurveyError.self) {
            try LFSQuarters.reader(schema: try SchemaLoader.builtin("lfs"), file: file).forEachLFSPerson { _ in }
        }
        #expect(error.code == .invalidValue && error.line == 3 && error.variable == "ILODEFR")
    }

    @Test("a five-quarter longitudinal dataset: one history per person, each quarter's variables by suffix")
    func longitudinal() throws {
        var header = ["persid", "LGWT18", "LGWT22"]
        for stem in ["AGE", "ILODEFR", "HOME", "GOVTOF2", "NSECMJ20"] {
            for q in 1...5 { header.append("\(stem)\(q)") }
        }
        let rows = [
            [
                "11", "5.5", "4000.25", "30", "30", "30", "31", "31", "1", "1", "1", "1", "3", "1", "1", "3", "4", "-9",
                "8", "8", "8", "8", "8", "1", "1", "2", "3", "-9",
            ],
            [
                "12", "6", "3000", "50", "50", "51", "51", "51", "1", "1", "1", "1", "1", "4", "-8", "2", "2", "2", "1",
                "1", "1", "1", "1", "7", "7", "6", "6", "6",
            ],
        ]
        let text = ([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        let root = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write(text, to: root + "/lgwt22_5q_jm22_jm23_eul.tab.gz")
        let file = try #require(try LFSDownload(root: root).longitudinal.first)
        let data = try LFSLongitudinalData.read(file: file, schema: try SchemaLoader.builtin("lfs"))
        #expect(data.histories.count == 2)
        let a = data.histories[0]
        let b = data.histories[1]
        #expect(a.persid == 11 && a.weight == .value(4000.25) && a.quarters.count == 5)
        #expect(a.quarters.map(\.home) == [.value(1), .value(1), .value(3), .value(4), .missing(.doesNotApply)])
        #expect(a.quarters.map(\.ilodefr) == [.value(1), .value(1), .value(1), .value(1), .value(3)])
        #expect(a.quarters.map(\.nssec5) == [.value(1), .value(1), .value(1), .value(2), .missing(.doesNotApply)])
        #expect(a.quarters.map(\.age) == [.value(30), .value(30), .value(30), .value(31), .value(31)])
        #expect(b.quarters.map(\.home) == [.value(4), .missing(.noAnswer), .value(2), .value(2), .value(2)])
        #expect(b.quarters.map(\.region) == [.value(1), .value(1), .value(1), .value(1), .value(1)])
        #expect(b.quarters.map(\.nssec5) == [.value(5), .value(5), .value(5), .value(5), .value(5)])
    }

    @Test("linking quarterly files by CASENOP: consecutive quarters, rotation wave one higher")
    func linkByCasenop() throws {
        let base = try LFSPerson.fixture()
        func record(_ casenop: Int, wave: Int, home: Int) -> LFSPerson {
            var r = base
            r.casenop = .value(casenop)
            r.thiswv = .value(Int16(wave))
            r.home = .value(Int16(home))
            return r
        }
        let q1 = LFSPeriod(year: 2022, quarter: 1)
        let q2 = LFSPeriod(year: 2022, quarter: 2)
        let q4 = LFSPeriod(year: 2022, quarter: 4)
        let quarters = LFSQuarters(
            schema: try SchemaLoader.builtin("lfs"),
            quarters: [
                q1: [record(1, wave: 1, home: 1), record(2, wave: 5, home: 4), record(3, wave: 2, home: 3)],
                q2: [
                    record(1, wave: 2, home: 4), record(2, wave: 1, home: 1), record(3, wave: 3, home: 3),
                    record(9, wave: 1, home: 1),
                ],
                q4: [record(1, wave: 4, home: 1)],
            ])
        let pairs = quarters.transitionsByPersonIdentifier()
        // 2 (wave 5 then wave 1) is another person who got the number; 9 is new; Q2 → Q4 is not consecutive.
        #expect(pairs.map { $0.earlier.casenop.value ?? 0 } == [1, 3])
        #expect(pairs.map { $0.later.home } == [.value(4), .value(3)])
        #expect(pairs.allSatisfy { $0.period == q1 })
    }
}

extension LFSPerson {
    /// A person with every variable missing but the household serial.
    static func fixture() throws -> LFSPerson {
        let schema = try SchemaLoader.builtin("lfs")
        let header = TableHeader(
            names: ["HSERIALP", "PERSNO", "THISWV", "ILODEFR", "HOME", "GOVTOF2", "PWT22"], caseInsensitive: true)
        let layout = try FileLayout(
            schema: schema, role: "lfsp", context: SourceContext(ordinal: nil, values: ["vintage": "22"]),
            header: header, file: "fixture")
        var values = [HarmonisedValue](repeating: .missing(.blank), count: layout.variables.count)
        if let i = layout.position(of: "hserial") { values[i] = .int(1) }
        return try LFSPerson(values: values, fields: RecordFields<LFSPerson>(layout), file: "fixture", line: 2)
    }
}
