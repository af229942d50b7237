import Foundation
import SurveyFiles

/// A crosswalk from UK occupation codes (SOC 2010 unit groups, or SOC 2020) to O*NET-SOC codes:
/// a tab-delimited file with a header, one row per link:
///
/// - `soc2010` (or `soc2020`): the UK unit group, four digits; the column's name says which
///   classification the crosswalk is for;
/// - `onet_soc_code`: an O*NET-SOC code (`NN-NNNN.NN`) the unit group takes its ratings from, or
/// - `same_as_soc2010` (`same_as_soc2020`): another UK unit group whose scores it takes (a manual
///   match, for the unit groups with no O*NET match);
/// - optionally `soc2010_title`, `onet_soc_title` and `source` (crosswalk, manual, …).
///
/// A unit group with several O*NET codes gets the average of their scores, criterion by criterion.
public struct OccupationCrosswalk: Sendable {
    /// Which UK classification the codes are (`soc2010`, `soc2020`).
    public var classification: String
    /// Per UK unit group: the O*NET codes it links to, in file order.
    public var onetCodes: [Int: [String]]
    /// Per UK unit group taking another's scores: that unit group.
    public var sameAs: [Int: Int]
    /// The line of each `same_as` match.
    public var sameAsLines: [Int: Int] = [:]
    /// Titles given in the file.
    public var titles: [Int: String]
    /// How each unit group is matched (the `source` column, when given).
    public var sources: [Int: String]
    /// The file.
    public var input: DataInput

    /// The UK unit groups the crosswalk covers, ascending.
    public var codes: [Int] { Set(onetCodes.keys).union(sameAs.keys).sorted() }

    /// Reads the crosswalk at `input`.
    ///
    /// - Throws: `SurveyError` naming the file, line and column: no `soc2010`/`soc2020` column, a
    ///   code that is not a four-digit unit group or an O*NET-SOC code, a row with both or neither
    ///   target, a unit group matched both ways or to itself.
    public static func read(_ input: DataInput, options: ReadOptions = .init()) throws -> OccupationCrosswalk {
        let name = input.description
        var crosswalk = OccupationCrosswalk(
            classification: "", onetCodes: [:], sameAs: [:], titles: [:], sources: [:], input: input)
        var slots: (title: Int?, onet: Int?, same: Int?, source: Int?) = (nil, nil, nil, nil)
        var seenLinks: Set<String> = []
        _ = try TableFormats.reader(for: input, options: options).read(
            project: { header in
                guard let scheme = ["soc2010", "soc2020"].first(where: { header.column($0) != nil }) else {
                    throw SurveyError(
                        .missingVariable, file: name, line: 1, variable: "soc2010",
                        reason: "a crosswalk needs a column soc2010 (or soc2020) of UK unit groups",
                        hint: ClosestNames.hint(for: "soc2010", in: header.names))
                }
                crosswalk.classification = scheme
                var wanted = [scheme]
                func optional(_ column: String) -> Int? {
                    guard header.column(column) != nil else { return nil }
                    wanted.append(column)
                    return wanted.count - 1
                }
                slots = (
                    optional(scheme + "_title"), optional("onet_soc_code"), optional("same_as_" + scheme),
                    optional("source")
                )
                guard slots.onet != nil || slots.same != nil else {
                    throw SurveyError(
                        .missingVariable, file: name, line: 1, variable: "onet_soc_code",
                        reason: "a crosswalk needs a column onet_soc_code (or same_as_\(scheme))")
                }
                return try header.projection(of: wanted, file: name)
            },
            row: { row in
                let scheme = crosswalk.classification
                let codeText = row.string(0)
                guard let code = unitGroup(codeText) else {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: scheme,
                        reason: "'\(codeText)' is not a four-digit unit group")
                }
                let onet = slots.onet.map { row.string($0) } ?? ""
                let same = slots.same.map { row.string($0) } ?? ""
                if onet.isEmpty == same.isEmpty {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: "onet_soc_code",
                        reason: "unit group \(code) needs exactly one of onet_soc_code and same_as_\(scheme)")
                }
                if !onet.isEmpty {
                    guard ONetRatings.isONetCode(onet) else {
                        throw SurveyError(
                            .invalidValue, file: name, line: row.lineNumber, variable: "onet_soc_code",
                            reason: "'\(onet)' is not an O*NET-SOC code (NN-NNNN.NN)")
                    }
                    if seenLinks.insert("\(code)\t\(onet)").inserted { crosswalk.onetCodes[code, default: []].append(onet) }
                } else {
                    guard let target = unitGroup(same), target != code else {
                        throw SurveyError(
                            .invalidValue, file: name, line: row.lineNumber, variable: "same_as_" + scheme,
                            reason: "'\(same)' is not another four-digit unit group")
                    }
                    if let other = crosswalk.sameAs[code], other != target {
                        throw SurveyError(
                            .invalidValue, file: name, line: row.lineNumber, variable: "same_as_" + scheme,
                            reason: "unit group \(code) is matched to \(other) already")
                    }
                    crosswalk.sameAs[code] = target
                    crosswalk.sameAsLines[code] = row.lineNumber
                }
                if crosswalk.sameAs[code] != nil, crosswalk.onetCodes[code] != nil {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: scheme,
                        reason: "unit group \(code) has both O*NET codes and a same_as match: say one")
                }
                if let t = slots.title, crosswalk.titles[code] == nil, !row.string(t).isEmpty {
                    crosswalk.titles[code] = row.string(t)
                }
                if let s = slots.source, !row.string(s).isEmpty { crosswalk.sources[code] = row.string(s) }
            })
        return crosswalk
    }

    /// A four-digit unit group (1000-9999), or nil.
    static func unitGroup(_ text: String) -> Int? {
        guard text.utf8.count == 4, let code = Int(text), code >= 1000 else { return nil }
        return code
    }
}
