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
    /// The design variables the schema declares: the person weight of the file's vintage, and the household
    /// as the cluster.
    public var design: DesignValues
    /// The indicators the schema declares (worker, home_based, mainly_home).
    public var indicators: IndicatorValues

    /// The harmonised variables an `LFSPerson` holds.
    public enum Field: Int, CaseIterable, Sendable {
        case hserial, persno, casenop, thiswv, age, ilodefr, home, home2, nssecMajor, nssec5, nssec3, region
    }

    public static func harmonisedName(_ field: Field) -> String {
        field == .nssecMajor ? "nssec_major" : String(describing: field)
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
