import SurveyFiles

/// One person in one LFS quarter, decoded through the schema: the one record type
/// of the quarterly LFS, from reading to linking to estimation. Codes are stored
/// narrow, so many quarters stay small in memory.
public struct LFSPerson: SurveyRecord, Hashable {
    /// Household serial (HSERIALP): the household's identifier.
    public var hserial: Int
    /// Person number in the household.
    public var persno: Observed<Int16>
    /// The person identifier (CASENOP), used to link quarterly files only when asked.
    public var casenop: Observed<Int>
    /// Wave of the five-quarter rotation (1–5).
    public var thiswv: Observed<Int16>
    public var age: Observed<Int16>
    /// ILO economic activity: 1 in employment.
    public var ilodefr: Observed<Int16>
    /// Where works in relation to home (main job; second job): 1 own home, 2 same grounds,
    /// 3 home as a base, 4 separate.
    public var home: Observed<Int16>
    public var home2: Observed<Int16>
    /// NS-SEC: major group (1–8), and the 5- and 3-class versions.
    public var nssecMajor: Observed<Int16>
    public var nssec5: Observed<Int16>
    public var nssec3: Observed<Int16>
    /// Region of residence (GOVTOF2 codes, no 3).
    public var region: Observed<Int16>
    /// Sex: 1 male, 2 female.
    public var sex: Observed<Int16>
    /// Occupation of the main job: SOC 2010 unit group (SOC10M, to 2020) and SOC 2020 (SOC20M, from 2021).
    public var soc2010: Observed<Int16>
    public var soc2020: Observed<Int16>
    /// Industry section of the main job, SIC 2007 (1-21 = A-U).
    public var industry: Observed<Int16>
    /// Highest qualification (1 degree … 6 none, 7 don't know).
    public var hiqual: Observed<Int16>
    /// Basic economic activity (INECAC05: 1 employee, 2 self-employed, …).
    public var employmentStatus: Observed<Int16>
    /// Gross weekly pay in the main job (pounds; employees in waves 1 and 5) and the income weight.
    public var grossWeeklyPay: Observed<Double>
    public var incomeWeight: Observed<Double>
    /// Type of family unit (FUTYPE6), the person's place in it (RELHFU: 1 head, 2 partner, 3 child)
    /// and dependent children under 19 in it.
    public var familyType: Observed<Int16>
    public var relationship: Observed<Int16>
    public var dependentChildren: Observed<Int16>
    /// The design variables the schema declares: the person weight of the file's vintage, and the household
    /// as the cluster.
    public var design: DesignValues
    /// The indicators the schema declares (worker, home_based, mainly_home).
    public var indicators: IndicatorValues

    /// The harmonised variables an `LFSPerson` holds.
    public enum Field: Int, CaseIterable, Sendable {
        case hserial, persno, casenop, thiswv, age, ilodefr, home, home2, nssecMajor, nssec5, nssec3, region
        case sex, soc2010, soc2020, industry, hiqual, employmentStatus, grossWeeklyPay, incomeWeight, familyType
        case dependentChildren, relationship
    }

    public static func harmonisedName(_ field: Field) -> String {
        switch field {
        case .nssecMajor: return "nssec_major"
        case .employmentStatus: return "employment_status"
        case .grossWeeklyPay: return "gross_weekly_pay"
        case .incomeWeight: return "income_weight"
        case .familyType: return "family_type"
        case .dependentChildren: return "dependent_children"
        default: return String(describing: field)
        }
    }

    /// Builds the record from one row's decoded values.
    ///
    /// - Throws: `.invalidValue` naming the file, line and `HSERIALP` when the household serial is absent.
    public init(values: [HarmonisedValue], fields: RecordFields<LFSPerson>, file: String, line: Int)
        throws(SurveyError)
    {
        @inline(__always) func value(_ f: Field) -> HarmonisedValue { fields.value(f, in: values) }
        @inline(__always) func code(_ f: Field) -> Observed<Int16> { fields.code(f, in: values) }
        guard let hserial = value(.hserial).intObserved.value else {
            throw SurveyError(
                .invalidValue, file: file, line: line, variable: "HSERIALP",
                reason: "every row needs a household serial")
        }
        self.hserial = hserial
        persno = code(.persno)
        casenop = value(.casenop).intObserved
        thiswv = code(.thiswv)
        age = code(.age)
        ilodefr = code(.ilodefr)
        home = code(.home)
        home2 = code(.home2)
        nssecMajor = code(.nssecMajor)
        nssec5 = code(.nssec5)
        nssec3 = code(.nssec3)
        region = code(.region)
        sex = code(.sex)
        soc2010 = code(.soc2010)
        soc2020 = code(.soc2020)
        industry = code(.industry)
        hiqual = code(.hiqual)
        employmentStatus = code(.employmentStatus)
        grossWeeklyPay = value(.grossWeeklyPay).numberObserved
        incomeWeight = value(.incomeWeight).numberObserved
        familyType = code(.familyType)
        relationship = code(.relationship)
        dependentChildren = code(.dependentChildren)
        design = fields.design(in: values)
        indicators = fields.indicators(in: values)
    }
}

extension Observed where Value == Int {
    /// The same observation in a narrower integer; a value that does not fit is `missing`.
    public func narrowed<T: FixedWidthInteger & Sendable & Hashable>() -> Observed<T> {
        switch self {
        case .value(let v): return T(exactly: v).map { .value($0) } ?? .missing(.missing)
        case .missing(let reason): return .missing(reason)
        }
    }
}
