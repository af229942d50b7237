import Foundation
import SurveyFiles
import TestFixtures
import Testing

@testable import SurveySchema

@Suite("Decoding rows through the schema")
struct DecodingTests {
    @Test("missing codes become typed reasons, never numbers")
    func missingCodes() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let text = """
            pidp\th_hidp\th_jbstat\th_gor_dv\th_indinui_xw\th_distmov_dv\th_intdaty_dv\th_intdatm_dv\th_jbnssec5_dv\th_jbhas\th_jboff\th_jbsemp\th_jbpl\th_strata\th_psu
            1\t10\t-1\t-2\t0.75\t-8\t2017\t3\t-7\t-9\t-10\t-11\t-20\t4\t5
            2\t10\t2\t7\t\t12.5\t2017\t.\t1\t1\t2\t1\t1\t4\t6

            """
        try UKHLSFixture.write(text, to: folder + "/h_indresp.tab")
        let schema = try SchemaLoader.builtin("ukhls")
        var people: [PersonWave] = []
        let reader = RecordReader(
            schema: schema, wave: Wave(number: 8)!, input: DataInput(path: folder + "/h_indresp.tab"))
        try reader.forEachPerson { people.append($0) }
        #expect(people.count == 2)
        let a = people[0]
        #expect(a.pidp == 1 && a.hidp == 10)
        #expect(a.jbstat == .missing(.dontKnow))
        #expect(a.region == .missing(.refused))
        #expect(a.nssec5 == .missing(.proxy))
        #expect(a.distanceMoved == .missing(.inapplicable))
        #expect(a.jbhas == .missing(.missing))
        #expect(a.jboff == .missing(.notAvailableIEMB))
        #expect(a.jbsemp == .missing(.onlyIEMB))
        #expect(a.jbpl == .missing(.noBHPSData))
        #expect(a.design.weight == .value(0.75))
        #expect(a.jbwah == .missing(.notInWave))
        #expect(a.wfhDays == .missing(.notInWave))
        #expect(a.jspl == .missing(.notInFile))
        let b = people[1]
        #expect(b.jbstat == .value(2) && b.region == .value(7))
        #expect(b.design.weight == .missing(.blank))
        #expect(b.design.interviewMonth == .missing(.blank))
        #expect(b.distanceMoved == .value(12.5))
        #expect(b.design.stratum == .value(4) && b.design.psu == .value(6))
    }

    @Test("planted values come back for every wave, wave 15 included, at any column order", arguments: [8, 11, 14, 15])
    func plantedValues(waveNumber: Int) throws {
        let wave = try #require(Wave(number: waveNumber))
        let schema = try SchemaLoader.builtin("ukhls")
        let folder = try UKHLSFixture.temporaryFolder()
        let path = folder + "/\(wave.letter)_indresp.tab.gz"
        try UKHLSFixture.write(
            UKHLSFixture.indresp(schema: schema, wave: wave, persons: 50, lineEnding: "\r\n"), to: path)
        var i = 0
        try RecordReader(schema: schema, wave: wave, input: DataInput(path: path)).forEachPerson { p in
            let planted = { (name: String) in UKHLSFixture.planted(name, person: i, wave: wave) }
            #expect(String(p.pidp) == planted("pidp"))
            #expect(String(p.hidp) == planted("hidp"))
            #expect(p.jbstat.value.map(String.init) == planted("jbstat"))
            #expect(p.region.value.map(String.init) == planted("gor"))
            let nssec = planted("nssec5")
            #expect(
                p.nssec5
                    == (nssec == "-8"
                        ? .missing(.inapplicable) : nssec == "-9" ? .missing(.missing) : .value(Int16(nssec)!)))
            let weight = planted("weight_xs")
            #expect(p.design.weight == .value(Double(weight)!))
            let distance = planted("distmov")
            #expect(p.distanceMoved == (distance == "-8" ? .missing(.inapplicable) : .value(Double(distance)!)))
            if waveNumber >= 9 {
                let wah = planted("jbwah")
                #expect(p.jbwah == (wah == "-1" ? .missing(.dontKnow) : .value(Int16(wah)!)))
            } else {
                #expect(p.jbwah == .missing(.notInWave))
            }
            #expect(p.wfhDays == (waveNumber >= 14 ? .value(Int16(planted("wfhdays"))!) : .missing(.notInWave)))
            i += 1
        }
        #expect(i == 50)
    }

    @Test("a required variable absent is an error naming file, variable and the closest names")
    func requiredAbsent() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let wave = Wave(number: 14)!
        let folder = try UKHLSFixture.temporaryFolder()
        try UKHLSFixture.write(
            UKHLSFixture.indresp(schema: schema, wave: wave, persons: 3, drop: ["weight_xs"]),
            to: folder + "/n_indresp.tab")
        do {
            try RecordReader(schema: schema, wave: wave, input: DataInput(path: folder + "/n_indresp.tab"))
                .forEachPerson { _ in }
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .missingVariable)
            #expect(error.variable == "n_inding2_xw")
            #expect(error.file.hasSuffix("n_indresp.tab"))
            #expect(error.hint?.contains("--map weight_xs=") == true)
        }
    }

    @Test("a value that does not fit names the file, line and variable")
    func invalidValue() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let schema = try SchemaLoader.builtin("ukhls")
        var text = UKHLSFixture.indresp(schema: schema, wave: Wave(number: 10)!, persons: 4)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(header.firstIndex(of: "j_jbstat"))
        var cells = lines[3].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        cells[column] = "two"
        lines[3] = cells.joined(separator: "\t")
        text = lines.joined(separator: "\n") + "\n"
        try UKHLSFixture.write(text, to: folder + "/j_indresp.tab")
        do {
            try RecordReader(
                schema: schema, wave: Wave(number: 10)!, input: DataInput(path: folder + "/j_indresp.tab")
            ).forEachPerson { _ in }
            Issue.record("no error")
        } catch let error as SurveyError {
            #expect(error.code == .invalidValue)
            #expect(error.line == 4)
            #expect(error.variable == "j_jbstat")
        }
    }

    @Test(
        "a code outside the schema's list is unknown_code, counted per variable with its codes; other_codes: value keeps it"
    )
    func unknownCodes() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        let text = """
            pidp\th_hidp\th_jbstat\th_gor_dv\th_indinui_xw\th_intdaty_dv\th_intdatm_dv\th_jbnssec5_dv\th_jbhas\th_jboff\th_jbsemp\th_jbpl\th_ivfio\th_strata\th_psu
            1\t10\t55\t99\t1.5\t2017\t3\t-3\t1\t2\t1\t1\t2\t4\t5
            2\t10\t55\t7\t1.5\t2017\t3\t1\t1\t2\t1\t1\t1\t4\t5
            3\t11\t97\t12\t1.5\t2017\t3\t5\t1\t2\t1\t1\t9\t4\t6
            4\t11\t0\t13\t1.5\t2017\t3\t-9\t1\t2\t1\t1\t1\t4\t6

            """
        try UKHLSFixture.write(text, to: folder + "/h_indresp.tab")
        let schema = try SchemaLoader.builtin("ukhls")
        var people: [PersonWave] = []
        var unknown: [UnknownCode] = []
        var reader = RecordReader(
            schema: schema, wave: Wave(number: 8)!, input: DataInput(path: folder + "/h_indresp.tab"))
        reader.onUnknownCodes = { unknown = $0 }
        try reader.forEachPerson { people.append($0) }
        #expect(
            people.map(\.jbstat) == [
                .missing(.unknownCode), .missing(.unknownCode), .value(97), .missing(.unknownCode),
            ])
        #expect(people.map(\.region) == [.missing(.unknownCode), .value(7), .value(12), .missing(.unknownCode)])
        #expect(people.map(\.nssec5) == [.missing(.unknownCode), .value(1), .value(5), .missing(.missing)])
        // ivfio lists only 1 and says other_codes: value: 2 and 9 stay values.
        #expect(people.map(\.ivfio) == [.value(2), .value(1), .value(9), .value(1)])
        let byVariable = Dictionary(uniqueKeysWithValues: unknown.map { ($0.variable, $0) })
        #expect(Set(byVariable.keys) == ["jbstat", "gor", "nssec5"])
        #expect(byVariable["jbstat"]?.rows == 3 && byVariable["jbstat"]?.codes == [55: 2, 0: 1])
        #expect(byVariable["gor"]?.rows == 2 && byVariable["gor"]?.codes == [99: 1, 13: 1])
        #expect(byVariable["nssec5"]?.rows == 1 && byVariable["nssec5"]?.codes == [-3: 1])
        #expect(byVariable["jbstat"]?.source == "h_jbstat")
        let sentence = try #require(byVariable["jbstat"]?.sentence)
        #expect(sentence.contains("h_jbstat ('jbstat') holds 3 codes the schema does not list: 0 (1 row), 55 (2 rows)"))
    }

    @Test("other_codes: takes value or unknown_code and nothing else")
    func otherCodesSetting() throws {
        let base = try SchemaLoader.builtin("ukhls")
        let open = try SchemaLoader.load(
            yaml: "extends: ukhls\nvariables:\n  jbstat:\n    other_codes: value\n", origin: "x.yaml", base: base)
        #expect(open.variable("jbstat")?.codesComplete == false)
        #expect(base.variable("jbstat")?.codesComplete == true)
        #expect(base.variable("ivfio")?.codesComplete == false)
        #expect(throws: SurveyError.self) {
            try SchemaLoader.load(
                yaml: "extends: ukhls\nvariables:\n  jbstat:\n    other_codes: maybe\n", origin: "x.yaml", base: base)
        }
    }
}
