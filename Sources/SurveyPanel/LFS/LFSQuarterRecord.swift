import SurveySchema

/// One person in one LFS quarter, kept compactly for tables and linking: only the
/// harmonised values analyses use, each a value or its typed missing reason.
public struct LFSQuarterRecord: Sendable, Hashable {
    /// Household serial (HSERIALP): the cluster in standard errors.
    public var hserial: Int
    public var persno: Observed<Int16>
    /// The person identifier (CASENOP), used to link quarterly files only when asked.
    public var casenop: Observed<Int>
    /// Wave of the five-quarter rotation (1–5).
    public var thiswv: Observed<Int16>
    public var age: Observed<Int16>
    /// ILO economic activity: 1 in employment.
    public var ilodefr: Observed<Int16>
    /// Where works in relation to home: 1 own home, 2 same grounds, 3 home as a base, 4 separate.
    public var home: Observed<Int16>
    /// NS-SEC major group (1–8) and the 5- and 3-class versions.
    public var nssecMajor: Observed<Int16>
    public var nssec5: Observed<Int16>
    public var nssec3: Observed<Int16>
    /// Region of residence (GOVTOF2 codes).
    public var region: Observed<Int16>
    /// The person weight of the file's vintage.
    public var weight: Observed<Double>

    /// The compact record of a decoded person.
    public init(_ p: LFSPerson) {
        hserial = p.hserial
        persno = p.persno.narrowed()
        casenop = p.casenop
        thiswv = p.thiswv.narrowed()
        age = p.age.narrowed()
        ilodefr = p.ilodefr.narrowed()
        home = p.home.narrowed()
        nssecMajor = p.nssecMajor.narrowed()
        nssec5 = p.nssec5.narrowed()
        nssec3 = p.nssec3.narrowed()
        region = p.region.narrowed()
        weight = p.weight
    }

    /// In employment (ILODEFR = 1).
    public var isWorker: Bool { ilodefr == .value(1) }
}
