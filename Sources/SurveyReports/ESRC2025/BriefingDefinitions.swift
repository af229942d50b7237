import SurveyPanel
import SurveySchema

/// The ESRC briefing's definitions in words, and the names of its categories; the
/// report prints `text` as it is. The indicators and the design themselves are
/// declared in the schema (`schemas/ukhls.yaml`: `design:`, `indicators:`).
public enum BriefingDefinitions {
    /// The definitions in words, in the order the report prints them.
    public static let text: [(term: String, definition: String)] = [
        ("worker", "in work: did paid work last week (jbhas = 1) or has a job though away from it (jboff = 1)"),
        ("high-skilled", "a worker in NS-SEC 5-class 1, management & professional occupations (jbnssec5_dv = 1)"),
        ("all workers (Table 1)", "every worker, including those whose NS-SEC class is missing (-9)"),
        (
            "days working at home (Table 1)",
            "wave 14's days-a-week item (harmonised `wfhdays`, codes 1-8); workers with any other code (missing, don't know, refused, proxy) have no valid answer and are left out of both columns"
        ),
        (
            "works at home",
            "a worker who works at home at all: jbpl = 1 (employees, works at home), jspl = 1 or 2 (self-employed, at or from home), or jbwah = 1, 2 or 3 (always, often or sometimes; asked from wave 9, so wave 8 counts only jbpl and jspl)"
        ),
        (
            "pre / post pandemic",
            "interviewed before March 2020 / in or after March 2020 (interview year and month); for a move, the date of the later interview"
        ),
        ("moved", "origadd = 2 at the later of two consecutive waves in which the person was interviewed"),
        (
            "consecutive waves",
            "pairs of interviews in waves w-1 and w (8-9 … 13-14); the person's class and home-working are taken at the earlier wave"
        ),
        (
            "reasons for moving",
            "the share of movers mentioning each reason (MovY, several may be given: movy11 family … movy16 other)"
        ),
        ("Greater South-East", "London, the South East and the East of England (gor_dv 7, 8, 6)"),
        (
            "weights",
            "the wave's cross-sectional individual weight (indinui_xw; inding2_xw from wave 14); for a move, the later wave's; people with a zero or missing weight are out of scope in weighted estimates"
        ),
        (
            "standard errors",
            "Taylor linearisation with strata and PSUs (PSUs nested in strata; a stratum with one PSU is handled as R survey's lonely.psu = \"adjust\"); domains are estimated on the whole design; 95% intervals are logit intervals"
        ),
    ]

    /// Region names by gor_dv code.
    public static let regions = [
        1: "North East", 2: "North West", 3: "Yorkshire and the Humber", 4: "East Midlands", 5: "West Midlands",
        6: "East of England", 7: "London", 8: "South East", 9: "South West", 10: "Wales", 11: "Scotland",
        12: "Northern Ireland",
    ]

    /// Table 1's categories by wfhdays code.
    public static let dayCategories = [
        "Never", "1-4 days a month", "1 day a week", "2 days a week", "3 days a week", "4 days a week", "Always",
        "Variable",
    ]

    /// Reason names, movy11…movy16.
    public static let reasons = PersonWave.MoveReasons.names
}
