import Foundation
import SurveySchema

/// What the synthetic LFS adds for the Anywhere Jobs analysis, drawn from a random stream of its
/// own (so every earlier column keeps its values): a SOC 2010 unit group for each job (its major
/// group from the job's NS-SEC class; whether it is an Anywhere Job from a propensity that is
/// higher for graduates, in London and the South East, at 25-34 and for men), the industry
/// section, the highest qualification, gross weekly pay for employees in waves 1 and 5, and the
/// family type. Which unit groups are Anywhere Jobs is the synthetic O*NET release's planted
/// truth (`ukpanel synth onet` with the built-in rules and seed 2025, as `samples/onet`).
struct LFSJobs {
    /// The planted Anywhere unit groups, and every unit group by (major group, Anywhere or not).
    let anywhere: Set<Int>
    let unitGroups: [Int: [Bool: [Int]]]

    init() {
        // The built-in rules always parse (a test holds them to rules/anywhere-jobs.yaml).
        let truth = (try? AnywhereRules.builtin()).map { ONetSynthesizer(rules: $0, seed: 2025).plan().truth }
        anywhere = Set(truth?.anywhere ?? [])
        var groups: [Int: [Bool: [Int]]] = [:]
        for code in truth?.unitGroups ?? SOC2010.unitGroups.map(\.code) { groups[code / 1000, default: [:]][anywhere.contains(code), default: []].append(code) }
        unitGroups = groups
    }

    /// The SOC major groups a job of NS-SEC major class 1-7 falls in, with their weights.
    static let socMajorByClass: [Int: [(Int, Double)]] = [
        1: [(1, 0.35), (2, 0.55), (3, 0.10)],
        2: [(1, 0.15), (2, 0.35), (3, 0.40), (4, 0.05), (6, 0.05)],
        3: [(4, 0.65), (3, 0.20), (7, 0.15)],
        4: [(5, 0.55), (1, 0.15), (8, 0.15), (6, 0.15)],
        5: [(5, 0.55), (8, 0.25), (3, 0.10), (7, 0.10)],
        6: [(6, 0.35), (7, 0.30), (9, 0.20), (4, 0.15)],
        7: [(8, 0.40), (9, 0.50), (5, 0.10)],
    ]

    /// The chance a job of a SOC major group is an Anywhere Job, before the person's traits.
    static let anywhereChance: [Int: Double] = [1: 0.06, 2: 0.27, 3: 0.36, 4: 0.42, 5: 0.02, 7: 0.05, 8: 0.03]

    /// The share with a degree by SOC major group.
    static let degreeShare: [Int: Double] = [1: 0.5, 2: 0.78, 3: 0.45, 4: 0.25, 5: 0.1, 6: 0.15, 7: 0.12, 8: 0.05, 9: 0.06]

    /// Median gross weekly pay (pounds) by SOC major group.
    static let medianPay: [Int: Double] = [1: 780, 2: 690, 3: 560, 4: 410, 5: 480, 6: 300, 7: 270, 8: 450, 9: 250]

    /// The SOC major group of a job of NS-SEC major class `major` (1-7).
    static func socMajor(forClass major: Int, _ random: inout SplitMix64) -> Int {
        let options = socMajorByClass[major] ?? [(9, 1)]
        return options[random.pick(options.map(\.1))].0
    }

    /// A unit group of SOC major group `soc` for a job held by someone with these traits.
    func unitGroup(soc: Int, degree: Bool, region: Int, age: Int, sex: Int, _ random: inout SplitMix64) -> Int {
        var chance = Self.anywhereChance[soc] ?? 0
        chance *= (degree ? 1.3 : 0.8) * ([8: 1.35, 9: 1.15][region] ?? 0.9) * ((25...34).contains(age) ? 1.2 : 1)
        chance *= sex == 1 ? 1.05 : 0.95
        let isAnywhere = random.chance(min(chance, 0.95)) && !(unitGroups[soc]?[true]?.isEmpty ?? true)
        let pool = unitGroups[soc]?[isAnywhere] ?? unitGroups[soc]?[!isAnywhere] ?? [9233]
        return pool[Int(random.next() % UInt64(pool.count))]
    }

    /// The highest qualification (HIQUL15D codes 1-6) of a person whose job class is `major` (or none).
    static func qualification(socMajor: Int?, age: Int, _ random: inout SplitMix64) -> Int {
        if age < 16 { return -9 }
        let degree = socMajor.map { degreeShare[$0] ?? 0.2 } ?? (age < 25 ? 0.15 : 0.3)
        if random.chance(degree) { return 1 }
        return 2 + random.pick([0.12, 0.25, 0.3, 0.18, 0.15])
    }

    /// The industry section (INDS07M 1-21) of a job.
    static func industry(anywhere: Bool, _ random: inout SplitMix64) -> Int {
        // Sections A-U; Anywhere Jobs lean to finance, information and communication, professional
        // services and manufacturing.
        let anywhereMix: [Double] = [
            0.2, 0.3, 13, 1, 0.6, 2, 8, 5, 0.5, 13, 14, 3, 11, 7, 8, 4, 4, 1, 1, 0.1, 0.1,
        ]
        let otherMix: [Double] = [
            1.2, 0.4, 8, 0.5, 0.8, 7.5, 15, 5, 7, 3, 3, 1.2, 6, 5, 5.5, 10.5, 14, 3, 2.5, 0.3, 0.1,
        ]
        return 1 + random.pick(anywhere ? anywhereMix : otherMix)
    }

    /// Gross weekly pay for a job, lognormal about its major group's median.
    static func pay(unitGroup: Int, degree: Bool, anywhere: Bool, _ random: inout SplitMix64) -> Double {
        let median = (medianPay[unitGroup / 1000] ?? 400) * (degree ? 1.15 : 0.95) * (anywhere ? 1.08 : 1)
        return ((median * exp(0.45 * random.normal())) * 100).rounded() / 100
    }

    /// FUTYPE6 and FDPCH19 of a household's members: a person alone; a couple (married or
    /// cohabiting by the household) with dependent children, non-dependent ones only, or none; a
    /// lone parent.
    static func family(adults: [Int], children: Int, serial: Int) -> (type: (Int) -> Int, dependent: Int) {
        let married = serial % 10 < 7
        if adults.count <= 1 {
            let sex = adults.first ?? 2
            if children > 0 { return ({ _ in sex == 1 ? 10 : 12 }, children) }
            return ({ s in s == 1 ? 1 : 2 }, 0)
        }
        if children > 0 { return ({ _ in married ? 6 : 9 }, children) }
        if adults.count > 2 { return ({ _ in married ? 5 : 8 }, 0) }
        return ({ _ in married ? 4 : 7 }, 0)
    }
}
