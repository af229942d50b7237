import SurveyPanel
import SurveySchema

/// The LFS tables' definitions in words, and the names of their categories; reports
/// print `text` as it is. The indicators and the design themselves are declared in
/// the schema (`schemas/lfs.yaml`: `design:`, `indicators:`).
public enum LFSDefinitions {
    /// The definitions in words, in the order reports print them.
    public static let text: [(term: String, definition: String)] = [
        ("worker", "in employment by the ILO definition (ILODEFR = 1)"),
        (
            "answered HOME",
            "a worker with a valid answer to HOME (codes 1-4); workers with no answer (-8) are left out of the home-working shares"
        ),
        ("mainly at home", "HOME = 1: works mainly in their own home"),
        (
            "home as a base",
            "HOME = 1, 2 or 3: in their own home, in the same grounds or building, or in different places using home as a base"
        ),
        ("region", "GOVTOF2, region of residence (there is no code 3; Merseyside is in the North West)"),
        (
            "NS-SEC",
            "the 5-class version of the main job's class: from the major group NSECMJ20 (NSECMJ10 before 2021), else the operational category NSECM20/NSECM10 (decimal codes such as 3.1, rounded down); management & professional = major groups 1-2; group 8 (never worked, unemployed) is not classified"
        ),
        (
            "weights",
            "the person weight of the file's vintage (PWT22, PWT18 …); people with a zero or missing weight are out of scope of weighted estimates"
        ),
        (
            "standard errors",
            "the end-user LFS has no strata or PSU: households (HSERIALP) are treated as clusters in a single stratum, so standard errors allow for people in one household being alike but not for the address sample's geographic stratification; 95% intervals are logit intervals"
        ),
        (
            "quarter",
            "the three months a person file covers, from its name (lfsp_od21 → 2021Q4); when two weighting vintages of one quarter are present, the newest is used"
        ),
    ]

    /// Definitions of the quarter-to-quarter transitions.
    public static let transitionText: [(term: String, definition: String)] = [
        (
            "longitudinal datasets",
            "the ONS five- and two-quarter longitudinal datasets (lgwtYY_5q_…): one row per person interviewed in every quarter the dataset follows, variables suffixed by quarter (HOME1 … HOME5), weighted by the longitudinal weight LGWTYY; each person is a cluster"
        ),
        (
            "linked quarterly files",
            "only with --link-quarters: people found in consecutive quarterly files by CASENOP with the rotation wave (THISWV) one higher; whether CASENOP is stable across end-user quarterly files is not confirmed; weighted by the later quarter's person weight, households as clusters"
        ),
        ("in work in both", "ILODEFR = 1 in both quarters"),
        ("home-based", "HOME 1-3 (home as a base)"),
        (
            "changes class",
            "a different NS-SEC 5-class in the two quarters, among people in work in both with a class in both"
        ),
        (
            "limits",
            "the LFS samples addresses, not people: people who move house leave the sample, so these transitions are of people who stayed at their address, and the LFS records no reason for moving"
        ),
    ]

    /// Region names by GOVTOF2 code.
    public static let regions: [(code: Int, name: String)] = [
        (1, "North East"), (2, "North West"), (4, "Yorkshire and the Humber"), (5, "East Midlands"),
        (6, "West Midlands"),
        (7, "East of England"), (8, "London"), (9, "South East"), (10, "South West"), (11, "Wales"), (12, "Scotland"),
        (13, "Northern Ireland"),
    ]

    /// NS-SEC 5-class names.
    public static let classes: [(code: Int, name: String)] = [
        (1, "Management & professional"), (2, "Intermediate"), (3, "Small employers & own account"),
        (4, "Lower supervisory & technical"), (5, "Semi-routine & routine"),
    ]
}
