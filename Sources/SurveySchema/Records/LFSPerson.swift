import SurveyFiles

/// One person in one LFS quarter, decoded through the schema.
public struct LFSPerson: Sendable, Hashable {
    /// Household serial, person number and (when present) the person identifier.
    public var hserial: Int
    public var persno: Observed<Int>
    public var casenop: Observed<Int>
    /// Wave of the five-quarter rotation.
    public var thiswv: Observed<Int>
    public var age: Observed<Int>
    /// ILO economic activity: 1 in employment.
    public var ilodefr: Observed<Int>
    /// Where works in relation to home (main job; second job).
    public var home: Observed<Int>
    public var home2: Observed<Int>
    /// NS-SEC: major group, and the 5- and 3-class versions.
    public var nssecMajor: Observed<Int>
    public var nssec5: Observed<Int>
    public var nssec3: Observed<Int>
    /// Region of residence (GOVTOF2 codes, no 3).
    public var region: Observed<Int>
    /// Person weight of the file's vintage.
    public var weight: Observed<Double>
    /// Variables a user's schema adds.
    public var extras: [String: HarmonisedValue]

    /// The harmonised names `LFSPerson` has a property for.
    public static let known: Set<String> = [
        "hserial", "persno", "casenop", "thiswv", "age", "ilodefr", "home", "home2", "nssec_major", "nssec5", "nssec3",
        "region", "weight",
    ]

    /// Builds the record from decoded values; `extras` is `layout.positions(excluding: LFSPerson.known)`,
    /// worked out here when not given.
    ///
    /// - Throws: `.invalidValue` when the household serial is absent.
    public init(
        values: [HarmonisedValue], layout: FileLayout, file: String, line: Int,
        extras extraPositions: [(name: String, position: Int)]? = nil
    ) throws(SurveyFileError) {
        func value(_ name: String) -> HarmonisedValue {
            guard let i = layout.position(of: name) else { return .missing(.notInFile) }
            return values[i]
        }
        func int(_ name: String) -> Observed<Int> { value(name).intObserved }
        guard let hserial = int("hserial").value else {
            throw SurveyFileError(
                .invalidValue, file: file, line: line, variable: "HSERIALP",
                reason: "every row needs a household serial")
        }
        self.hserial = hserial
        persno = int("persno")
        casenop = int("casenop")
        thiswv = int("thiswv")
        age = int("age")
        ilodefr = int("ilodefr")
        home = int("home")
        home2 = int("home2")
        nssecMajor = int("nssec_major")
        nssec5 = int("nssec5")
        nssec3 = int("nssec3")
        region = int("region")
        weight = value("weight").numberObserved
        var extras: [String: HarmonisedValue] = [:]
        for (name, position) in extraPositions ?? layout.positions(excluding: Self.known) {
            extras[name] = values[position]
        }
        self.extras = extras
    }
}

extension WaveFileReader {
    /// Calls `body` with each person of an LFS quarter's file.
    @discardableResult
    public func forEachLFSPerson(_ body: (LFSPerson) throws -> Void) throws -> TableSummary {
        let file = input.description
        var extras: [(name: String, position: Int)]?
        return try forEachRecord { layout, values, row in
            if extras == nil { extras = layout.positions(excluding: LFSPerson.known) }
            try body(try LFSPerson(values: values, layout: layout, file: file, line: row.lineNumber, extras: extras))
        }
    }
}
