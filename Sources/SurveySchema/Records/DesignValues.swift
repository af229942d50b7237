/// One record's design variables, as the schema's `design:` declares them: its
/// weight, stratum, PSU and interview date.
public struct DesignValues: Sendable, Hashable {
    /// The default weight.
    public var weight: Observed<Double>
    /// The stratum; 1 when the survey declares no strata (one stratum).
    public var stratum: Observed<Int>
    /// The primary sampling unit or cluster.
    public var psu: Observed<Int>
    /// The interview year and month.
    public var interviewYear: Observed<Int16>
    public var interviewMonth: Observed<Int16>

    /// Design values from their parts.
    public init(
        weight: Observed<Double>, stratum: Observed<Int>, psu: Observed<Int>, interviewYear: Observed<Int16>,
        interviewMonth: Observed<Int16>
    ) {
        self.weight = weight
        self.stratum = stratum
        self.psu = psu
        self.interviewYear = interviewYear
        self.interviewMonth = interviewMonth
    }

    /// The interview date as a month count (year × 12 + month − 1), when known.
    public var interviewMonthIndex: Int? {
        guard let y = interviewYear.value, let m = interviewMonth.value, (1...12).contains(m) else { return nil }
        return Int(y) * 12 + Int(m) - 1
    }

    /// The weight when `weighted` (1 otherwise), or `nil` when it is zero or missing: out of scope.
    public func weight(weighted: Bool) -> Double? {
        guard weighted else { return 1 }
        guard let w = weight.value, w > 0 else { return nil }
        return w
    }
}

/// Where the declared design variables sit in one file's decoded values (−1: not in the file).
struct DesignSlots: Sendable {
    var weight = -1
    var strata = -1
    var psu = -1
    var year = -1
    var month = -1
    /// Whether the design declares strata at all.
    var hasStrata = false

    init() {}

    init(_ design: SampleDesign, position: (String) -> Int?) {
        func slot(_ name: String?) -> Int { name.flatMap(position) ?? -1 }
        weight = slot(design.weight)
        strata = slot(design.strata)
        psu = slot(design.psu)
        year = slot(design.interviewYear)
        month = slot(design.interviewMonth)
        hasStrata = design.strata != nil
    }

    @inline(__always)
    func values(_ values: [HarmonisedValue]) -> DesignValues {
        @inline(__always) func at(_ p: Int) -> HarmonisedValue { p >= 0 ? values[p] : .missing(.notInFile) }
        return DesignValues(
            weight: at(weight).numberObserved,
            stratum: hasStrata ? at(strata).intObserved : .value(1),
            psu: at(psu).intObserved,
            interviewYear: at(year).intObserved.narrowed(),
            interviewMonth: at(month).intObserved.narrowed())
    }
}

extension FileLayout {
    /// One row's design variables.
    @inline(__always)
    public func design(in values: [HarmonisedValue]) -> DesignValues { designSlots.values(values) }
}
