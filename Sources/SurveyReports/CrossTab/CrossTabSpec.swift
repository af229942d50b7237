import Foundation
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

    /// `variable` has one of `values` (or, when `negated`, none of them).
    public struct Condition: Sendable, Equatable, CustomStringConvertible {
        public var variable: String
        public var values: Set<Int>
        public var negated: Bool

        public init(variable: String, values: Set<Int>, negated: Bool = false) {
            self.variable = variable
            self.values = values
            self.negated = negated
        }

        /// Parses `worker = 1`, `jbstat != 3`, `jbstat in 1,2`, `age in 16-64`.
        public init?(parsing text: String) {
            let t = text.trimmingCharacters(in: .whitespaces)
            let patterns: [(String, Bool)] = [("!=", true), (" in ", false), ("=", false)]
            for (op, negated) in patterns {
                guard let range = t.range(of: op) else { continue }
                let name = t[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let rhs = t[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, !name.contains(" "), let values = Self.values(rhs) else { return nil }
                self.init(variable: name, values: values, negated: negated)
                return
            }
            return nil
        }

        /// `1,2,5` or `16-64` or a mix; negative codes allowed (`-9`).
        static func values(_ text: String) -> Set<Int>? {
            var result = Set<Int>()
            for part in text.split(separator: ",") {
                let p = part.trimmingCharacters(in: .whitespaces)
                if let v = Int(p) {
                    result.insert(v)
                    continue
                }
                // A range a-b (a may be negative: -9-3 is not allowed, keep ranges positive).
                let ends = p.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count == 2, let a = Int(ends[0].trimmingCharacters(in: .whitespaces)),
                    let b = Int(ends[1].trimmingCharacters(in: .whitespaces)), a <= b, b - a <= 10_000
                else { return nil }
                result.formUnion(a...b)
            }
            return result.isEmpty ? nil : result
        }

        /// Whether `value` meets the condition (a missing value never does).
        public func holds(_ value: Int32?) -> Bool {
            guard let value else { return false }
            return values.contains(Int(value)) != negated
        }

        public var description: String {
            let list = values.sorted().map(String.init).joined(separator: ",")
            return negated
                ? "\(variable) != \(list)" : values.count == 1 ? "\(variable) = \(list)" : "\(variable) in \(list)"
        }
    }

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

    /// The default weight of a survey: the cross-sectional weight (UKHLS) or the person weight (LFS).
    public static func defaultWeight(_ survey: Survey) -> String { survey == .ukhls ? "weight_xs" : "weight" }

    /// The file role of the survey's person records.
    var role: String { survey == .ukhls ? "indresp" : "lfsp" }
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

    /// Indicators derived from several variables (0/1), per survey.
    public static func derived(_ survey: CrossTabSpec.Survey) -> [CrossTabVariable] {
        let yesNo = [0: "no", 1: "yes"]
        switch survey {
        case .ukhls:
            return [
                CrossTabVariable(name: "worker", label: "In work (jbhas = 1 or jboff = 1)", codes: yesNo),
                CrossTabVariable(name: "high_skilled", label: "A worker in NS-SEC class 1", codes: yesNo),
                CrossTabVariable(
                    name: "works_at_home", label: "A worker working at home at all (jbpl = 1, jspl 1-2, jbwah 1-3)",
                    codes: yesNo),
                CrossTabVariable(
                    name: "greater_south_east", label: "Lives in London, the South East or the East of England",
                    codes: yesNo),
            ]
        case .lfs:
            return [
                CrossTabVariable(name: "worker", label: "In employment (ILODEFR = 1)", codes: yesNo),
                CrossTabVariable(
                    name: "home_based", label: "Home as a base (HOME 1-3; missing unless HOME is 1-4)", codes: yesNo),
                CrossTabVariable(
                    name: "mainly_home", label: "Mainly at home (HOME = 1; missing unless HOME is 1-4)", codes: yesNo),
            ]
        }
    }

    /// The variables a cross-tab of `survey` can use with `schema`: derived first, then harmonised.
    public static func available(_ survey: CrossTabSpec.Survey, schema: Schema) -> [CrossTabVariable] {
        let role = survey == .ukhls ? "indresp" : "lfsp"
        return derived(survey)
            + schema.variables(in: role).filter { $0.type == .code || $0.type == .int || $0.type == .number }.map {
                CrossTabVariable(name: $0.name, label: $0.label, codes: $0.codes, harmonised: $0)
            }
    }

    /// The label of a category: `1 Management & professional`, or the code alone.
    public func label(of code: Int) -> String {
        codes[code].map { "\(code) \($0)" } ?? String(code)
    }
}
