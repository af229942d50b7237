/// A synthetic person's lasting traits, followed across waves.
struct SynthPerson: Sendable {
    var pidp: Int
    var sex: Int
    var birthYear: Int
    var region: Int
    /// The NS-SEC 5 class of the person's kind of job (used when in work).
    var skill: Int
    /// Which 8-class group within class 1 or 5 (0 or 1 or 2).
    var subclass: Int
    /// Lasting propensities (standard normal): to work, to work at home, to move.
    var work: Double
    var homeWork: Double
    var mobility: Double
    var selfEmployed: Bool
    var household: Int
    var strata: Int
    var psu: Int
    var dead = false
    /// The last wave interviewed, and whether interviewed in every wave so far.
    var lastWave: Int?
    var balanced: Bool
    /// What the last interview said, for the transition to the next.
    var lastClass = -8
    var lastAtHome = false
}

/// Region shares of the UK population (codes 1–12 of gor_dv).
enum RegionShares {
    static let shares: [Double] = [4.0, 11.0, 8.2, 7.3, 8.9, 9.4, 13.4, 13.8, 8.5, 4.7, 8.2, 2.8]
    /// Greater South-East: London (7), South East (8), East of England (6).
    static func homeWorkEffect(_ region: Int) -> Double {
        switch region {
        case 7: return 0.55
        case 8, 6: return 0.3
        case 1, 12: return -0.15
        default: return 0
        }
    }
}

/// Class shares among workers (wave 14's published counts) and effects.
enum ClassModel {
    static let shares: [Double] = [8_505, 2_870, 1_529, 1_053, 4_495]
    static func homeWorkEffect(_ nssec5: Int) -> Double {
        switch nssec5 {
        case 1: return 0.9
        case 2: return 0.35
        case 3: return 0.25
        case 4: return -0.4
        case 5: return -0.85
        default: return 0
        }
    }
    /// The 8-class code for a 5-class code (with a subclass draw for 1 and 5).
    static func nssec8(_ nssec5: Int, subclass: Int) -> Int {
        switch nssec5 {
        case 1: return [1, 2, 3][subclass % 3]
        case 2: return 4
        case 3: return 5
        case 4: return 6
        case 5: return [7, 8][subclass % 2]
        default: return nssec5
        }
    }
    /// The 3-class code: 1 management & professional, 2 intermediate, 3 routine & manual.
    static func nssec3(_ nssec5: Int) -> Int {
        switch nssec5 {
        case 1: return 1
        case 2, 3: return 2
        case 4, 5: return 3
        default: return nssec5
        }
    }
}
