#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One design-based estimate with its standard error, a 95% confidence
/// interval and the unweighted counts behind it.
public struct Estimate: Sendable, Equatable {
    /// The point estimate.
    public var value: Double
    /// The Taylor-linearised standard error.
    public var standardError: Double
    /// The 95% confidence interval.
    public var lower: Double
    public var upper: Double
    /// Observations in the domain (the denominator), unweighted.
    public var domainCount: Int
    /// Observations in the domain with a non-zero numerator (for a proportion: in the category).
    public var numeratorCount: Int
    /// The weighted size of the domain.
    public var weightedDomain: Double
    /// The design degrees of freedom behind the interval (PSUs holding domain observations of
    /// non-zero weight, minus their strata), as R's `degf` of the domain; 0 when there are none.
    public var degreesOfFreedom: Int = 0
}

/// Estimators over a `SurveyDesign`. Domains are estimated on the full design
/// (an observation outside the domain contributes zero, its PSU still counts),
/// never by cutting the sample down.
public enum Estimator {
    /// The ratio `Σ w·numerator / Σ w·denominator`: a proportion or mean within
    /// a domain when `denominator` is the domain indicator and `numerator` is
    /// `indicator × y`.
    ///
    /// The interval is the logit interval for a proportion (`isProportion`),
    /// `logit(p) ± q·se/(p(1−p))` transformed back, which stays inside [0, 1]; for a mean,
    /// `value ± q·se`. `q` is the t quantile on the domain's degrees of freedom (`.logit`, as
    /// R's `svyciprop`), or 1.96 (`.normal`).
    public static func ratio(
        numerator: [Double], denominator: [Double], design: SurveyDesign, isProportion: Bool = true,
        interval: IntervalMethod = .logit
    ) -> Estimate {
        var top = 0.0
        var bottom = 0.0
        var domainCount = 0
        var numeratorCount = 0
        for i in 0..<design.count {
            let w = design.weights[i]
            top += w * numerator[i]
            bottom += w * denominator[i]
            if denominator[i] != 0 { domainCount += 1 }
            if numerator[i] != 0 { numeratorCount += 1 }
        }
        guard bottom > 0 else {
            return Estimate(
                value: .nan, standardError: .nan, lower: .nan, upper: .nan,
                domainCount: domainCount, numeratorCount: numeratorCount, weightedDomain: bottom)
        }
        let r = top / bottom
        var z = [Double](repeating: 0, count: design.count)
        for i in 0..<design.count {
            z[i] = design.weights[i] * (numerator[i] - r * denominator[i]) / bottom
        }
        let se = design.varianceOfTotal(z).squareRoot()
        let df = design.degreesOfFreedom(in: denominator)
        let q = interval == .normal ? normal975 : StudentT.quantile(0.975, df: Double(df))
        let (lower, upper) = isProportion ? logitInterval(r, se, q) : (r - q * se, r + q * se)
        return Estimate(
            value: r, standardError: se, lower: lower, upper: upper,
            domainCount: domainCount, numeratorCount: numeratorCount, weightedDomain: bottom, degreesOfFreedom: df)
    }

    /// The proportion of a domain's observations in an event: `ratio` with the domain's indicator as
    /// the denominator and the event's as the numerator, given as the observations' indices
    /// (ascending; `event` a subset of `domain`), so only the domain's observations are visited.
    /// The sums run in the same order as `ratio`'s, so the two give the same bits.
    ///
    /// - Precondition: every index is an observation of `design`.
    public static func proportion(
        domain: [Int32], event: [Int32], design: SurveyDesign, interval: IntervalMethod = .logit
    ) -> Estimate {
        let weights = design.weights
        var top = 0.0
        var bottom = 0.0
        for i in event { top += weights[Int(i)] }
        for i in domain { bottom += weights[Int(i)] }
        guard bottom > 0 else {
            return Estimate(
                value: .nan, standardError: .nan, lower: .nan, upper: .nan,
                domainCount: domain.count, numeratorCount: event.count, weightedDomain: bottom)
        }
        let r = top / bottom
        // Observations outside the domain have a zero influence value: only the domain's are summed.
        var psuTotals = [Double](repeating: 0, count: design.psuCount)
        var next = 0
        for i in domain {
            var y = 0.0
            if next < event.count, event[next] == i {
                y = 1
                next += 1
            }
            psuTotals[design.psuOfObservation[Int(i)]] += weights[Int(i)] * (y - r * 1) / bottom
        }
        let se = design.variance(psuTotals: psuTotals).squareRoot()
        let df = design.degreesOfFreedom(rows: domain)
        let q = interval == .normal ? normal975 : StudentT.quantile(0.975, df: Double(df))
        let (lower, upper) = logitInterval(r, se, q)
        return Estimate(
            value: r, standardError: se, lower: lower, upper: upper,
            domainCount: domain.count, numeratorCount: event.count, weightedDomain: bottom, degreesOfFreedom: df)
    }

    /// The normal distribution's 0.975 quantile.
    static let normal975 = 1.959964

    /// The weighted total `Σ w·y` with its standard error and a normal interval.
    public static func total(_ y: [Double], design: SurveyDesign) -> Estimate {
        var t = 0.0
        var n = 0
        var z = [Double](repeating: 0, count: design.count)
        for i in 0..<design.count {
            z[i] = design.weights[i] * y[i]
            t += z[i]
            if y[i] != 0 { n += 1 }
        }
        let se = design.varianceOfTotal(z).squareRoot()
        return Estimate(
            value: t, standardError: se, lower: t - normal975 * se, upper: t + normal975 * se,
            domainCount: design.count, numeratorCount: n, weightedDomain: design.weights.reduce(0, +))
    }

    /// The mean of `y` within a domain (`domain` 1 or 0), with a normal interval.
    public static func mean(
        _ y: [Double], domain: [Double], design: SurveyDesign, interval: IntervalMethod = .logit
    ) -> Estimate {
        ratio(
            numerator: zip(y, domain).map { $0 * $1 }, denominator: domain, design: design, isProportion: false,
            interval: interval)
    }

    /// The logit interval with quantile `q`; at 0 or 1 (no spread) the interval is the point.
    static func logitInterval(_ p: Double, _ se: Double, _ q: Double) -> (Double, Double) {
        guard q.isFinite else { return (.nan, .nan) }
        guard p > 0, p < 1, se > 0 else { return (p, p) }
        let center = log(p / (1 - p))
        let half = q * se / (p * (1 - p))
        let expit = { (x: Double) in 1 / (1 + exp(-x)) }
        return (expit(center - half), expit(center + half))
    }
}
