/// The published figures the synthetic UKHLS is calibrated to
/// (../shared/DATA-FACTS.md and the ESRC briefing's Table 1), and their
/// versions at a smaller scale.
public enum Calibration {
    /// Rows in each wave's indresp (waves 8–14).
    public static let rowsPerWave: [Int: Int] = [
        8: 39_290, 9: 36_058, 10: 34_319, 11: 32_008, 12: 29_271, 13: 27_998, 14: 35_471,
    ]

    /// Rows of a wave after 14 (15 = `o`, …), which the generator can add to test that new
    /// waves are picked up. Not a published figure: no such wave is released yet.
    public static let unreleasedWaveRows = 33_000

    /// Wave 14 `n_jbnssec5_dv` counts (N = 35,471).
    public static let wave14NSSEC5: [Int: Int] = [
        -9: 813, -8: 16_206, 1: 8_505, 2: 2_870, 3: 1_529, 4: 1_053, 5: 4_495,
    ]

    /// Table 1 categories, in the briefing's order, with the wfhdays code of each.
    public static let table1Categories: [(code: Int, label: String)] = [
        (1, "Never"), (2, "1-4 days a month"), (3, "1 day a week"), (4, "2 days a week"),
        (5, "3 days a week"), (6, "4 days a week"), (7, "Always"), (8, "Variable"),
    ]

    /// Table 1, all workers: percentages by category, and n.
    public static let table1AllWorkers: (percent: [Double], n: Int) = (
        [52.6, 6.5, 3.6, 6.3, 6.7, 5.3, 10.7, 8.3], 18_422
    )
    /// Table 1, high-skilled (NS-SEC class 1) workers: percentages by category, and n.
    public static let table1HighSkilled: (percent: [Double], n: Int) = (
        [29.1, 9.6, 5.4, 10, 11, 8.3, 15.1, 11.4], 8_264
    )

    /// In wave 14 at full scale: workers whose class is missing (-9). The published
    /// counts bound it (at most 813); the generator's choice, said in truth.json.
    public static let wave14WorkersWithoutClass = 500
    /// In wave 14 at full scale: class 2–5 workers with no valid days-a-week answer (the generator's choice).
    public static let wave14OtherClassesNoAnswer = 200

    /// Splits `total` in proportion to `shares` so the parts sum to `total` exactly
    /// (largest remainder; ties to the earlier part).
    public static func apportion(_ total: Int, shares: [Double]) -> [Int] {
        let sum = shares.reduce(0, +)
        guard sum > 0, total > 0 else { return shares.map { _ in 0 } }
        let exact = shares.map { Double(total) * $0 / sum }
        var parts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(parts[$0]), -$0) > (exact[$1] - Double(parts[$1]), -$1) }
        var left = total - parts.reduce(0, +)
        for i in order where left > 0 {
            parts[i] += 1
            left -= 1
        }
        return parts
    }
}

/// The wave-14 targets at one scale: what the generator plants exactly.
struct Wave14Targets: Sendable {
    /// nssec5 counts by code (-9, -8, 1…5).
    var nssec5: [Int: Int]
    /// Workers with class -9.
    var workersWithoutClass: Int
    /// High-skilled workers with a valid answer, by Table 1 category.
    var highSkilledByCategory: [Int]
    /// All workers with a valid answer, by Table 1 category.
    var allByCategory: [Int]
    /// Class 2–5 workers without a valid answer.
    var otherClassesNoAnswer: Int

    var workers: Int { (1...5).reduce(0) { $0 + (nssec5[$1] ?? 0) } + workersWithoutClass }

    init(rows: Int) {
        let full = Calibration.rowsPerWave[14] ?? 35_471
        let codes = [-9, -8, 1, 2, 3, 4, 5]
        let counts = Calibration.apportion(rows, shares: codes.map { Double(Calibration.wave14NSSEC5[$0] ?? 0) })
        let nssec5 = Dictionary(uniqueKeysWithValues: zip(codes, counts))
        self.nssec5 = nssec5
        let scale = Double(rows) / Double(full)
        let round = { (x: Int) in Int((Double(x) * scale).rounded()) }
        let workersWithoutClass = min(round(Calibration.wave14WorkersWithoutClass), nssec5[-9] ?? 0)
        self.workersWithoutClass = workersWithoutClass
        let otherClassesNoAnswer = round(Calibration.wave14OtherClassesNoAnswer)
        self.otherClassesNoAnswer = otherClassesNoAnswer
        let class1 = nssec5[1] ?? 0
        let highValid = min(class1, Int((Double(Calibration.table1HighSkilled.n) * Double(class1) / 8_505).rounded()))
        let others = (2...5).reduce(0) { $0 + (nssec5[$1] ?? 0) } - otherClassesNoAnswer
        let allValid = min(round(Calibration.table1AllWorkers.n), highValid + others + workersWithoutClass)
        let highSkilledByCategory = Calibration.apportion(highValid, shares: Calibration.table1HighSkilled.percent)
        var allByCategory = Calibration.apportion(allValid, shares: Calibration.table1AllWorkers.percent)
        // Every category needs at least as many workers in all as in the high-skilled.
        for i in allByCategory.indices where allByCategory[i] < highSkilledByCategory[i] {
            let shortfall = highSkilledByCategory[i] - allByCategory[i]
            allByCategory[i] += shortfall
            if let donor = allByCategory.indices.max(by: {
                allByCategory[$0] - highSkilledByCategory[$0] < allByCategory[$1] - highSkilledByCategory[$1]
            }) {
                allByCategory[donor] -= shortfall
            }
        }
        self.highSkilledByCategory = highSkilledByCategory
        self.allByCategory = allByCategory
    }

    /// Non-high-skilled workers with a valid answer, by category.
    var othersByCategory: [Int] { zip(allByCategory, highSkilledByCategory).map { $0 - $1 } }
    /// Workers without class (-9) who have a valid answer.
    var workersWithoutClassValid: Int {
        othersByCategory.reduce(0, +) - ((2...5).reduce(0) { $0 + (nssec5[$1] ?? 0) } - otherClassesNoAnswer)
    }
}
