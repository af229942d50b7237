/// What a data file's name says: its stem (`h_indresp`, `lfsp_aj22_eul_pwt22`), the release
/// format it comes from, and whether it is gzipped. The UK Data Service releases each study
/// as tab-delimited, Stata and SPSS files with the same stems.
public struct TableFileName: Sendable, Hashable {
    /// The release formats, in the order discovery prefers them when a file is found in several.
    public enum Release: String, Sendable, CaseIterable, Comparable {
        case tab, dta, sav, zsav

        public static func < (a: Release, b: Release) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// The name without its extensions, lower case.
    public var stem: String
    /// The release format its extension names.
    public var release: Release
    /// Whether it ends in `.gz`.
    public var gzipped: Bool

    /// Parses a file name (any case): `.tab`, `.dta`, `.sav`, `.zsav`, each optionally `.gz`.
    public init?(_ name: String) {
        var lower = name.lowercased()
        gzipped = lower.hasSuffix(".gz")
        if gzipped { lower.removeLast(3) }
        guard let dot = lower.lastIndex(of: "."),
            let release = Release(rawValue: String(lower[lower.index(after: dot)...]))
        else { return nil }
        stem = String(lower[..<dot])
        self.release = release
    }

    /// The extensions discovery reads, for messages: `.tab[.gz], .dta, .sav or .zsav`.
    public static let readable = ".tab[.gz], .dta, .sav or .zsav"

    /// A rank among several finds of one file (lower is preferred): the tab release first, then
    /// Stata, then SPSS; within one, loose files before gzip, before archive members.
    public func rank(inArchive: Bool) -> Int {
        10 * (Release.allCases.firstIndex(of: release) ?? 0) + (inArchive ? 2 : 0) + (gzipped ? 1 : 0)
    }
}
