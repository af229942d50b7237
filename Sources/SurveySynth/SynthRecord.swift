/// One synthetic person-wave: the harmonised values the generator plants,
/// written out under the schema's source names.
struct SynthRecord: Sendable {
    var pidp: Int
    var hidp: Int
    var pno: Int
    var intdaty: Int
    var intdatm: Int
    var ivfio: Int
    var sex: Int
    var age: Int
    var gor: Int
    var nssec5: Int
    var nssec8: Int
    var nssec3: Int
    var jbstat: Int
    var jbhas: Int
    var jboff: Int
    var jbsemp: Int
    var jbpl: Int
    var jspl: Int
    var jbwah: Int
    var wfhdays: Int
    var origadd: Int
    var addrmov: Int
    var distmov: Double?  // nil: -8 (not moved, or no earlier interview)
    var movy: [Int]  // family, education, employment, housing, area, other
    var weightXS: Double
    var weightLW: Double
    var strata: Int
    var psu: Int

    /// For each harmonised variable, the text written in the file.
    static let cells: [String: @Sendable (SynthRecord) -> String] = [
        "pidp": { r in String(r.pidp) },
        "hidp": { r in String(r.hidp) },
        "pno": { r in String(r.pno) },
        "intdaty": { r in String(r.intdaty) },
        "intdatm": { r in String(r.intdatm) },
        "ivfio": { r in String(r.ivfio) },
        "sex": { r in String(r.sex) },
        "age": { r in String(r.age) },
        "gor": { r in String(r.gor) },
        "nssec5": { r in String(r.nssec5) },
        "nssec8": { r in String(r.nssec8) },
        "nssec3": { r in String(r.nssec3) },
        "jbstat": { r in String(r.jbstat) },
        "jbhas": { r in String(r.jbhas) },
        "jboff": { r in String(r.jboff) },
        "jbsemp": { r in String(r.jbsemp) },
        "jbpl": { r in String(r.jbpl) },
        "jspl": { r in String(r.jspl) },
        "jbwah": { r in String(r.jbwah) },
        "wfhdays": { r in String(r.wfhdays) },
        "origadd": { r in String(r.origadd) },
        "addrmov": { r in String(r.addrmov) },
        "distmov": { r in r.distmov.map { SynthRecord.decimal($0, places: 2) } ?? "-8" },
        "movy_family": { r in String(r.movy[0]) },
        "movy_education": { r in String(r.movy[1]) },
        "movy_employment": { r in String(r.movy[2]) },
        "movy_housing": { r in String(r.movy[3]) },
        "movy_area": { r in String(r.movy[4]) },
        "movy_other": { r in String(r.movy[5]) },
        "weight_xs": { r in SynthRecord.decimal(r.weightXS, places: 6) },
        "weight_lw": { r in SynthRecord.decimal(r.weightLW, places: 6) },
        "strata": { r in String(r.strata) },
        "psu": { r in String(r.psu) },
    ]

    /// The value of harmonised variable `name` as the text written in the file (-9 for one the generator does not plant).
    func cell(_ name: String) -> String {
        Self.cells[name]?(self) ?? "-9"
    }

    /// A fixed-point decimal, the way Stata's tab export writes it (no exponent).
    static func decimal(_ value: Double, places: Int) -> String {
        if value == 0 { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// In work: did paid work last week, or has a job though away from it.
    var inWork: Bool { jbhas == 1 || jboff == 1 }
    /// Works at home at all: jbpl 1 (employees), jspl 1–2 (self-employed), or jbwah 1–3.
    var worksAtHome: Bool { jbpl == 1 || jspl == 1 || jspl == 2 || (1...3).contains(jbwah) }
    /// Moved since the previous wave.
    var moved: Bool { origadd == 2 }
}
