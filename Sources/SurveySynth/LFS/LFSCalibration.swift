/// The published LFS figures the synthetic quarters are calibrated to
/// (../shared/DATA-FACTS.md), and the sizes chosen between them.
public enum LFSCalibration {
    /// Persons per calendar quarter at full scale, 2019Q1–2024Q4. Published anchors:
    /// Oct–Dec 2019 84,062 and Apr–Jun 2023 53,287; Oct–Dec 2021 is the sum of the
    /// published HOME counts, 86,790. The rest is interpolated to the pattern of the
    /// survey's sample (a pandemic dip, a recovery in 2021, a fall to about 53,000).
    public static let personsPerQuarter: [Int] = [
        86_500, 85_900, 85_200, 84_062,
        82_000, 73_000, 70_500, 76_000,
        80_000, 83_000, 85_500, 86_790,
        78_000, 70_000, 64_000, 60_000,
        56_000, 53_287, 53_000, 52_500,
        52_000, 52_500, 53_000, 53_500,
    ]
    /// The first quarter of `personsPerQuarter`.
    public static let firstYear = 2019

    /// HOME in Oct–Dec 2021 (unweighted): own home, same grounds, home as base, separate; -9 does not apply; -8 no answer.
    public static let homeOD21: [Int: Int] = [1: 8_321, 2: 478, 3: 3_214, 4: 30_503, -9: 44_257, -8: 17]

    /// NSECMJ20 in Oct–Dec 2023, major groups 1–8 (shares among those with a class).
    public static let nssecMajorOD23: [Double] = [5_502, 8_100, 3_757, 2_947, 1_614, 2_923, 3_021, 10_369]

    /// The share of workers mainly working in their own home (HOME = 1), by quarter index from 2019Q1:
    /// low before the pandemic, a jump in 2020Q2, easing after 2021.
    static func ownHomeShare(quarterIndex q: Int) -> Double {
        switch q {
        case ..<5: return 0.055
        case 5: return 0.24
        case 6: return 0.22
        case 7...11: return 0.205
        case 12...15: return 0.18
        default: return 0.165
        }
    }

    /// The GOVTOF2 region codes (no 3) and their population shares.
    static let regions: [Int] = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    static let regionShares: [Double] = [4.0, 11.0, 8.2, 7.3, 8.9, 9.4, 13.4, 13.8, 8.5, 4.7, 8.2, 2.8]

    /// Home-working effect of a GOVTOF2 region: London 8, South East 9, East 7.
    static func regionEffect(_ region: Int) -> Double {
        switch region {
        case 8: return 0.55
        case 7, 9: return 0.3
        case 1, 13: return -0.15
        default: return 0
        }
    }

    /// Home-working effect of an NS-SEC major group.
    static func classEffect(_ major: Int) -> Double {
        switch major {
        case 1: return 0.9
        case 2: return 0.6
        case 3: return 0.3
        case 4: return 0.45
        case 5: return -0.3
        case 6: return -0.7
        case 7: return -0.9
        default: return 0
        }
    }
}
