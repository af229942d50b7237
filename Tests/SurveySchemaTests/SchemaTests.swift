import Foundation
import SurveyFiles
import Testing

@testable import SurveySchema

@Suite("The UKHLS schema")
struct SchemaTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test(
        "the built-in copies match schemas/ukhls.yaml and schemas/lfs.yaml (run scripts/embed-schemas.sh after editing them)",
        arguments: ["ukhls", "lfs"])
    func embeddedMatchesFile(survey: String) throws {
        let file = try String(contentsOfFile: Self.repositoryRoot + "/schemas/\(survey).yaml", encoding: .utf8)
        let normalise = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
                .joined(separator: "\n").trimmingCharacters(in: .newlines)
        }
        #expect(normalise(try #require(BuiltinSchemas.yaml[survey])) == normalise(file))
    }

    @Test("source names follow the wave letter, with renames and wave ranges")
    func sourceNames() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let w = { (n: Int) in Wave(number: n)! }
        #expect(schema.variable("pidp")?.sourceName(in: w(8)) == "pidp")
        #expect(schema.variable("jbstat")?.sourceName(in: w(8)) == "h_jbstat")
        #expect(schema.variable("jbstat")?.sourceName(in: w(15)) == "o_jbstat")
        #expect(schema.variable("weight_xs")?.sourceName(in: w(13)) == "m_indinui_xw")
        #expect(schema.variable("weight_xs")?.sourceName(in: w(14)) == "n_inding2_xw")
        #expect(schema.variable("weight_xs")?.sourceName(in: w(15)) == "o_inding2_xw")
        #expect(schema.variable("jbwah")?.sourceName(in: w(8)) == nil)
        #expect(schema.variable("jbwah")?.sourceName(in: w(9)) == "i_jbwah")
        #expect(schema.variable("wfhdays")?.sourceName(in: w(13)) == nil)
        #expect(schema.variable("wfhdays")?.sourceName(in: w(14)) == "n_wkhome")
        #expect(schema.variable("wfhdays")?.confidence == .likely)
        #expect(schema.variable("wfhdays")?.codes[8] == "Variable")
        #expect(schema.variable("addrmov")?.codes == [1: "moved", 2: "did not move"])
        #expect(schema.variable("addrmov")?.confidence == .confirmed)
        #expect(schema.variable("weight_lw")?.sourceName(in: w(14)) == "n_indinus_lw")
        #expect(schema.variable("weight_lw")?.confidence == .confirmed)
        #expect(schema.missingCodes[-8] == .inapplicable && schema.missingCodes[-21] == .noUKHLSData)
        #expect(schema.missingCodes.count == 9)
        #expect(schema.variable("gor")?.codes[7] == "London")
        #expect(schema.variable("nssec5")?.codes[1] == "Management & professional")
    }

    @Test("every variable the issue lists is in the schema")
    func coverage() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        for name in PersonWave.harmonisedNames {
            #expect(schema.variable(name) != nil, "\(name)")
        }
    }

    @Test("a user's schema file changes a source and adds a variable")
    func userExtension() throws {
        let base = try SchemaLoader.builtin("ukhls")
        let yaml = """
            extends: ukhls
            variables:
              wfhdays:
                source: "{w}_wkfhome"
                confidence: confirmed
              health:
                label: General health
                source: "{w}_scsf1"
                type: code
                codes: {1: excellent, 5: poor}
            """
        let schema = try SchemaLoader.load(yaml: yaml, origin: "mine.yaml", base: base)
        #expect(schema.variable("wfhdays")?.sourceName(in: Wave(number: 14)!) == "n_wkfhome")
        #expect(schema.variable("wfhdays")?.waves == WaveRange("14-"))
        #expect(schema.variable("wfhdays")?.confidence == .confirmed)
        #expect(schema.variable("health")?.sourceName(in: Wave(number: 10)!) == "j_scsf1")
        #expect(schema.variables.count == base.variables.count + 1)
        #expect(schema.origins == ["schemas/ukhls.yaml", "mine.yaml"])
    }

    @Test("a mistake in a schema file names the file, line and variable")
    func schemaErrors() throws {
        let base = try SchemaLoader.builtin("ukhls")
        let yaml = "variables:\n  jbstat:\n    sorce: \"{w}_x\"\n"
        let error = #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: yaml, origin: "bad.yaml", base: base)
        }
        #expect(error?.file == "bad.yaml")
        #expect(error?.line == 3)
        #expect(error?.variable == "jbstat")
        #expect(error?.reason.contains("sorce") == true)
        #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: "variables:\n  new_one:\n    label: x\n", origin: "b.yaml", base: base)
        }
        #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: "missing:\n  -3: made_up\n", origin: "b.yaml", base: base)
        }
    }

    @Test("command-line mappings")
    func mappings() throws {
        let base = try SchemaLoader.builtin("ukhls")
        let schema = try base.applying([
            SourceMapping(parsing: "wfhdays=n_wfh_days"),
            SourceMapping(parsing: "weight_xs@n=n_indinub_xw"),
            SourceMapping(parsing: "jbwah@8=h_jbwah_old"),
        ])
        #expect(schema.variable("wfhdays")?.sourceName(in: Wave(number: 14)!) == "n_wfh_days")
        #expect(schema.variable("weight_xs")?.sourceName(in: Wave(number: 14)!) == "n_indinub_xw")
        #expect(schema.variable("weight_xs")?.sourceName(in: Wave(number: 13)!) == "m_indinui_xw")
        #expect(schema.variable("jbwah")?.sourceName(in: Wave(number: 8)!) == "h_jbwah_old")
        #expect(throws: SurveyError.self) { try SourceMapping(parsing: "nonsense") }
        #expect(throws: SurveyError.self) { try base.applying([SourceMapping(parsing: "nosuch=x")]) }
    }
}
