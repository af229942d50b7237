import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema
import SurveySynth
import Testing

@Suite("Anywhere Jobs from O*NET rows made by hand")
struct AnywhereClassificationTests {
    /// Two variables: an importance (IM, 1-5) and a context (CX, 1-5), cut-offs 62.5 and 50.
    static let rulesYAML = """
        model: test
        cutoffs_confidence: unverified
        variables:
          caring:
            name: Assisting and Caring for Others
            group: others
            file: work_activities
            element: 4.A.4.a.5
            scale: IM
            cutoff: 62.5
          outdoors:
            name: Outdoors, Exposed to Weather
            group: location
            file: work_context
            element: 4.C.2.a.1.c
            scale: CX
            cutoff: 50
        """

    static let activitiesHeader =
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source"
    static let contextHeader =
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source"

    static func activity(_ code: String, _ value: String, scale: String = "IM", element: String = "4.A.4.a.5")
        -> String
    {
        "\(code)\t\(element)\tAssisting and Caring for Others\t\(scale)\t\(value)\t20\t0.10\t3.00\t4.00\tN\tn/a\t08/2020\tIncumbent"
    }

    static func context(_ code: String, _ value: String) -> String {
        "\(code)\t4.C.2.a.1.c\tOutdoors, Exposed to Weather\tCX\tn/a\t\(value)\t20\t0.10\t1.00\t2.00\tN\tn/a\t08/2020\tIncumbent"
    }

    /// A release folder with the given lines (CRLF line ends, as a Windows export), and a crosswalk.
    static func release(
        activities: [String], context: [String], crosswalk: [String], scales: [String]? = nil
    ) throws -> (ONetRelease, DataInput, String) {
        let folder = NSTemporaryDirectory() + "ukpanel-onet-" + UUID().uuidString + "/db_25_1_text"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ lines: [String]) throws {
            try Data(lines.map { $0 + "\r\n" }.joined().utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        try write("Work Activities.txt", [activitiesHeader] + activities)
        try write("Work Context.txt", [contextHeader] + context)
        if let scales { try write("Scales Reference.txt", ["Scale ID\tScale Name\tMinimum\tMaximum"] + scales) }
        let crosswalkPath = PathNames.folder(of: folder) + "/crosswalk.tab"
        try Data((crosswalk.map { $0 + "\n" }.joined()).utf8).write(to: URL(fileURLWithPath: crosswalkPath))
        // The folder holding the release's folder, as a user might give it.
        return (try ONetRelease(root: PathNames.folder(of: folder)), DataInput(path: crosswalkPath), folder)
    }

    static func classify(_ release: ONetRelease, _ crosswalk: DataInput) throws -> AnywhereClassification {
        let rules = try AnywhereRules.parse(yaml: rulesYAML, origin: "test rules")
        let ratings = try ONetRatings.read(release, rules: rules)
        return try AnywhereClassification(
            ratings: ratings, crosswalk: try OccupationCrosswalk.read(crosswalk), rules: rules)
    }

    static let crosswalkHeader = "soc2010\tonet_soc_code\tsame_as_soc2010\tsource"

    @Test("over one cut-off is not an Anywhere Job; under every one is; scores on O*NET's 0-100 scale")
    func oneCutoff() throws {
        // 2136: IM 2.00 → 25, CX 2.96 → 49 (under both). 6145: IM 4.00 → 75 (over 62.5), CX 1.00 → 0.
        // 5111: IM 1.00 → 0, CX 3.04 → 51 (over 50 by one point).
        let (release, crosswalk, _) = try Self.release(
            activities: [
                Self.activity("15-1252.00", "2.00"), Self.activity("15-1252.00", "3.10", scale: "LV"),
                Self.activity("39-9021.00", "4.00"), Self.activity("45-2092.00", "1.00"),
            ],
            context: [Self.context("15-1252.00", "2.96"), Self.context("39-9021.00", "1.00"), Self.context("45-2092.00", "3.04")],
            crosswalk: [
                Self.crosswalkHeader, "2136\t15-1252.00\t\tcrosswalk", "6145\t39-9021.00\t\tcrosswalk",
                "5111\t45-2092.00\t\tcrosswalk",
            ])
        let result = try Self.classify(release, crosswalk)
        let byCode = Dictionary(uniqueKeysWithValues: result.occupations.map { ($0.code, $0) })
        #expect(result.occupations.map(\.code) == [2136, 5111, 6145])
        let it = try #require(byCode[2136])
        #expect(it.anywhere == true && it.binding.isEmpty)
        #expect(abs((it.scores[0] ?? -1) - 25) < 1e-9 && abs((it.scores[1] ?? -1) - 49) < 1e-9)
        #expect(byCode[6145]?.anywhere == false && byCode[6145]?.binding == ["caring"])
        #expect(byCode[5111]?.anywhere == false && byCode[5111]?.binding == ["outdoors"])
        #expect(abs((byCode[5111]?.scores[1] ?? -1) - 51) < 1e-9)
        // The LV row of the same element is not the importance.
        #expect(result.warnings.contains { $0.contains("Scales Reference") })
    }

    @Test("several O*NET codes: each variable averaged; one over a cut-off can be brought under it, and back")
    func averaging() throws {
        // 2425 ← 15-2041.00 (IM 4.20 → 80) and 19-3011.00 (IM 1.80 → 20): caring 50, under 62.5.
        // 3213 ← 29-2041.00 (IM 4.00 → 75) and 29-2042.00 (IM 3.00 → 50): 62.5 exactly, not above: Anywhere.
        // 6141 ← 31-1131.00 (IM 4.60 → 90) and 31-1132.00 (IM 2.60 → 40): 65, over it.
        // 1116 takes 6141's scores (same_as); 6126 ← an O*NET code with no ratings and 15-2041.00.
        let (release, crosswalk, _) = try Self.release(
            activities: [
                Self.activity("15-2041.00", "4.20"), Self.activity("19-3011.00", "1.80"),
                Self.activity("29-2041.00", "4.00"), Self.activity("29-2042.00", "3.00"),
                Self.activity("31-1131.00", "4.60"), Self.activity("31-1132.00", "2.60"),
            ],
            context: ["15-2041.00", "19-3011.00", "29-2041.00", "29-2042.00", "31-1131.00", "31-1132.00"].map {
                Self.context($0, "1.00")
            },
            crosswalk: [
                Self.crosswalkHeader, "2425\t15-2041.00\t\t", "2425\t19-3011.00\t\t", "3213\t29-2041.00\t\t",
                "3213\t29-2042.00\t\t", "6141\t31-1131.00\t\t", "6141\t31-1132.00\t\t", "1116\t\t6141\tmanual",
                "6126\t25-2011.00\t\tmanual", "6126\t15-2041.00\t\tmanual",
            ])
        let result = try Self.classify(release, crosswalk)
        let byCode = Dictionary(uniqueKeysWithValues: result.occupations.map { ($0.code, $0) })
        #expect(abs((byCode[2425]?.scores[0] ?? -1) - 50) < 1e-9 && byCode[2425]?.anywhere == true)
        #expect(byCode[2425]?.onetCodes == ["15-2041.00", "19-3011.00"])
        #expect(abs((byCode[3213]?.scores[0] ?? -1) - 62.5) < 1e-9 && byCode[3213]?.anywhere == true)
        #expect(abs((byCode[6141]?.scores[0] ?? -1) - 65) < 1e-9 && byCode[6141]?.anywhere == false)
        #expect(byCode[1116]?.sameAs == 6141 && byCode[1116]?.anywhere == false && byCode[1116]?.matchedBy == "same as 6141")
        #expect(byCode[6126]?.onetCodes == ["15-2041.00"] && abs((byCode[6126]?.scores[0] ?? -1) - 80) < 1e-9)
        #expect(result.warnings.first?.contains("1 O*NET codes in the crosswalk have no ratings in the release (25-2011.00)") == true)
    }

    @Test("a release's own scale ranges are used; a name differing from the rules' is a warning")
    func scalesAndNames() throws {
        // With IM given as 0-10 here, 7.5 is 75.
        let (release, crosswalk, _) = try Self.release(
            activities: ["11-1011.00\t4.A.4.a.5\tCaring (renamed)\tIM\t7.50\t20\tn/a\tn/a\tn/a\tN\tn/a\t08/2020\tAnalyst"],
            context: [Self.context("11-1011.00", "1.00")], crosswalk: [Self.crosswalkHeader, "1115\t11-1011.00\t\t"],
            scales: ["IM\tImportance\t0\t10", "CX\tContext\t1\t5"])
        let result = try Self.classify(release, crosswalk)
        #expect(abs((result.occupations[0].scores[0] ?? -1) - 75) < 1e-9)
        #expect(result.warnings.contains { $0.contains("named 'Caring (renamed)' here") })
        #expect(!result.warnings.contains { $0.contains("Scales Reference") })
    }

    @Test("bad input: located errors naming file, line and column")
    func errors() throws {
        func failure(activities: [String], crosswalk: [String]) throws -> SurveyError {
            let (release, input, _) = try Self.release(
                activities: activities, context: [Self.context("15-1252.00", "1.00")], crosswalk: crosswalk)
            do {
                _ = try Self.classify(release, input)
            } catch let error as SurveyError {
                return error
            }
            Issue.record("no error")
            return SurveyError(.invalidValue, reason: "none")
        }
        let good = [Self.crosswalkHeader, "2136\t15-1252.00\t\t"]
        let range = try failure(activities: [Self.activity("15-1252.00", "5.50")], crosswalk: good)
        #expect(range.code == .invalidValue && range.line == 2 && range.variable == "Data Value")
        #expect(range.file.hasSuffix("Work Activities.txt"))
        let code = try failure(activities: [Self.activity("15-1252", "2.00")], crosswalk: good)
        #expect(code.line == 2 && code.variable == "O*NET-SOC Code")
        let twice = try failure(
            activities: [Self.activity("15-1252.00", "2.00"), Self.activity("15-1252.00", "2.50")], crosswalk: good)
        #expect(twice.line == 3 && twice.reason.contains("line 2"))
        let absent = try failure(activities: [Self.activity("15-1252.00", "2.00", element: "4.A.9.z")], crosswalk: good)
        #expect(absent.code == .missingVariable && absent.variable == "caring")
        let both = try failure(
            activities: [Self.activity("15-1252.00", "2.00")], crosswalk: [Self.crosswalkHeader, "2136\t15-1252.00\t2137\t"])
        #expect(both.line == 2 && both.file.hasSuffix("crosswalk.tab"))
        let short = try failure(activities: [Self.activity("15-1252.00", "2.00")], crosswalk: [Self.crosswalkHeader, "213\t15-1252.00\t\t"])
        #expect(short.line == 2 && short.variable == "soc2010")
        let loop = try failure(
            activities: [Self.activity("15-1252.00", "2.00")],
            crosswalk: [Self.crosswalkHeader, "2136\t15-1252.00\t\t", "1116\t\t1171\t", "1171\t\t1116\t"])
        #expect(loop.reason.contains("loop"))
    }

    @Test("the synthetic release: every one of the 369 unit groups classified as planted, averages included")
    func syntheticRelease() throws {
        let folder = NSTemporaryDirectory() + "ukpanel-onet-synth-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rules = try AnywhereRules.builtin()
        let (_, truth) = try ONetSynthesizer(rules: rules, seed: 7).write(into: folder)
        let release = try ONetRelease(root: folder + "/" + ONetSynthesizer.releaseName + ".zip")
        let ratings = try ONetRatings.read(release, rules: rules)
        let crosswalk = try OccupationCrosswalk.read(DataInput(path: folder + "/" + ONetSynthesizer.crosswalkName))
        let result = try AnywhereClassification(ratings: ratings, crosswalk: crosswalk, rules: rules)
        #expect(result.occupations.count == 369 && truth.unitGroups.count == 369)
        #expect(result.occupations.filter { $0.anywhere == true }.map(\.code) == truth.anywhere)
        #expect(result.occupations.allSatisfy { $0.anywhere != nil })
        #expect(truth.decidedByAverage.count > 20)
        #expect(result.warnings.isEmpty)
        // The manual matches: 1116 takes 1115's flag; 6126 averages three O*NET teaching codes.
        let byCode = Dictionary(uniqueKeysWithValues: result.occupations.map { ($0.code, $0) })
        #expect(byCode[1116]?.sameAs == 1115 && byCode[6126]?.onetCodes.count == 3)
    }
}
