import Foundation
import Testing

@testable import SurveyEstimation

@Suite("Design-based estimates, checked by hand")
struct EstimatorTests {
    /// Three strata: two PSUs, three PSUs, and a lonely one.
    static let strata = [1, 1, 1, 2, 2, 2, 3]
    static let psus = [1, 1, 2, 1, 2, 3, 1]
    static let weights = [1.0, 2, 1, 1, 1, 2, 1]
    static let y = [2.0, 1, 4, 1, 3, 0, 5]

    @Test("a total: between-PSU variance within strata; the lonely PSU centred at zero, as R survey's \"adjust\"")
    func total() {
        let design = SurveyDesign(weights: Self.weights, strata: Self.strata, psus: Self.psus)
        #expect(design.psuCount == 6 && design.stratumCount == 3 && design.degreesOfFreedom == 3)
        let t = Estimator.total(Self.y, design: design)
        #expect(t.value == 17)
        // PSU totals 4, 4 | 1, 3, 0 | 5. Stratum 1: 0. Stratum 2: (1/9 + 25/9 + 16/9) × 3/2 = 7.
        // Stratum 3 alone: 5² = 25 (R survey 4.1 leaves a lonely PSU's total uncentred).
        #expect(abs(t.standardError - 32.0.squareRoot()) < 1e-12)
        let removed = SurveyDesign(weights: Self.weights, strata: Self.strata, psus: Self.psus, lonelyPSU: .remove)
        #expect(abs(Estimator.total(Self.y, design: removed).standardError - 7.0.squareRoot()) < 1e-12)
    }

    @Test("a proportion with one PSU per observation is the textbook sqrt(p(1−p)/(n−1))")
    func simpleRandomSample() {
        let y = [1.0, 0, 0, 1, 1]
        let design = SurveyDesign(weights: [1, 1, 1, 1, 1], strata: [1, 1, 1, 1, 1], psus: [1, 2, 3, 4, 5])
        let p = Estimator.ratio(numerator: y, denominator: [1, 1, 1, 1, 1], design: design)
        #expect(abs(p.value - 0.6) < 1e-15)
        #expect(abs(p.standardError - (0.24 / 4).squareRoot()) < 1e-12)
        #expect(p.domainCount == 5 && p.numeratorCount == 3)
        #expect(p.lower < 0.6 && p.upper > 0.6 && p.lower > 0 && p.upper < 1)
    }

    @Test("a domain is estimated on the full design, not by cutting the sample")
    func domain() {
        let y = [1.0, 0, 0, 1, 1]
        let domain = [1.0, 1, 1, 0, 0]
        let design = SurveyDesign(weights: [1, 1, 1, 1, 1], strata: [1, 1, 1, 1, 1], psus: [1, 2, 3, 4, 5])
        let p = Estimator.ratio(numerator: zip(y, domain).map { $0 * $1 }, denominator: domain, design: design)
        #expect(abs(p.value - 1.0 / 3) < 1e-15)
        // z = (2/9, −1/9, −1/9, 0, 0): Σz² = 6/81, times 5/4.
        #expect(abs(p.standardError - (30.0 / 324).squareRoot()) < 1e-12)
        #expect(p.domainCount == 3 && p.numeratorCount == 1)
        // The domain holds PSUs 1-3 of one stratum: 3 − 1 = 2 degrees of freedom (R: degf of the
        // subset design), so the logit interval uses qt(0.975, 2) = 4.30265272974946 (R).
        #expect(p.degreesOfFreedom == 2)
        let half = 4.30265272974946 * p.standardError / (p.value * (1 - p.value))
        let expit = { (x: Double) in 1 / (1 + exp(-x)) }
        #expect(abs(p.lower - expit(log(0.5) - half)) < 1e-10)
        #expect(abs(p.upper - expit(log(0.5) + half)) < 1e-10)
        let normal = Estimator.ratio(
            numerator: zip(y, domain).map { $0 * $1 }, denominator: domain, design: design, interval: .normal)
        #expect(abs(normal.lower - expit(log(0.5) - 1.959964 * p.standardError / (2.0 / 9))) < 1e-10)
    }

    /// R's qt(0.975, df) and qt(0.995, df), printed to 15 digits by R 4 (`sprintf("%.15g", qt(p, d))`).
    @Test(arguments: [
        (1.0, 12.7062047361747, 63.6567411628715), (2, 4.30265272974946, 9.92484320091829),
        (3, 3.18244630528371, 5.84090930973335), (5, 2.57058183563631, 4.03214298355523),
        (10, 2.22813885198627, 3.16927267261695), (30, 2.04227245630124, 2.74999565356723),
        (100, 1.98397151852355, 2.62589052143802), (1000, 1.96233908082641, 2.58075469806595),
        (123_456, 1.95998320024519, 2.57586912841899),
    ])
    func studentTQuantilesAreRs(df: Double, q975: Double, q995: Double) {
        #expect(abs(StudentT.quantile(0.975, df: df) - q975) < 1e-11 * q975)
        #expect(abs(StudentT.quantile(0.995, df: df) - q995) < 1e-11 * q995)
    }

    @Test func noDegreesOfFreedomNoInterval() {
        #expect(StudentT.quantile(0.975, df: 0).isNaN)
        // One PSU in the domain: 1 − 1 = 0 degrees of freedom, as R, and no interval.
        let design = SurveyDesign(weights: [1, 1, 1, 1], strata: [1, 1, 1, 1], psus: [1, 1, 2, 2])
        let p = Estimator.ratio(numerator: [1, 0, 0, 0], denominator: [1, 1, 0, 0], design: design)
        #expect(p.degreesOfFreedom == 0 && p.value == 0.5 && p.lower.isNaN)
    }

    @Test("the logit interval back-transformed, and the unweighted design")
    func intervalAndUnweighted() {
        let (lower, upper) = Estimator.logitInterval(0.2, 0.04, 1.959964)
        // logit(0.2) = −1.386294; half-width 1.959964 × 0.04 / 0.16 = 0.489991.
        #expect(abs(lower - 1 / (1 + exp(1.386294361 + 0.48999100))) < 1e-8)
        #expect(abs(upper - 1 / (1 + exp(1.386294361 - 0.48999100))) < 1e-8)
        let design = SurveyDesign(weights: Self.weights, strata: Self.strata, psus: Self.psus).unweighted()
        #expect(Estimator.total(Self.y, design: design).value == 16)
    }

    @Test("a proportion from the domain's and the event's observation indices: the hand-worked domain above")
    func proportionFromRows() {
        let design = SurveyDesign(weights: [1, 1, 1, 1, 1], strata: [1, 1, 1, 1, 1], psus: [1, 2, 3, 4, 5])
        let p = Estimator.proportion(domain: [0, 1, 2], event: [0], design: design)
        #expect(abs(p.value - 1.0 / 3) < 1e-15)
        #expect(abs(p.standardError - (30.0 / 324).squareRoot()) < 1e-12)
        #expect(p.domainCount == 3 && p.numeratorCount == 1 && p.degreesOfFreedom == 2)
        let empty = Estimator.proportion(domain: [], event: [], design: design)
        #expect(empty.value.isNaN && empty.domainCount == 0 && empty.weightedDomain == 0)
    }

    @Test("from indices, every bit of a proportion is the indicator arrays' (random designs, domains and lonely PSUs)")
    func proportionMatchesRatio() {
        var random = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let n = Int.random(in: 1...400, using: &random)
            let strata = (0..<n).map { _ in Int.random(in: 1...6, using: &random) }
            let psus = (0..<n).map { _ in Int.random(in: 1...(trial % 3 == 0 ? 1 : 5), using: &random) }
            let weights = (0..<n).map { _ in
                Bool.random(using: &random) && trial % 4 == 0 ? 0 : Double.random(in: 0.1...5, using: &random)
            }
            let design = SurveyDesign(weights: weights, strata: strata, psus: psus)
            let inDomain = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.6 }
            let inEvent = (0..<n).map { inDomain[$0] && Bool.random(using: &random) }
            let domain = (0..<n).filter { inDomain[$0] }.map { Int32($0) }
            let event = (0..<n).filter { inEvent[$0] }.map { Int32($0) }
            let ratio = Estimator.ratio(
                numerator: inEvent.map { $0 ? 1 : 0 }, denominator: inDomain.map { $0 ? 1 : 0 }, design: design)
            let rows = Estimator.proportion(domain: domain, event: event, design: design)
            #expect(rows.value.bitPattern == ratio.value.bitPattern || (rows.value.isNaN && ratio.value.isNaN))
            #expect(
                rows.standardError.bitPattern == ratio.standardError.bitPattern
                    || (rows.standardError.isNaN && ratio.standardError.isNaN))
            #expect(rows.lower.bitPattern == ratio.lower.bitPattern || (rows.lower.isNaN && ratio.lower.isNaN))
            #expect(rows.degreesOfFreedom == ratio.degreesOfFreedom)
            #expect(rows.domainCount == ratio.domainCount && rows.numeratorCount == ratio.numeratorCount)
            #expect(rows.weightedDomain == ratio.weightedDomain)
        }
    }
}
