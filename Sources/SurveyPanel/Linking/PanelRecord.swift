import SurveySchema

/// One person-wave, kept compactly for linking across waves: only the
/// harmonised values analyses use, each a value or its typed missing reason.
public struct PanelRecord: Sendable, Hashable {
    public var pidp: Int
    public var wave: Int
    public var interviewYear: Observed<Int16>
    public var interviewMonth: Observed<Int16>
    public var region: Observed<Int16>
    public var nssec5: Observed<Int16>
    public var jbstat: Observed<Int16>
    public var jbhas: Observed<Int16>
    public var jboff: Observed<Int16>
    public var jbpl: Observed<Int16>
    public var jspl: Observed<Int16>
    public var jbwah: Observed<Int16>
    public var wfhDays: Observed<Int16>
    public var origadd: Observed<Int16>
    public var distanceMoved: Observed<Double>
    /// Reasons for moving: family, education, employment, housing, area, other.
    public var moveReasons: [Observed<Int16>]
    public var weightCrossSectional: Observed<Double>
    public var weightLongitudinal: Observed<Double>
    public var strata: Observed<Int32>
    public var psu: Observed<Int32>

    /// The compact record of a decoded person-wave.
    public init(_ p: PersonWave) {
        pidp = p.pidp
        wave = p.wave.number
        interviewYear = p.interviewYear.narrowed()
        interviewMonth = p.interviewMonth.narrowed()
        region = p.region.narrowed()
        nssec5 = p.nssec5.narrowed()
        jbstat = p.jbstat.narrowed()
        jbhas = p.jbhas.narrowed()
        jboff = p.jboff.narrowed()
        jbpl = p.jbpl.narrowed()
        jspl = p.jspl.narrowed()
        jbwah = p.jbwah.narrowed()
        wfhDays = p.wfhDays.narrowed()
        origadd = p.origadd.narrowed()
        distanceMoved = p.distanceMoved
        let r = p.moveReasons
        moveReasons = [r.family, r.education, r.employment, r.housing, r.area, r.other].map { $0.narrowed() }
        weightCrossSectional = p.weightCrossSectional
        weightLongitudinal = p.weightLongitudinal
        strata = p.strata.narrowed()
        psu = p.psu.narrowed()
    }

    /// The interview date as a month count (year × 12 + month − 1), when known.
    public var interviewMonthIndex: Int? {
        guard let y = interviewYear.value, let m = interviewMonth.value, (1...12).contains(m) else { return nil }
        return Int(y) * 12 + Int(m) - 1
    }
}

extension Observed where Value == Int {
    /// The same observation in a narrower integer; a value that does not fit is `missing`.
    func narrowed<T: FixedWidthInteger & Sendable & Hashable>() -> Observed<T> {
        switch self {
        case .value(let v): return T(exactly: v).map { .value($0) } ?? .missing(.missing)
        case .missing(let reason): return .missing(reason)
        }
    }
}
