import Foundation
import SurveySchema
import TestFixtures
import Testing

@Suite("ukpanel inspect and schema check")
struct InspectAndSchemaCommandTests {
    @Test("inspect counts rows, types and missing codes")
    func inspect() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        // 6 rows: jbstat has two -8, one -9 and one empty; w is decimal; s is text.
        let text =
            "pidp\tjbstat\tw\ts\n1\t-8\t0.5\ta\n2\t-8\t1\tb\n3\t-9\t1.25\tc\n4\t\t2\td\n5\t3\t0\te\n6\t12\t1\tf\n"
        try UKHLSFixture.write(text, to: folder + "/x.tab")
        let result = try CommandRunner.run(["inspect", folder + "/x.tab"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        #expect(result.stdout.contains("rows: 6"))
        let jbstat = try #require(lines.first { $0.first == "jbstat" })
        #expect(jbstat[1] == "int")
        #expect(jbstat[2] == "5")  // non-empty cells
        #expect(jbstat[3] == "1")  // empty
        #expect(jbstat[4] == "3…12")
        #expect(jbstat[5] == "-8:2" && jbstat[6] == "-9:1")
        let w = try #require(lines.first { $0.first == "w" })
        #expect(w[1] == "decimal" && w[4] == "0…2")
        #expect(lines.first { $0.first == "s" }?[1] == "text")
    }

    func writeWaves(_ root: String, drop: [Int: Set<String>] = [:]) throws {
        let schema = try SchemaLoader.builtin("ukhls")
        for n in 8...14 {
            let wave = Wave(number: n)!
            try UKHLSFixture.write(
                UKHLSFixture.indresp(schema: schema, wave: wave, persons: 3, drop: drop[n] ?? []),
                to: root + "/UKDA-6614-tab/tab/ukhls/\(wave.letter)_indresp.tab.gz")
        }
    }

    @Test("schema check passes (exit 0) on a complete download")
    func schemaCheckPasses() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try writeWaves(root)
        let result = try CommandRunner.run(["schema", "check", "--data", root])
        #expect(result.status == 0)
        #expect(result.stdout.contains("PASSED"))
        #expect(result.stdout.contains("wfhdays: source {w}_wkhome (likely). Public analysis code"))  // settings not confirmed are listed
    }

    @Test("schema check fails (exit 1) naming what is missing; --map fixes it")
    func schemaCheckFails() throws {
        let root = try UKHLSFixture.temporaryFolder()
        try writeWaves(root, drop: [11: ["psu"]])
        let failed = try CommandRunner.run(["schema", "check", "--data", root])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("FAILED: 1 required variable(s) missing"))
        #expect(failed.stdout.contains("psu in wave 11 (k): no k_psu"))
        let mapped = try CommandRunner.run(["schema", "check", "--data", root, "--map", "psu@k=k_strata"])
        #expect(mapped.status == 0)
        let schemaFile = root + "/mine.yaml"
        try "extends: ukhls\nvariables:\n  psu:\n    required: false\n".write(
            toFile: schemaFile, atomically: true, encoding: .utf8)
        let relaxed = try CommandRunner.run(["schema", "check", "--data", root, "--schema", schemaFile])
        #expect(relaxed.status == 0)
    }
}
