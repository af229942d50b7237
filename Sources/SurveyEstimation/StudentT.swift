#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Student's t distribution: the quantiles a confidence interval on a design's degrees of
/// freedom needs (R's `qt`), from the regularized incomplete beta function.
public enum StudentT {
    /// The `p` quantile (0.5 < `p` < 1) of t with `df` degrees of freedom; `nan` when `df` < 1.
    public static func quantile(_ p: Double, df: Double) -> Double {
        guard df >= 1, p > 0.5, p < 1 else { return df >= 1 && p == 0.5 ? 0 : .nan }
        let tail = 1 - p
        // The upper tail falls as t grows: bisect between a t with a larger tail and one with a smaller.
        var low = 0.0
        var high = 1.0
        while upperTail(high, df: df) > tail { high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if upperTail(mid, df: df) > tail { low = mid } else { high = mid }
            if high - low <= 1e-15 * high { break }
        }
        return (low + high) / 2
    }

    /// P(T > t) for t ≥ 0: `I_{df/(df+t²)}(df/2, 1/2) / 2`.
    static func upperTail(_ t: Double, df: Double) -> Double {
        0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5)
    }

    /// The regularized incomplete beta function I_x(a, b), by its continued fraction (evaluated
    /// on whichever side converges fast).
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    /// The continued fraction of I_x(a, b), by the modified Lentz method.
    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return h
    }
}

/// How a 95% confidence interval is made.
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// As R's `survey::svyciprop(method = "logit")`: on the logit scale for a proportion, with the
    /// t quantile on the design's degrees of freedom (PSUs holding domain observations minus
    /// their strata); for a mean, the estimate ± t·se. The default.
    case logit
    /// The normal quantile 1.96 on the logit scale for a proportion, ± 1.96·se for a mean.
    case normal
}
