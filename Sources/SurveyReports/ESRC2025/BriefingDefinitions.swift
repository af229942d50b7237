import SurveyPanel
import SurveySchema

/// Every definition the ESRC briefing reproduction uses, in one place; the
/// report prints `text` as it is.
public enum BriefingDefinitions {
    /// March 2020, as a month count: interviews from this month on are post-pandemic.
    public static let pandemicStart = 2020 * 12 + 2

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

    /// In work.
    public static func isWorker(_ r: PersonWave) -> Bool {
        r.jbhas == .value(1) || r.jboff == .value(1)
    }

    /// A worker in NS-SEC class 1.
    public static func isHighSkilled(_ r: PersonWave) -> Bool {
        isWorker(r) && r.nssec5 == .value(1)
    }

    /// A worker who works at home at all.
    public static func worksAtHome(_ r: PersonWave) -> Bool {
        guard isWorker(r) else { return false }
        if r.jbpl == .value(1) { return true }
        if let s = r.jspl.value, s == 1 || s == 2 { return true }
        if let w = r.jbwah.value, (1...3).contains(w) { return true }
        return false
    }

    /// A valid days-a-week answer (1–8).
    public static func validDays(_ r: PersonWave) -> Int? {
        guard let d = r.wfhDays.value, (1...8).contains(d) else { return nil }
        return Int(d)
    }

    /// Post-pandemic (1), pre (0), or unknown date (nil).
    public static func period(_ r: PersonWave) -> Int? {
        r.interviewMonthIndex.map { $0 >= pandemicStart ? 1 : 0 }
    }

    /// Moved since the previous wave.
    public static func moved(_ r: PersonWave) -> Bool { r.origadd == .value(2) }

    /// Greater South-East.
    public static func isGreaterSouthEast(_ region: Int) -> Bool { region == 6 || region == 7 || region == 8 }

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
    public static let reasons = ["family", "education", "employment", "housing", "area", "other"]
}
