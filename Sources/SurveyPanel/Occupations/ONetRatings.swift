import Foundation
import SurveyFiles
import SurveySchema

/// The O*NET ratings a model asks for, read from a release's `Work Activities.txt` and
/// `Work Context.txt` as distributed (tab-delimited, columns found by name): for each
/// occupation (O*NET-SOC code), each variable's Data Value on its scale, put on O*NET's 0-100
/// scale, `(value − minimum) / (maximum − minimum) × 100`, with the scale's range from
/// `Scales Reference.txt` (or O*NET's published ranges when the release lacks that file).
public struct ONetRatings: Sendable {
    /// Scores (0-100) by O*NET-SOC code, one per rules variable in the rules' order (`nil`: no rating).
    public var scores: [String: [Double?]]
    /// Occupation titles from `Occupation Data.txt`, when the release has it.
    public var titles: [String: String]
    /// The scale ranges used, by Scale ID.
    public var ranges: [String: ClosedRange<Double>]
    /// The files read.
    public var inputs: [DataInput]
    /// Things the user should know (a name that differs from the rules', ranges not in the release).
    public var warnings: [String]

    /// Reads the ratings `rules` needs from `release`.
    ///
    /// - Throws: `SurveyError` naming the file, line and column of a bad cell, an O*NET-SOC code that
    ///   is not `NN-NNNN.NN`, a rating given twice, a value outside its scale, or a rules variable
    ///   whose element and scale the release does not have.
    public static func read(
        _ release: ONetRelease, rules: AnywhereRules, options: ReadOptions = .init()
    ) throws -> ONetRatings {
        var warnings: [String] = []
        var inputs: [DataInput] = []
        var ranges = ONetScales.published
        if let scales = release.files[ONetReleaseFiles.scalesReference] {
            ranges = try readScales(scales, options: options)
            inputs.append(scales)
        } else {
            warnings.append(
                "\(release.root) has no \(ONetReleaseFiles.scalesReference): O*NET's published scale ranges are used (IM 1-5, CX 1-5, CT 1-3, LV 0-7)"
            )
        }
        var scores: [String: [Double?]] = [:]
        for file in AnywhereRules.ONetFile.allCases {
            let wanted = rules.variables.indices.filter { rules.variables[$0].file == file }
            guard !wanted.isEmpty else { continue }
            guard let input = release.files[file.fileName] else {
                let keys = wanted.map { rules.variables[$0].key }.joined(separator: ", ")
                throw SurveyError(
                    .notFound, file: release.root, variable: keys,
                    reason: "has no \(file.fileName), which the rules' variables \(keys) are in")
            }
            inputs.append(input)
            let found = try readRatings(
                input, variables: wanted.map { ($0, rules.variables[$0]) }, count: rules.variables.count,
                ranges: ranges, into: &scores, options: options)
            warnings += found.warnings
            for k in wanted where !found.seen.contains(k) {
                let v = rules.variables[k]
                throw SurveyError(
                    .missingVariable, file: input.description, variable: v.key,
                    reason: "no rating of element \(v.element) (\(v.name)) on scale \(v.scale)",
                    hint: "check the element id and scale in the rules (\(rules.origin))")
            }
        }
        var titles: [String: String] = [:]
        if let data = release.files[ONetReleaseFiles.occupationData] {
            titles = try readTitles(data, options: options)
            inputs.append(data)
        }
        return ONetRatings(scores: scores, titles: titles, ranges: ranges, inputs: inputs, warnings: warnings)
    }

    /// Whether `code` has the form of an O*NET-SOC code, `NN-NNNN.NN`.
    public static func isONetCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 10, bytes[2] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: ".") else { return false }
        return bytes.enumerated().allSatisfy { i, b in i == 2 || i == 7 || (b >= 0x30 && b <= 0x39) }
    }

    /// `Scales Reference.txt`: Scale ID → minimum...maximum.
    static func readScales(_ input: DataInput, options: ReadOptions) throws -> [String: ClosedRange<Double>] {
        var ranges: [String: ClosedRange<Double>] = [:]
        let name = input.description
        _ = try TableFormats.reader(for: input, options: options).read(
            project: { try $0.projection(of: ["Scale ID", "Minimum", "Maximum"], file: name) },
            row: { row in
                let id = row.string(0)
                guard let low = row.double(1), let high = row.double(2), low.isFinite, high.isFinite, low < high else {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: "Minimum, Maximum",
                        reason: "scale \(id) has no usable range ('\(row.string(1))' to '\(row.string(2))')")
                }
                ranges[id] = low...high
            })
        return ranges
    }

    /// Reads one ratings file: the Data Value of each wanted (element, scale), standardised.
    static func readRatings(
        _ input: DataInput, variables: [(index: Int, variable: AnywhereRules.Variable)], count: Int,
        ranges: [String: ClosedRange<Double>], into scores: inout [String: [Double?]], options: ReadOptions
    ) throws -> (seen: Set<Int>, warnings: [String]) {
        let name = input.description
        var byKey: [String: Int] = [:]
        for (index, v) in variables { byKey[v.element + "\t" + v.scale] = index }
        let expected = Dictionary(uniqueKeysWithValues: variables.map { ($0.index, $0.variable) })
        for (_, v) in variables where ranges[v.scale] == nil {
            throw SurveyError(
                .invalidValue, file: name, variable: v.key,
                reason: "scale \(v.scale) has no range in the release's \(ONetReleaseFiles.scalesReference)")
        }
        var seen: Set<Int> = []
        var firstLine: [String: Int] = [:]
        var warnings: [String] = []
        var namesChecked: Set<Int> = []
        _ = try TableFormats.reader(for: input, options: options).read(
            project: {
                try $0.projection(
                    of: ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"], file: name)
            },
            row: { row in
                let key = row.string(1) + "\t" + row.string(3)
                guard let index = byKey[key], let variable = expected[index] else { return }
                let code = row.string(0)
                guard isONetCode(code) else {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: "O*NET-SOC Code",
                        reason: "'\(code)' is not an O*NET-SOC code (NN-NNNN.NN)")
                }
                let range = ranges[variable.scale] ?? 0...100
                guard let value = row.double(4), range.contains(value) else {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: "Data Value",
                        reason:
                            "'\(row.string(4))' for \(code), element \(variable.element) is not a number on scale \(variable.scale) (\(range.lowerBound)-\(range.upperBound))"
                    )
                }
                if let earlier = firstLine[code + "\t" + key] {
                    throw SurveyError(
                        .invalidValue, file: name, line: row.lineNumber, variable: "Data Value",
                        reason:
                            "\(code) has a second rating of element \(variable.element) on scale \(variable.scale) (the first is on line \(earlier))"
                    )
                }
                firstLine[code + "\t" + key] = row.lineNumber
                if !namesChecked.contains(index) {
                    namesChecked.insert(index)
                    let given = row.string(2)
                    if given != variable.name {
                        warnings.append(
                            "\(name): element \(variable.element) is named '\(given)' here, '\(variable.name)' in the rules (variable \(variable.key)); it is matched by its id"
                        )
                    }
                }
                var list = scores[code] ?? [Double?](repeating: nil, count: count)
                list[index] = (value - range.lowerBound) / (range.upperBound - range.lowerBound) * 100
                scores[code] = list
                seen.insert(index)
            })
        return (seen, warnings)
    }

    /// `Occupation Data.txt`: O*NET-SOC code → title.
    static func readTitles(_ input: DataInput, options: ReadOptions) throws -> [String: String] {
        var titles: [String: String] = [:]
        let name = input.description
        _ = try TableFormats.reader(for: input, options: options).read(
            project: { try $0.projection(of: ["O*NET-SOC Code", "Title"], file: name) },
            row: { row in titles[row.string(0)] = row.string(1) })
        return titles
    }
}
