import SurveyFiles

/// One person's answers in one UKHLS wave, decoded through the schema: the one
/// record type of the UKHLS, used from reading to linking to estimation. Every
/// value is a value or a typed missing reason; codes are stored narrow, so a full
/// panel (seven waves of ~35,000 people) stays small in memory.
public struct PersonWave: SurveyRecord, Hashable {
    /// The six reasons for moving (MovY, multiple choice): 1 mentioned, 0 not.
    public struct MoveReasons: Sendable, Hashable {
        public var family: Observed<Int16>
        public var education: Observed<Int16>
        public var employment: Observed<Int16>
        public var housing: Observed<Int16>
        public var area: Observed<Int16>
        public var other: Observed<Int16>

        /// The reasons' names, in order (the harmonised `movy_NAME` variables).
        public static let names = ["family", "education", "employment", "housing", "area", "other"]

        /// The reasons in the order family, education, employment, housing, area, other.
        public var all: [Observed<Int16>] { [family, education, employment, housing, area, other] }

        /// Reason `index` in that order (0 family … 5 other).
        public subscript(index: Int) -> Observed<Int16> {
            switch index {
            case 0: return family
            case 1: return education
            case 2: return employment
            case 3: return housing
            case 4: return area
            default: return other
            }
        }
    }

    /// Cross-wave person identifier.
    public var pidp: Int
    /// Household identifier, new each wave.
    public var hidp: Int
    /// The wave.
    public var wave: Wave
    /// Person number within the household.
    public var pno: Observed<Int16>
    /// Individual interview outcome (1 = full interview).
    public var ivfio: Observed<Int16>
    public var sex: Observed<Int16>
    public var age: Observed<Int16>
    /// Government office region (1–12).
    public var region: Observed<Int16>
    /// NS-SEC classes of the current job.
    public var nssec5: Observed<Int16>
    public var nssec8: Observed<Int16>
    public var nssec3: Observed<Int16>
    /// Employment: status, paid work last week, away from a job, employee or self-employed.
    public var jbstat: Observed<Int16>
    public var jbhas: Observed<Int16>
    public var jboff: Observed<Int16>
    public var jbsemp: Observed<Int16>
    /// Place of work (employees, self-employed).
    public var jbpl: Observed<Int16>
    public var jspl: Observed<Int16>
    /// How often works at home (waves 9 on).
    public var jbwah: Observed<Int16>
    /// Days a week working at home (wave 14 on; unverified source).
    public var wfhDays: Observed<Int16>
    /// Moved since the last wave: origadd (2 = moved) and addrmov_dv.
    public var origadd: Observed<Int16>
    public var addrmov: Observed<Int16>
    /// Distance moved since the last wave, km.
    public var distanceMoved: Observed<Double>
    /// Reasons for moving.
    public var moveReasons: MoveReasons
    /// The longitudinal weight.
    public var weightLongitudinal: Observed<Double>
    /// The design variables the schema declares: the cross-sectional weight, stratum, PSU and interview date.
    public var design: DesignValues
    /// The indicators the schema declares (worker, high_skilled, works_at_home, …).
    public var indicators: IndicatorValues

    /// The harmonised variables a `PersonWave` holds.
    public enum Field: Int, CaseIterable, Sendable {
        case pidp, hidp, pno, ivfio, sex, age, gor, nssec5, nssec8, nssec3, jbstat, jbhas, jboff,
            jbsemp, jbpl, jspl, jbwah, wfhdays, origadd, addrmov, distmov, movyFamily, movyEducation,
            movyEmployment, movyHousing, movyArea, movyOther, weightLW
    }

    public static func harmonisedName(_ field: Field) -> String {
        switch field {
        case .movyFamily: return "movy_family"
        case .movyEducation: return "movy_education"
        case .movyEmployment: return "movy_employment"
        case .movyHousing: return "movy_housing"
        case .movyArea: return "movy_area"
        case .movyOther: return "movy_other"
        case .weightLW: return "weight_lw"
        default: return String(describing: field)
        }
    }

    /// Builds the record from one row's decoded values.
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when `pidp` or `hidp` is absent,
    ///   or when the layout is not a UKHLS wave's.
    public init(values: [HarmonisedValue], fields: RecordFields<PersonWave>, file: String, line: Int)
        throws(SurveyError)
    {
        @inline(__always) func value(_ f: Field) -> HarmonisedValue { fields.value(f, in: values) }
        @inline(__always) func code(_ f: Field) -> Observed<Int16> { fields.code(f, in: values) }
        @inline(__always) func number(_ f: Field) -> Observed<Double> { value(f).numberObserved }
        guard let wave = fields.wave else {
            throw SurveyError(
                .invalidValue, file: file, line: line, reason: "a PersonWave comes from a UKHLS wave's file")
        }
        guard let pidp = value(.pidp).intObserved.value else {
            throw SurveyError(
                .invalidValue, file: file, line: line, variable: "pidp", reason: "every row needs a person identifier")
        }
        guard let hidp = value(.hidp).intObserved.value else {
            throw SurveyError(
                .invalidValue, file: file, line: line, variable: wave.letter + "_hidp",
                reason: "every row needs a household identifier")
        }
        self.pidp = pidp
        self.hidp = hidp
        self.wave = wave
        pno = code(.pno)
        ivfio = code(.ivfio)
        sex = code(.sex)
        age = code(.age)
        region = code(.gor)
        nssec5 = code(.nssec5)
        nssec8 = code(.nssec8)
        nssec3 = code(.nssec3)
        jbstat = code(.jbstat)
        jbhas = code(.jbhas)
        jboff = code(.jboff)
        jbsemp = code(.jbsemp)
        jbpl = code(.jbpl)
        jspl = code(.jspl)
        jbwah = code(.jbwah)
        wfhDays = code(.wfhdays)
        origadd = code(.origadd)
        addrmov = code(.addrmov)
        distanceMoved = number(.distmov)
        moveReasons = MoveReasons(
            family: code(.movyFamily), education: code(.movyEducation), employment: code(.movyEmployment),
            housing: code(.movyHousing), area: code(.movyArea), other: code(.movyOther))
        weightLongitudinal = number(.weightLW)
        design = fields.design(in: values)
        indicators = fields.indicators(in: values)
    }
}
