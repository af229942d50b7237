/// Why a value is absent. Survey missing codes decode to these and stay distinct
/// until a report decides what to do with them; none becomes a number.
public enum MissingReason: String, Sendable, Hashable, CaseIterable {
    /// -1 in UKHLS.
    case dontKnow = "dont_know"
    /// -2 in UKHLS.
    case refused
    /// -7 in UKHLS: a proxy respondent, not asked.
    case proxy
    /// -8 in UKHLS: routed past the question.
    case inapplicable
    /// -9 in UKHLS.
    case missing
    /// -10 in UKHLS (wave 6): not available for the IEMB sample.
    case notAvailableIEMB = "not_available_iemb"
    /// -11 in UKHLS (wave 6): only available for the IEMB sample.
    case onlyIEMB = "only_iemb"
    /// -20 in xwavedat: no data from BHPS.
    case noBHPSData = "no_bhps_data"
    /// -21 in xwavedat: no data from Understanding Society.
    case noUKHLSData = "no_ukhls_data"
    /// -8 in the LFS: no answer.
    case noAnswer = "no_answer"
    /// -9 in the LFS: does not apply.
    case doesNotApply = "does_not_apply"
    /// -10 in older LFS files: no answer or does not apply.
    case noAnswerOrDoesNotApply = "no_answer_or_does_not_apply"
    /// A value a derived variable's recode does not place (for example NS-SEC
    /// "never worked, unemployed, not classified" in a 5-class version).
    case notClassified = "not_classified"
    /// A code the schema's list for the variable does not hold (jbstat 55, region 99, an
    /// undeclared negative code): not a value; counted and reported by file and variable.
    case unknownCode = "unknown_code"
    /// The cell is empty (or `.`, Stata's and SPSS's system-missing value).
    case blank
    /// Stata's extended missing values `.a` … `.z` (the letter is in the file, not here).
    case extendedMissing = "extended_missing"
    /// A value the SPSS file's dictionary declares missing that is not one of the schema's codes.
    case userMissing = "user_missing"
    /// The variable does not exist in this wave (for example `jbwah` before wave 9).
    case notInWave = "not_in_wave"
    /// The variable should exist in this wave but the file lacks it (an optional variable).
    case notInFile = "not_in_file"
}

/// A value, or the reason it is missing.
public enum Observed<Value: Sendable & Hashable>: Sendable, Hashable {
    case value(Value)
    case missing(MissingReason)

    /// The value, or `nil` when missing.
    public var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// The missing reason, or `nil` when there is a value.
    public var missingReason: MissingReason? {
        if case .missing(let reason) = self { return reason }
        return nil
    }
}
