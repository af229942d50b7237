import SurveyEstimation
import SurveyPanel

extension EstimationFrame {
    /// The frame's design for estimation (weights, or all ones when `weighted` is false).
    public func design(weighted: Bool) -> SurveyDesign {
        let design = SurveyDesign(weights: weights, strata: strata, psus: psus)
        return weighted ? design : design.unweighted()
    }
}
