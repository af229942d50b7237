/// The files of an O*NET database text release that ukpanel reads, by their names in the release
/// (the O*NET data dictionary, releases 20 to 30: tab-delimited, a header line, `n/a` for missing).
public enum ONetReleaseFiles {
    /// Work activities: `O*NET-SOC Code`, `Element ID`, `Element Name`, `Scale ID` (IM, LV), `Data Value`, …
    public static let workActivities = "Work Activities.txt"
    /// Work context: the same columns and `Category`; scales CX and CT (means), CXP and CTP (percentages).
    public static let workContext = "Work Context.txt"
    /// Each scale's minimum and maximum: `Scale ID`, `Scale Name`, `Minimum`, `Maximum`.
    public static let scalesReference = "Scales Reference.txt"
    /// Occupation titles: `O*NET-SOC Code`, `Title`, `Description`.
    public static let occupationData = "Occupation Data.txt"
}

/// O*NET's rating scales as its `Scales Reference.txt` gives them (releases 20 to 30).
public enum ONetScales {
    /// The scales' names, in the reference file's order.
    public static let names: [(id: String, name: String)] = [
        ("IM", "Importance"), ("LV", "Level"), ("CX", "Context"), ("CXP", "Context (Categories 1-5)"),
        ("CT", "Context"), ("CTP", "Context (Categories 1-3)"),
    ]
    /// Minimum and maximum by Scale ID: used when a release lacks `Scales Reference.txt`.
    public static let published: [String: ClosedRange<Double>] = [
        "IM": 1...5, "LV": 0...7, "CX": 1...5, "CXP": 0...100, "CT": 1...3, "CTP": 0...100,
    ]
}
