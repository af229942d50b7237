import SurveyFiles

/// One person's answers in one UKHLS wave, decoded through the schema: typed
/// values, each a value or a typed missing reason.
public struct PersonWave: Sendable, Hashable {
    /// The six reasons for moving (MovY, multiple choice): 1 mentioned, 0 not.
    public struct MoveReasons: Sendable, Hashable {
        public var family: Observed<Int>
        public var education: Observed<Int>
        public var employment: Observed<Int>
        public var housing: Observed<Int>
        public var area: Observed<Int>
        public var other: Observed<Int>
    }

    /// Cross-wave person identifier.
    public var pidp: Int
    /// Household identifier, new each wave.
    public var hidp: Int
    /// The wave.
    public var wave: Wave
    /// Person number within the household.
    public var pno: Observed<Int>
    /// Interview year and month.
    public var interviewYear: Observed<Int>
    public var interviewMonth: Observed<Int>
    /// Individual interview outcome (1 = full interview).
    public var ivfio: Observed<Int>
    public var sex: Observed<Int>
    public var age: Observed<Int>
    /// Government office region (1–12).
    public var region: Observed<Int>
    /// NS-SEC classes of the current job.
    public var nssec5: Observed<Int>
    public var nssec8: Observed<Int>
    public var nssec3: Observed<Int>
    /// Employment: status, paid work last week, away from a job, employee or self-employed.
    public var jbstat: Observed<Int>
    public var jbhas: Observed<Int>
    public var jboff: Observed<Int>
    public var jbsemp: Observed<Int>
    /// Place of work (employees, self-employed).
    public var jbpl: Observed<Int>
    public var jspl: Observed<Int>
    /// How often works at home (waves 9 on).
    public var jbwah: Observed<Int>
    /// Days a week working at home (wave 14 on; unverified source).
    public var wfhDays: Observed<Int>
    /// Moved since the last wave: origadd (2 = moved) and addrmov_dv.
    public var origadd: Observed<Int>
    public var addrmov: Observed<Int>
    /// Distance moved since the last wave, km.
    public var distanceMoved: Observed<Double>
    /// Reasons for moving.
    public var moveReasons: MoveReasons
    /// Weights and design.
    public var weightCrossSectional: Observed<Double>
    public var weightLongitudinal: Observed<Double>
    public var strata: Observed<Int>
    public var psu: Observed<Int>
    /// Variables a user's schema adds, by harmonised name.
    public var extras: [String: HarmonisedValue]

    /// The harmonised names `PersonWave` has a property for.
    public static let knownNames: Set<String> = [
        "pidp", "hidp", "pno", "intdaty", "intdatm", "ivfio", "sex", "age", "gor", "nssec5", "nssec8", "nssec3",
        "jbstat", "jbhas", "jboff", "jbsemp", "jbpl", "jspl", "jbwah", "wfhdays", "origadd", "addrmov", "distmov",
        "movy_family", "movy_education", "movy_employment", "movy_housing", "movy_area", "movy_other",
        "weight_xs", "weight_lw", "strata", "psu",
    ]

    /// Builds the record from decoded values; `extras` is `layout.positions(excluding: PersonWave.knownNames)`,
    /// worked out here when not given.
    ///
    /// - Throws: `.invalidValue` when `pidp` or `hidp` is absent.
    public init(
        values: [HarmonisedValue], layout: FileLayout, file: String, line: Int,
        extras extraPositions: [(name: String, position: Int)]? = nil
    ) throws(SurveyFileError) {
        func value(_ name: String) -> HarmonisedValue {
            guard let i = layout.position(of: name) else { return .missing(.notInFile) }
            return values[i]
        }
        func int(_ name: String) -> Observed<Int> { value(name).intObserved }
        func number(_ name: String) -> Observed<Double> { value(name).numberObserved }
        guard let wave = layout.wave else {
            throw SurveyFileError(
                .invalidValue, file: file, line: line, reason: "a PersonWave comes from a UKHLS wave's file")
        }
        guard let pidp = int("pidp").value else {
            throw SurveyFileError(
                .invalidValue, file: file, line: line, variable: "pidp", reason: "every row needs a person identifier")
        }
        guard let hidp = int("hidp").value else {
            throw SurveyFileError(
                .invalidValue, file: file, line: line, variable: wave.letter + "_hidp",
                reason: "every row needs a household identifier")
        }
        self.pidp = pidp
        self.hidp = hidp
        self.wave = wave
        pno = int("pno")
        interviewYear = int("intdaty")
        interviewMonth = int("intdatm")
        ivfio = int("ivfio")
        sex = int("sex")
        age = int("age")
        region = int("gor")
        nssec5 = int("nssec5")
        nssec8 = int("nssec8")
        nssec3 = int("nssec3")
        jbstat = int("jbstat")
        jbhas = int("jbhas")
        jboff = int("jboff")
        jbsemp = int("jbsemp")
        jbpl = int("jbpl")
        jspl = int("jspl")
        jbwah = int("jbwah")
        wfhDays = int("wfhdays")
        origadd = int("origadd")
        addrmov = int("addrmov")
        distanceMoved = number("distmov")
        moveReasons = MoveReasons(
            family: int("movy_family"), education: int("movy_education"), employment: int("movy_employment"),
            housing: int("movy_housing"), area: int("movy_area"), other: int("movy_other"))
        weightCrossSectional = number("weight_xs")
        weightLongitudinal = number("weight_lw")
        strata = int("strata")
        psu = int("psu")
        var extras: [String: HarmonisedValue] = [:]
        for (name, position) in extraPositions ?? layout.positions(excluding: Self.knownNames) {
            extras[name] = values[position]
        }
        self.extras = extras
    }
}
