import SurveySchema

/// The Stata extended missing value (`.a`–`.z`) that carries each missing reason in a `.dta`
/// export, so that `tab x, missing` shows why, and R haven's `read_dta` gives tagged NAs: the
/// reasons in the order `MissingReason` declares them, then `not_interviewed` (a wave a person has
/// no row in, in the wide panel).
///
/// | letter | reason | letter | reason |
/// |---|---|---|---|
/// | .a | dont_know | .k | does_not_apply |
/// | .b | refused | .l | no_answer_or_does_not_apply |
/// | .c | proxy | .m | not_classified |
/// | .d | inapplicable | .n | unknown_code |
/// | .e | missing | .o | blank |
/// | .f | not_available_iemb | .p | extended_missing |
/// | .g | only_iemb | .q | user_missing |
/// | .h | no_bhps_data | .r | not_in_wave |
/// | .i | no_ukhls_data | .s | not_in_file |
/// | .j | no_answer | .t | not_interviewed |
public enum MissingLetters {
    /// The words of each letter, 1 (`.a`) on.
    public static let words: [String] = MissingReason.allCases.map(\.rawValue) + [notInterviewedWord]

    /// The reason said for a wave a person has no row in (the wide panel).
    public static let notInterviewedWord = "not_interviewed"

    /// The letter (1 = `.a`) of `reason`.
    public static func letter(_ reason: MissingReason) -> UInt8 {
        UInt8((MissingReason.allCases.firstIndex(of: reason) ?? 0) + 1)
    }

    /// The letter of `not_interviewed`.
    public static var notInterviewed: UInt8 { UInt8(words.count) }

    /// Letter → words, as a typed table's `missingLetters`.
    public static var table: [UInt8: String] {
        Dictionary(uniqueKeysWithValues: words.enumerated().map { (UInt8($0.offset + 1), $0.element) })
    }

    /// `.a dont_know; .b refused; …`.
    public static var legend: String {
        words.enumerated().map { ".\(Character(UnicodeScalar(UInt8(0x61 + $0.offset)))) \($0.element)" }
            .joined(separator: "; ")
    }

    /// The longest reason's length in bytes (a reason column's width).
    public static var longestReason: Int { words.map(\.utf8.count).max() ?? 1 }
}
