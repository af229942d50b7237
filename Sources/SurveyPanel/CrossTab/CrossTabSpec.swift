import Foundation
import SurveyFiles
import SurveySchema

/// A user-defined cross-tabulation: among observations in `domain`, the weighted
/// share in each category of `columns`, for each category of `rows` (and all
/// rows together), for each wave, year or quarter. Domains are estimated on the
/// full design; observations with a missing row or column value are outside the
/// domain and counted in the report's notes.
public struct CrossTabSpec: Sendable, Equatable {
    /// The survey the table reads.
    public enum Survey: String, Sendable, CaseIterable {
        case ukhls, lfs
    }

    /// What the table is estimated for, one table each.
    public enum By: String, Sendable, CaseIterable {
        /// Each UKHLS wave on its own design.
        case wave
        /// Each LFS quarterly file on its own design.
        case quarter
        /// Each calendar year: UKHLS person-waves pooled by interview year, LFS calendar quarters pooled by year;
        /// the year is a domain of the pooled design.
        case year
        /// Everything pooled into one table.
        case all
    }

    /// A domain condition: `variable` has one of `values` (or, when `negated`, none of them).
    public typealias Condition = CodeCondition

    /// The table's name: its folder and the `table` column of estimates.csv.
    public var name: String
    public var survey: Survey
    /// The row variable (harmonised or derived).
    public var rows: String
    /// The column variable: the shares are of its categories.
    public var columns: String
    /// Conditions every observation in the domain meets.
    public var domain: [Condition]
    /// The weight variable, or `nil` for unweighted estimates (the design's clustering kept).
    public var weight: String?
    public var by: By

    public init(
        name: String, survey: Survey, rows: String, columns: String, domain: [Condition] = [], weight: String?,
        by: By
    ) {
        self.name = name
        self.survey = survey
        self.rows = rows
        self.columns = columns
        self.domain = domain
        self.weight = weight
        self.by = by
    }

    /// The default weight of a survey: the one its built-in schema declares (`design: weight:`).
    public static func defaultWeight(_ survey: Survey) -> String? {
        (try? SchemaLoader.builtin(survey.rawValue))?.design.weight
    }
}

/// A variable a cross-tab can use: a harmonised variable, or an indicator derived from several.
public struct CrossTabVariable: Sendable {
    /// The name used in job files.
    public var name: String
    public var label: String
    /// Labels by code.
    public var codes: [Int: String]
    /// The harmonised variable, when not derived.
    public var harmonised: HarmonisedVariable?

    /// The schema's indicators, as cross-tab variables (0 no, 1 yes).
    public static func indicators(of schema: Schema) -> [CrossTabVariable] {
        schema.indicators.map { CrossTabVariable(name: $0.name, label: $0.label, codes: [0: "no", 1: "yes"]) }
    }

    /// The variables a cross-tab can use with `schema`: its indicators first, then the person file's harmonised
    /// variables with numbers.
    public static func available(in schema: Schema) -> [CrossTabVariable] {
        indicators(of: schema)
            + schema.personVariables.filter { $0.type == .code || $0.type == .int || $0.type == .number }.map {
                CrossTabVariable(name: $0.name, label: $0.label, codes: $0.codes, harmonised: $0)
            }
    }

    /// The label of a category: `1 Management & professional`, or the code alone.
    public func label(of code: Int) -> String {
        codes[code].map { "\(code) \($0)" } ?? String(code)
    }
}
