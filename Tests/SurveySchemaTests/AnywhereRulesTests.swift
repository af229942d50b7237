import Foundation
import Testing

@testable import SurveySchema
import SurveyFiles

@Suite("The Anywhere Jobs rules file")
struct AnywhereRulesTests {
    @Test("the built-in rules: the report's 18 variables, six in each group, 12 activities and 6 contexts")
    func builtin() throws {
        let rules = try AnywhereRules.builtin()
        #expect(rules.variables.count == 18)
        for group in ["location", "others", "leadership"] {
            #expect(rules.variables.filter { $0.group == group }.count == 6)
        }
        #expect(rules.variables.filter { $0.file == .workActivities && $0.scale == "IM" }.count == 12)
        #expect(rules.variables.filter { $0.file == .workContext && $0.scale == "CX" }.count == 6)
        #expect(rules.variables.allSatisfy { $0.cutoff == 62.5 })
        #expect(rules.cutoffsConfidence == "unverified")
        #expect(Set(rules.variables.map(\.element)).count == 18)
    }

    @Test("the built-in copy matches rules/anywhere-jobs.yaml (run scripts/embed-schemas.sh after editing it)")
    func embedded() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("rules/anywhere-jobs.yaml"), encoding: .utf8)
        let normalise = { (s: String) in s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(normalise(BuiltinRules.anywhereJobs) == normalise(file))
    }

    static func error(_ yaml: String) -> SurveyError? {
        do {
            _ = try AnywhereRules.parse(yaml: yaml, origin: "my-rules.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("a bad rules file: the file, the line and the variable")
    func errors() {
        let base = """
            variables:
              caring:
                name: Assisting and Caring for Others
                file: work_activities
                element: 4.A.4.a.5
                scale: IM
                cutoff: 62.5
            """
        #expect(Self.error(base) == nil)
        let tooHigh = Self.error(base.replacingOccurrences(of: "62.5", with: "120"))
        #expect(tooHigh?.file == "my-rules.yaml" && tooHigh?.line == 7 && tooHigh?.variable == "caring")
        #expect(tooHigh?.code == .invalidSpec)
        let unknownKey = Self.error(base + "\n    weight: 2")
        #expect(unknownKey?.line == 8 && unknownKey?.reason.contains("unknown key 'weight'") == true)
        let badFile = Self.error(base.replacingOccurrences(of: "work_activities", with: "skills"))
        #expect(badFile?.line == 4 && badFile?.reason.contains("work_context") == true)
        let noElement = Self.error(base.replacingOccurrences(of: "    element: 4.A.4.a.5\n", with: ""))
        #expect(noElement?.reason == "needs `element:`")
        let twice = Self.error(base + "\n  again:\n    name: X\n    file: work_activities\n    element: 4.A.4.a.5\n    scale: IM\n    cutoff: 50")
        #expect(twice?.variable == "again" && twice?.reason.contains("already variable 'caring'") == true)
        #expect(Self.error("model: x")?.reason.contains("`variables:`") == true)
        #expect(Self.error("- a list") != nil)
    }
}
