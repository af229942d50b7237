/// A survey's sample design and person file, declared once in its schema
/// (`design:`): the harmonised names of the weight, strata, PSU and interview
/// date, and the file role of person records. Estimation frames, the cross-tabs
/// and the briefing take them from here, never from names written in code.
public struct SampleDesign: Sendable, Equatable {
    /// The file role of person records (`indresp`, `lfsp`).
    public var persons: String
    /// The variables that identify a person in the person file (`pidp`; LFS `hserial`, `persno`):
    /// a second row with the same values is an error.
    public var id: [String] = []
    /// The default weight (`weight_xs`), when the survey has one.
    public var weight: String?
    /// The strata, when the survey publishes them (none: one stratum).
    public var strata: String?
    /// The primary sampling units or clusters (`psu`; households in the LFS).
    public var psu: String?
    /// The interview year and month, when recorded.
    public var interviewYear: String?
    public var interviewMonth: String?
    /// Every weight of the person files and the analyses it is for (`weights:`), in the schema's order.
    public var weights: [WeightUse] = []

    /// A weight and the analyses it is for.
    public struct WeightUse: Sendable, Equatable {
        /// The weight's harmonised name.
        public var name: String
        /// The analyses it is for, in words.
        public var use: String

        public init(name: String, use: String) {
            self.name = name
            self.use = use
        }
    }

    /// The weights to name: those declared, or else the default weight.
    public var weightUses: [WeightUse] {
        if !weights.isEmpty { return weights }
        return weight.map { [WeightUse(name: $0, use: "the person weight")] } ?? []
    }

    /// The variables any design-based analysis of the person files needs, in this order: the
    /// identifiers, every weight, the strata and the PSU (each once).
    public var columns: [String] {
        var seen = Set<String>()
        return (id + weightUses.map(\.name) + [weight, strata, psu].compactMap { $0 }).filter { seen.insert($0).inserted }
    }

    /// A design; only the person file is required.
    public init(
        persons: String, id: [String] = [], weight: String? = nil, strata: String? = nil, psu: String? = nil,
        interviewYear: String? = nil, interviewMonth: String? = nil
    ) {
        self.persons = persons
        self.id = id
        self.weight = weight
        self.strata = strata
        self.psu = psu
        self.interviewYear = interviewYear
        self.interviewMonth = interviewMonth
    }

    /// The declared names by YAML key, in the order the schema writes them.
    var named: [(key: String, name: String?)] {
        [
            ("id", id.first), ("id", id.count > 1 ? id[1] : nil), ("weight", weight), ("strata", strata), ("psu", psu),
            ("interview_year", interviewYear),
            ("interview_month", interviewMonth),
        ] + weights.map { ("weights", $0.name) }
    }
}
