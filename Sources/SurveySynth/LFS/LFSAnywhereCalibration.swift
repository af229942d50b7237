/// The Tony Blair Institute's headline Anywhere Jobs figures (financial year April 2019 - March
/// 2020, population-weighted, `../shared/reference/tbi-anywhere-jobs.txt`), and the raking that
/// makes the synthetic LFS quarters of that year give them exactly: the workers' person weights
/// of each quarter are adjusted, margin by margin, until every margin below holds (iterative
/// proportional fitting), keeping each margin's total of workers.
public enum LFSAnywhereCalibration {
    /// The quarters of the report's year, as quarter indexes from 2019Q1: Apr-Jun 2019 … Jan-Mar 2020.
    public static let quarters = 1...4

    /// Shares of workers in Anywhere Jobs: women 17%, men 19% (18% of all).
    public static let shareWomen = 0.17
    public static let shareMen = 0.19
    /// Of Anywhere Jobs: professional 36%, associate professional and technical 30%,
    /// administrative 24% (SOC major groups 2, 3, 4).
    public static let majorGroupShares: [Int: Double] = [2: 0.36, 3: 0.30, 4: 0.24]
    /// Of Anywhere Jobs: London 21%, South East 14% (GOVTOF2 8, 9).
    public static let regionShares: [Int: Double] = [8: 0.21, 9: 0.14]
    /// Of Anywhere Jobs' holders: 48% with a degree (HIQUL15D 1); of graduates in work, one in
    /// five in an Anywhere Job (so graduates are 0.48 × 18 / 20 = 43% of workers).
    public static let degreeShare = 0.48
    public static let graduatesInAnywhere = 0.20
    /// Shares of workers in Anywhere Jobs: 21% at 25-34, 16% at 35 and over.
    public static let share25to34 = 0.21
    public static let share35plus = 0.16
    /// Of Anywhere Jobs' holders: 39% parents with dependent children.
    public static let parentShare = 0.39

    /// One worker as the raking sees them.
    struct Worker {
        var index: Int
        var anywhere: Bool
        var female: Bool
        var socMajor: Int
        var region: Int
        var degree: Bool
        var age: Int
        var parent: Bool
    }

    /// New weights for `workers` (`weights[w.index]`), so that every margin holds.
    static func rake(_ workers: [Worker], weights: inout [Double], rounds: Int = 200) {
        func total(_ test: (Worker) -> Bool) -> Double {
            workers.reduce(0) { test($1) ? $0 + weights[$1.index] : $0 }
        }
        let women = total { $0.female }
        let men = total { !$0.female }
        let anywhere = shareWomen * women + shareMen * men
        // Each margin: a key per worker, and the target weighted total of each key. A margin splits the
        // workers into groups; a group's target is its Anywhere Jobs (`inAnywhere`) and the rest of
        // its workers (`workers`: the group's weighted total now, unless given).
        var margins: [(key: (Worker) -> String, targets: [String: Double])] = []
        func margin(
            _ group: @escaping (Worker) -> String, inAnywhere: [String: Double], workers groupTotals: [String: Double] = [:]
        ) {
            var targets: [String: Double] = [:]
            for (g, a) in inAnywhere {
                targets["true" + g] = a
                targets["false" + g] = (groupTotals[g] ?? total { group($0) == g }) - a
            }
            margins.append(({ "\($0.anywhere)" + group($0) }, targets))
        }
        margin({ $0.female ? "f" : "m" }, inAnywhere: ["f": shareWomen * women, "m": shareMen * men])
        let otherMajors = 1 - majorGroupShares.values.reduce(0, +)
        let otherAnywhere = total { $0.anywhere && majorGroupShares[$0.socMajor] == nil }
        margin(
            { String($0.socMajor) },
            inAnywhere: Dictionary(
                uniqueKeysWithValues: (1...9).map { major in
                    let share =
                        majorGroupShares[major]
                        ?? (otherAnywhere > 0
                            ? otherMajors * total { $0.anywhere && $0.socMajor == major } / otherAnywhere : 0)
                    return (String(major), share * anywhere)
                }))
        let restShare = 1 - regionShares.values.reduce(0, +)
        margin(
            { regionShares[$0.region] != nil ? String($0.region) : "rest" },
            inAnywhere: ["8": (regionShares[8] ?? 0) * anywhere, "9": (regionShares[9] ?? 0) * anywhere,
                "rest": restShare * anywhere])
        let graduates = degreeShare * anywhere / graduatesInAnywhere
        margin(
            { String($0.degree) }, inAnywhere: ["true": degreeShare * anywhere, "false": (1 - degreeShare) * anywhere],
            workers: ["true": graduates, "false": women + men - graduates])
        margin({ String($0.parent) }, inAnywhere: ["true": parentShare * anywhere, "false": (1 - parentShare) * anywhere])
        let young = total { (25...34).contains($0.age) }
        let older = total { $0.age >= 35 }
        margin(
            { $0.age < 25 ? "y" : $0.age < 35 ? "m" : "o" },
            inAnywhere: ["m": share25to34 * young, "o": share35plus * older,
                "y": anywhere - share25to34 * young - share35plus * older])
        for _ in 0..<rounds {
            for margin in margins {
                var current: [String: Double] = [:]
                for w in workers { current[margin.key(w), default: 0] += weights[w.index] }
                for w in workers {
                    let key = margin.key(w)
                    guard let target = margin.targets[key], let now = current[key], now > 0, target > 0 else { continue }
                    weights[w.index] *= target / now
                }
            }
        }
    }
}
