import ArgumentParser
import SurveyEstimation
import SurveyPipelines
import SurveyReports

extension IntervalMethod: ExpressibleByArgument {}

/// How the table commands make and present estimates: the interval method and the small-cell threshold.
struct EstimationOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "95% intervals: logit (on the logit scale with the t quantile on the design's degrees of freedom, as R's svyciprop(method = \"logit\")) or normal (the logit scale with 1.96).",
            valueName: "logit|normal"))
    var ci: IntervalMethod = .logit

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An estimate resting on fewer unweighted cases is a small cell: flagged in estimates.csv (small_cell), shown as n<N in the tables, hollow in the figures.",
            valueName: "N"))
    var minN = 30

    func validate() throws {
        guard minN >= 0 else { throw ValidationError("--min-n must be 0 or more (got \(minN))") }
    }

    var settings: EstimationSettings { EstimationSettings(interval: ci, minimumCases: minN) }

    /// Gives `pipeline` these settings and this process's command line (for its provenance).
    func apply<P: ReportPipeline>(to pipeline: inout P) {
        pipeline.settings = settings
        pipeline.command = CommandLine.arguments
    }
}
