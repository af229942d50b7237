import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// UK occupations classified by an Anywhere Jobs model: each unit group's score on every variable
/// (the average over the O*NET occupations the crosswalk links it to, variable by variable; a
/// manual `same_as` match takes the other unit group's scores), the variables above their
/// cut-offs, and whether it is an Anywhere Job (above none).
public struct AnywhereClassification: Sendable {
    /// One UK unit group.
    public struct Occupation: Sendable, Equatable {
        public var code: Int
        public var title: String
        /// The O*NET codes whose scores were averaged (those with ratings).
        public var onetCodes: [String]
        /// The unit group whose scores it took, for a manual match.
        public var sameAs: Int?
        /// One score per rules variable (0-100), `nil` when none of its O*NET codes is rated on it.
        public var scores: [Double?]
        /// The keys of the variables above their cut-offs.
        public var binding: [String]
        /// An Anywhere Job (true), not (false), or not known: no variable binds but some are unrated.
        public var anywhere: Bool?
        /// How it was matched (the crosswalk's `source`, or `crosswalk` / `same as NNNN`).
        public var matchedBy: String
    }

    public var rules: AnywhereRules
    /// `soc2010` or `soc2020`: the crosswalk's classification.
    public var classification: String
    /// Every unit group of the crosswalk, ascending.
    public var occupations: [Occupation]
    /// Things to tell the user (O*NET codes without ratings, unit groups left unknown).
    public var warnings: [String]

    /// Classifies every unit group of `crosswalk` from `ratings` by `rules`.
    ///
    /// - Throws: `.invalidValue` naming the crosswalk when `same_as` matches form a loop or lead to a
    ///   unit group the crosswalk does not have.
    public init(
        ratings: ONetRatings, crosswalk: OccupationCrosswalk, rules: AnywhereRules, titles: [Int: String] = [:]
    ) throws(SurveyError) {
        self.rules = rules
        classification = crosswalk.classification
        var warnings: [String] = []
        var unrated: Set<String> = []
        let count = rules.variables.count
        var direct: [Int: (codes: [String], scores: [Double?])] = [:]
        for (code, links) in crosswalk.onetCodes {
            var sums = [Double](repeating: 0, count: count)
            var counts = [Int](repeating: 0, count: count)
            var rated: [String] = []
            for onet in links {
                guard let scores = ratings.scores[onet] else {
                    unrated.insert(onet)
                    continue
                }
                rated.append(onet)
                for (k, score) in scores.enumerated() {
                    guard let score else { continue }
                    sums[k] += score
                    counts[k] += 1
                }
            }
            direct[code] = (rated, (0..<count).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil })
        }
        var occupations: [Occupation] = []
        for code in crosswalk.codes {
            var source = code
            var path = [code]
            while direct[source] == nil {
                guard let next = crosswalk.sameAs[source] else {
                    throw SurveyError(
                        .invalidValue, file: crosswalk.input.description, line: crosswalk.sameAsLines[path.last ?? code],
                        variable: "same_as_" + classification,
                        reason:
                            "unit group \(code) is matched to \(path.dropFirst().map(String.init).joined(separator: " → ")), which has no O*NET codes in the crosswalk"
                    )
                }
                guard !path.contains(next) else {
                    throw SurveyError(
                        .invalidValue, file: crosswalk.input.description, line: crosswalk.sameAsLines[source],
                        variable: "same_as_" + classification,
                        reason: "same_as matches go round in a loop: \((path + [next]).map(String.init).joined(separator: " → "))")
                }
                path.append(next)
                source = next
            }
            let (codes, scores) = direct[source] ?? ([], [])
            var binding: [String] = []
            for (k, variable) in rules.variables.enumerated() {
                if let score = scores[k], score > variable.cutoff { binding.append(variable.key) }
            }
            let anywhere: Bool? = !binding.isEmpty ? false : scores.contains(where: { $0 == nil }) ? nil : true
            if anywhere == nil {
                warnings.append(
                    "unit group \(code): no binding variable, but \(codes.isEmpty ? "none of its O*NET codes is rated" : "some variables are unrated"): not classified"
                )
            }
            let matched =
                source != code
                ? "same as \(source)" : crosswalk.sources[code] ?? "crosswalk"
            occupations.append(
                Occupation(
                    code: code, title: crosswalk.titles[code] ?? titles[code] ?? "", onetCodes: codes,
                    sameAs: source != code ? source : nil, scores: scores, binding: binding, anywhere: anywhere,
                    matchedBy: matched))
        }
        if !unrated.isEmpty {
            let some = unrated.sorted().prefix(5).joined(separator: ", ")
            warnings.insert(
                "\(unrated.count) O*NET codes in the crosswalk have no ratings in the release (\(some)\(unrated.count > 5 ? ", …" : "")): left out of the averages",
                at: 0)
        }
        self.occupations = occupations
        self.warnings = warnings + ratings.warnings
    }

    /// The table's columns: the unit group, its title, how it was matched, its O*NET codes, one
    /// score per variable (`score_<key>`), the variables above their cut-offs, and the flag.
    public var csvHeader: [String] {
        [classification, "title", "matched_by", "onet_codes"] + rules.variables.map { "score_" + $0.key } + [
            "above_cutoff", "anywhere",
        ]
    }

    /// One unit group's CSV fields (scores to two decimals; `anywhere` 1, 0 or empty when unknown).
    public static func csvFields(_ o: Occupation) -> [String] {
        [String(o.code), o.title, o.matchedBy, o.onetCodes.joined(separator: ";")]
            + o.scores.map { $0.map { String(format: "%.2f", $0) } ?? "" }
            + [o.binding.joined(separator: ";"), o.anywhere.map { $0 ? "1" : "0" } ?? ""]
    }
}
