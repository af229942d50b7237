import SurveyFiles
import Testing

@testable import SurveySchema

@Suite("design and indicators declared once in the schema")
struct IndicatorTests {
    @Test("the built-in schemas declare the design variables and the indicators, in order")
    func builtIn() throws {
        let ukhls = try SchemaLoader.builtin("ukhls")
        var design = ukhls.design
        #expect(design.weights.map(\.name) == ["weight_xs", "weight_lw"])
        #expect(design.weights[0].use.hasPrefix("cross-sectional analyses of one wave"))
        #expect(design.weights[1].use.hasPrefix("longitudinal analyses of people followed"))
        // What an export keeps with --vars: the identifier, both weights, strata and PSU.
        #expect(design.columns == ["pidp", "weight_xs", "weight_lw", "strata", "psu"])
        design.weights = []
        #expect(
            design
                == SampleDesign(
                    persons: "indresp", id: ["pidp"], weight: "weight_xs", strata: "strata", psu: "psu",
                    interviewYear: "intdaty",
                    interviewMonth: "intdatm"))
        #expect(ukhls.indicators.map(\.name) == ["worker", "high_skilled", "works_at_home", "greater_south_east"])
        let lfs = try SchemaLoader.builtin("lfs")
        var lfsDesign = lfs.design
        #expect(lfsDesign.weights.map(\.name) == ["weight"])
        #expect(lfsDesign.columns == ["hserial", "persno", "weight"])
        lfsDesign.weights = []
        #expect(lfsDesign == SampleDesign(persons: "lfsp", id: ["hserial", "persno"], weight: "weight", psu: "hserial"))
        #expect(lfs.indicators.map(\.name) == ["worker", "home_based", "mainly_home"])
    }

    /// The briefing's definitions, written out by hand from its text (not from the schema).
    static func expected(_ v: [String: Int?]) -> [String: Int?] {
        func `is`(_ name: String, _ codes: ClosedRange<Int>) -> Bool {
            v[name].flatMap { $0 }.map(codes.contains) ?? false
        }
        let worker = `is`("jbhas", 1...1) || `is`("jboff", 1...1)
        let high = worker && `is`("nssec5", 1...1)
        let home = worker && (`is`("jbpl", 1...1) || `is`("jspl", 1...2) || `is`("jbwah", 1...3))
        let gse: Int? = v["gor"].flatMap { $0 }.map { (6...8).contains($0) ? 1 : 0 }
        return [
            "worker": worker ? 1 : 0, "high_skilled": high ? 1 : 0, "works_at_home": home ? 1 : 0,
            "greater_south_east": gse,
        ]
    }

    @Test("UKHLS indicators equal the briefing's definitions for every combination of answers, missing included")
    func ukhlsTruth() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let names = ["jbhas", "jboff", "nssec5", "jbpl", "jspl", "jbwah", "gor"]
        let program = IndicatorProgram(schema.indicators) { names.firstIndex(of: $0) }
        let keys = schema.indicatorKeys
        // Each variable: missing, or a code below, inside and above the ranges that matter.
        let choices: [[Int?]] = [
            [nil, 1, 2], [nil, 1, 2], [nil, 1, 2], [nil, 1, 2], [nil, 1, 2, 3], [nil, 1, 3, 4], [nil, 5, 6, 8, 9],
        ]
        var combinations: [[Int?]] = [[]]
        for c in choices { combinations = combinations.flatMap { prefix in c.map { prefix + [$0] } } }
        #expect(combinations.count == 3 * 3 * 3 * 3 * 4 * 4 * 5)
        for combination in combinations {
            let values: [HarmonisedValue] = combination.map { $0.map { .int($0) } ?? .missing(.inapplicable) }
            let got = program.evaluate(values)
            let want = Self.expected(Dictionary(uniqueKeysWithValues: zip(names, combination)))
            for (name, value) in want {
                let key = try #require(keys[name])
                #expect(got.code(key).map(Int.init) == value, "\(name) for \(combination)")
            }
        }
    }

    @Test("LFS home_based and mainly_home are missing unless HOME is 1-4; a variable the file lacks never holds")
    func lfsTruth() throws {
        let schema = try SchemaLoader.builtin("lfs")
        let keys = schema.indicatorKeys
        let program = IndicatorProgram(schema.indicators) { ["ilodefr", "home"].firstIndex(of: $0) }
        let cases: [(ilodefr: Int?, home: Int?, worker: Int32?, based: Int32?, mainly: Int32?)] = [
            (1, 1, 1, 1, 1), (1, 3, 1, 1, 0), (2, 4, 0, 0, 0), (1, nil, 1, nil, nil), (nil, 5, 0, nil, nil),
        ]
        for c in cases {
            let values: [HarmonisedValue] = [c.ilodefr, c.home].map { $0.map { .int($0) } ?? .missing(.noAnswer) }
            let got = program.evaluate(values)
            #expect(got.code(try #require(keys["worker"])) == c.worker)
            #expect(got.code(try #require(keys["home_based"])) == c.based)
            #expect(got.code(try #require(keys["mainly_home"])) == c.mainly)
        }
        let noHome = IndicatorProgram(schema.indicators) { $0 == "ilodefr" ? 0 : nil }.evaluate([.int(1)])
        let based = try #require(keys["home_based"])
        let worker = try #require(keys["worker"])
        #expect(noHome[based] == nil && noHome[worker] == true)
    }

    @Test("a user's schema adds an indicator; mistakes name the file, the indicator and the closest name")
    func userDeclarations() throws {
        let base = try SchemaLoader.builtin("ukhls")
        let extended = try SchemaLoader.load(
            yaml: "indicators:\n  london_worker:\n    label: A worker in London\n    all: [worker = 1, gor = 7]\n",
            origin: "mine.yaml", base: base)
        #expect(extended.indicators.last?.name == "london_worker")
        let program = IndicatorProgram(extended.indicators) { ["jbhas", "gor"].firstIndex(of: $0) }
        let london = try #require(extended.indicatorKeys["london_worker"])
        #expect(program.evaluate([.int(1), .int(7)])[london] == true)
        #expect(program.evaluate([.int(2), .int(7)])[london] == false)

        let typo = #expect(throws: SurveyError.self) {
            try SchemaLoader.load(
                yaml: "indicators:\n  x:\n    all: [jbstt = 1]\n", origin: "bad.yaml", base: base)
        }
        #expect(typo?.code == .invalidSchema && typo?.file == "bad.yaml" && typo?.variable == "x")
        #expect(typo?.hint?.contains("jbstat") == true)
        let later = #expect(throws: SurveyError.self) {
            try SchemaLoader.load(
                yaml: "indicators:\n  a:\n    all: [b = 1]\n  b:\n    all: [jbhas = 1]\n", origin: "bad.yaml",
                base: base)
        }
        #expect(later?.reason.contains("declared before") == true)
        #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: "indicators:\n  jbstat:\n    all: [jbhas = 1]\n", origin: "b.yaml", base: base)
        }
        #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: "indicators:\n  y:\n    all: [jbhas is 1]\n", origin: "b.yaml", base: base)
        }
        let design = #expect(throws: SurveyError.self) {
            try SchemaLoader.load(yaml: "design:\n  weight: weight_sx\n", origin: "d.yaml", base: base)
        }
        #expect(design?.hint?.contains("weight_xs") == true)
        let missing = #expect(throws: SurveyError.self) { try base.indicatorKey("nope", neededBy: "a test") }
        #expect(missing?.code == .missingVariable && missing?.reason.contains("a test") == true)
    }
}
