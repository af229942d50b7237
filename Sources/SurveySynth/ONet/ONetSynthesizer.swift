import Foundation
import SurveyFiles
import SurveySchema

/// A synthetic O*NET database text release in the distributed layout (`db_25_1_text.zip` holding
/// `db_25_1_text/Work Activities.txt`, `Work Context.txt`, `Scales Reference.txt` and
/// `Occupation Data.txt`: tab-delimited, CRLF line ends, `n/a` for missing), a crosswalk from UK
/// SOC 2010 unit groups to its O*NET-SOC codes (with the report's nine manual matches), and
/// truth.json: which unit groups were planted as Anywhere Jobs under the rules given.
///
/// Every UK unit group gets one to three synthetic O*NET occupations (codes `NN-UUUU.0K`, `UUUU` the
/// unit group). An Anywhere unit group has every variable at least 3 points under its cut-off on
/// average; some have one O*NET occupation over a cut-off that the average brings under it. Any
/// other unit group has one to three variables of its major group's kind (location, working with
/// others, leadership) at least 3 points over the cut-off on average, some through one O*NET
/// occupation far over it and another under it. The ratings are O*NET's raw scales (IM and CX 1-5)
/// to two decimals, so the 0-100 scores are within 0.125 of those planted.
public struct ONetSynthesizer {
    public var rules: AnywhereRules
    public var seed: UInt64

    public init(rules: AnywhereRules, seed: UInt64 = 2025) {
        self.rules = rules
        self.seed = seed
    }

    /// The release's folder inside the zip, and the zip's name.
    public static let releaseName = "db_25_1_text"
    /// The crosswalk's file name.
    public static let crosswalkName = "soc2010-onet-crosswalk.tab"

    /// The report's matches for the nine LFS unit groups with no O*NET occupation: another unit
    /// group's scores, or O*NET codes (the report's table, read as laid out).
    public static let manualMatches: [(code: Int, sameAs: Int?, onet: [(String, String)])] = [
        (1116, 1115, []), (1171, 1172, []), (3311, 3312, []), (6121, 6141, []), (3213, 3218, []),
        (6142, 3219, []), (6125, nil, [("25-3011.00", "Adult Basic Education, Adult Secondary Education, and English as a Second Language Instructors")]),
        (
            6126, nil,
            [
                ("25-2011.00", "Preschool Teachers, Except Special Education"),
                ("25-2012.00", "Kindergarten Teachers, Except Special Education"), ("25-3041.00", "Tutors"),
            ]
        ),
        (9232, 9233, []),
    ]

    /// Unit groups the report names as typical Anywhere Jobs (IT technicians, programmers, web design,
    /// graphic designers, accountants, economists, electrical engineers, marketing, insurance underwriters).
    public static let namedAnywhere: Set<Int> = [3131, 3132, 2136, 2137, 3421, 2421, 2425, 2123, 3543, 3533]

    /// The share of each major group's unit groups planted as Anywhere Jobs.
    static let anywhereShare: [Int: Double] = [1: 0.08, 2: 0.40, 3: 0.40, 4: 0.55, 5: 0.04, 6: 0, 7: 0.12, 8: 0.05, 9: 0]

    /// The kinds of variable that keep a major group's other jobs in place.
    static let bindingGroups: [Int: [String]] = [
        1: ["leadership"], 2: ["others", "leadership"], 3: ["others", "location"], 4: ["others"], 5: ["location"],
        6: ["others"], 7: ["others"], 8: ["location"], 9: ["location"],
    ]

    /// What was planted.
    public struct Truth: Sendable, Codable, Equatable {
        /// Unit groups planted as Anywhere Jobs (manual matches included, through what they match).
        public var anywhere: [Int]
        /// Every unit group of the crosswalk.
        public var unitGroups: [Int]
        /// Unit groups whose flag rests on averaging (one O*NET occupation on the other side of a cut-off).
        public var decidedByAverage: [Int]
        /// The rules' cut-off the scores were planted around, per variable key.
        public var cutoffs: [String: Double]
    }

    /// One synthetic O*NET occupation: its code, title and planted 0-100 score per rules variable.
    struct Occupation {
        var code: String
        var title: String
        var scores: [Double]
    }

    /// The synthetic world before it is written: the O*NET occupations and their scores, the
    /// crosswalk's rows, what was planted, and the random state the files' other values come from.
    public struct Plan {
        var occupations: [Occupation]
        var crosswalk: [[String]]
        /// What was planted.
        public var truth: Truth
        var random: SplitMix64
    }

    /// Plants the scores (the same plan for the same rules and seed; `write` writes it).
    public func plan() -> Plan {
        var random = SplitMix64(seed: seed, stream: 31)
        var occupations: [Occupation] = []
        var crosswalk: [[String]] = [["soc2010", "soc2010_title", "onet_soc_code", "onet_soc_title", "same_as_soc2010", "source"]]
        var anywhere: Set<Int> = []
        var byAverage: [Int] = []
        let manual = Dictionary(uniqueKeysWithValues: Self.manualMatches.map { ($0.code, $0) })
        for (code, title) in SOC2010.unitGroups where manual[code] == nil {
            let major = code / 1000
            let isAnywhere = Self.namedAnywhere.contains(code) || random.chance(Self.anywhereShare[major] ?? 0)
            let count = 1 + random.pick([0.5, 0.3, 0.2])
            let averaged = count > 1 && random.chance(0.3)
            let planted = plant(anywhere: isAnywhere, major: major, count: count, averaged: averaged, &random)
            if isAnywhere { anywhere.insert(code) }
            if averaged { byAverage.append(code) }
            for (k, scores) in planted.enumerated() {
                let onet = Self.onetCode(code, k)
                let onetTitle = "Synthetic occupation \(k + 1) of UK unit group \(code) (\(title))"
                occupations.append(Occupation(code: onet, title: onetTitle, scores: scores))
                crosswalk.append([String(code), title, onet, onetTitle, "", "crosswalk"])
            }
        }
        for match in Self.manualMatches {
            let title = SOC2010.titlesByCode[match.code] ?? ""
            if let target = match.sameAs {
                crosswalk.append([String(match.code), title, "", "", String(target), "manual (TBI report)"])
                if anywhere.contains(target) { anywhere.insert(match.code) }
                continue
            }
            // Teaching and support roles: working with others keeps them in place, on average too.
            let planted = plant(anywhere: false, major: 6, count: match.onet.count, averaged: false, &random)
            for ((onet, onetTitle), scores) in zip(match.onet, planted) {
                occupations.append(Occupation(code: onet, title: onetTitle, scores: scores))
                crosswalk.append([String(match.code), title, onet, onetTitle, "", "manual (TBI report)"])
            }
        }
        occupations.sort { $0.code < $1.code }
        let truth = Truth(
            anywhere: anywhere.sorted(), unitGroups: SOC2010.unitGroups.map(\.code), decidedByAverage: byAverage.sorted(),
            cutoffs: Dictionary(uniqueKeysWithValues: rules.variables.map { ($0.key, $0.cutoff) }))
        return Plan(occupations: occupations, crosswalk: crosswalk, truth: truth, random: random)
    }

    /// Writes the release zip, the crosswalk and truth.json into `folder`; returns the files and the truth.
    public func write(into folder: String) throws -> (files: [String], truth: Truth) {
        var plan = plan()
        let zip = folder + "/" + Self.releaseName + ".zip"
        try writeRelease(plan.occupations, to: zip, &plan.random)
        let crosswalkPath = folder + "/" + Self.crosswalkName
        try write(rows: plan.crosswalk, to: crosswalkPath, lineEnd: "\n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let truthPath = folder + "/truth.json"
        let file = try AtomicOutputFile(path: truthPath)
        try file.sink.write(Array(try encoder.encode(plan.truth)) + [0x0A])
        try file.commit()
        return ([zip, crosswalkPath, truthPath], plan.truth)
    }

    /// A synthetic O*NET-SOC code for UK unit group `code`'s `k`-th occupation: a US major group by
    /// the UK one, the unit group's digits, and the breakout number.
    static func onetCode(_ code: Int, _ k: Int) -> String {
        let prefix = [1: 11, 2: 15, 3: 17, 4: 43, 5: 47, 6: 39, 7: 41, 8: 51, 9: 37][code / 1000] ?? 99
        return "\(prefix)-\(code).0\(k)"
    }

    /// Scores (0-100) for `count` O*NET occupations of one unit group, per rules variable.
    func plant(anywhere: Bool, major: Int, count: Int, averaged: Bool, _ random: inout SplitMix64) -> [[Double]] {
        let variables = rules.variables
        // Every variable at least 3 points under its cut-off on average, to begin with.
        var scores = (0..<count).map { _ in
            variables.map { v in max(0, v.cutoff - 3 - (v.cutoff - 3) * random.uniform() * 0.9) }
        }
        if anywhere {
            if averaged, count > 1 {
                // One occupation over a cut-off; the average stays 3 points under it.
                let k = Int(random.next() % UInt64(variables.count))
                let cutoff = variables[k].cutoff
                let over = min(100, cutoff + 4 + 10 * random.uniform())
                scores[0][k] = over
                let rest = Double(count) * (cutoff - 3) - over
                for j in 1..<count { scores[j][k] = max(0, rest / Double(count - 1) - 2) }
            }
            return scores
        }
        let kinds = Self.bindingGroups[major] ?? ["location"]
        var candidates = variables.indices.filter { kinds.contains(variables[$0].group) }
        if candidates.isEmpty { candidates = Array(variables.indices) }
        let binding = (0..<(1 + random.pick([0.5, 0.3, 0.2]))).map { _ in
            candidates[Int(random.next() % UInt64(candidates.count))]
        }
        for k in Set(binding).sorted() {
            let cutoff = variables[k].cutoff
            if averaged, count > 1 {
                // One occupation far over the cut-off, the others under it: the average is over it.
                let target = min(100, cutoff + 6 + 8 * random.uniform())
                let under = max(0, cutoff - 6)
                let top = Double(count) * target - Double(count - 1) * under
                if top <= 100 {
                    scores[0][k] = top
                    for j in 1..<count { scores[j][k] = under }
                    continue
                }
            }
            for j in 0..<count { scores[j][k] = min(100, cutoff + 5 + (95 - cutoff - 5) * random.uniform()) }
        }
        return scores
    }

    /// The raw rating for a 0-100 score on `scale` (IM, CX 1-5; CT 1-3), to two decimals.
    static func raw(_ score: Double, scale: String) -> Double {
        let range = ONetScales.published[scale] ?? 1...5
        let value = range.lowerBound + score / 100 * (range.upperBound - range.lowerBound)
        return (value * 100).rounded() / 100
    }

    /// Writes the four files into the release zip.
    func writeRelease(_ occupations: [Occupation], to path: String, _ random: inout SplitMix64) throws {
        let file = try AtomicOutputFile(path: path)
        let zip = ZipWriter(sink: file.sink)
        let folder = Self.releaseName + "/"
        var activities: [[String]] = [[
            "O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", "N", "Standard Error",
            "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Not Relevant", "Date", "Domain Source",
        ]]
        var context: [[String]] = [[
            "O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Category", "Data Value", "N", "Standard Error",
            "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Not Relevant", "Date", "Domain Source",
        ]]
        // Elements the model does not use, as the real files have many.
        let otherActivities = [
            ("4.A.1.a.1", "Getting Information"), ("4.A.2.b.2", "Thinking Creatively"),
            ("4.A.3.b.1", "Working with Computers"),
        ]
        let otherContext = [("4.C.1.a.2.l", "Face-to-Face Discussions"), ("4.C.2.a.3", "Physical Proximity")]
        for o in occupations {
            var elements: [(id: String, name: String, file: AnywhereRules.ONetFile, score: Double)] = []
            for (k, v) in rules.variables.enumerated() { elements.append((v.element, v.name, v.file, o.scores[k])) }
            for (id, name) in otherActivities { elements.append((id, name, .workActivities, 100 * random.uniform())) }
            for (id, name) in otherContext { elements.append((id, name, .workContext, 100 * random.uniform())) }
            elements.sort { $0.id < $1.id }
            let n = 15 + Int(random.next() % 20)
            let source = random.chance(0.7) ? "Incumbent" : "Analyst"
            let date = ["07/2016", "08/2018", "06/2019", "08/2020"][Int(random.next() % 4)]
            for e in elements {
                let scale = rules.variables.first { $0.element == e.id }?.scale ?? (e.file == .workContext ? "CX" : "IM")
                let value = Self.raw(e.score, scale: scale)
                let se = source == "Analyst" ? "n/a" : String(format: "%.2f", 0.05 + 0.2 * random.uniform())
                let ci: (String, String) =
                    se == "n/a" ? ("n/a", "n/a")
                    : (String(format: "%.2f", max(1, value - 0.4)), String(format: "%.2f", min(5, value + 0.4)))
                let count = source == "Analyst" ? "8" : String(n)
                if e.file == .workActivities {
                    activities.append([
                        o.code, e.id, e.name, scale, String(format: "%.2f", value), count, se, ci.0, ci.1, "N", "n/a",
                        date, source,
                    ])
                    let level = (value - 1) / 4 * 7 * (0.8 + 0.2 * random.uniform())
                    activities.append([
                        o.code, e.id, e.name, "LV", String(format: "%.2f", level), count, se, ci.0, ci.1, "N",
                        level < 0.5 ? "Y" : "N", date, source,
                    ])
                } else {
                    context.append([
                        o.code, e.id, e.name, scale, "n/a", String(format: "%.2f", value), count, se, ci.0, ci.1, "N",
                        "n/a", date, source,
                    ])
                    for (category, share) in Self.categoryShares(mean: value).enumerated() {
                        context.append([
                            o.code, e.id, e.name, scale + "P", String(category + 1), String(format: "%.2f", share), count,
                            "n/a", "n/a", "n/a", "N", "n/a", date, source,
                        ])
                    }
                }
            }
        }
        let scales = [["Scale ID", "Scale Name", "Minimum", "Maximum"]]
            + ONetScales.names.map { [$0.id, $0.name, Self.number(ONetScales.published[$0.id]?.lowerBound ?? 0),
                Self.number(ONetScales.published[$0.id]?.upperBound ?? 0)] }
        let titles = [["O*NET-SOC Code", "Title", "Description"]]
            + occupations.map { [$0.code, $0.title, "Synthetic: made by ukpanel synth onet, not O*NET data."] }
        for (name, rows) in [
            (ONetReleaseFiles.workActivities, activities), (ONetReleaseFiles.workContext, context),
            (ONetReleaseFiles.scalesReference, scales), (ONetReleaseFiles.occupationData, titles),
        ] {
            let member = try zip.beginMember(folder + name)
            for row in rows { try member.write(Array((row.joined(separator: "\t") + "\r\n").utf8)) }
            try zip.closeMember()
        }
        try zip.finish()
        try file.commit()
    }

    /// Five category percentages whose mean category is about `mean` (1-5).
    static func categoryShares(mean: Double) -> [Double] {
        let weights = (1...5).map { c in exp(-pow(Double(c) - mean, 2)) }
        let total = weights.reduce(0, +)
        var shares = weights.map { ($0 / total * 10000).rounded() / 100 }
        shares[4] = ((100 - shares[0..<4].reduce(0, +)) * 100).rounded() / 100
        return shares
    }

    static func number(_ x: Double) -> String { x.rounded() == x ? String(Int(x)) : String(x) }

    func write(rows: [[String]], to path: String, lineEnd: String) throws {
        let file = try AtomicOutputFile(path: path)
        for row in rows { try file.sink.write(Array((row.joined(separator: "\t") + lineEnd).utf8)) }
        try file.commit()
    }
}
