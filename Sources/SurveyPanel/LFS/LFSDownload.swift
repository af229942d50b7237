import SurveyFiles
import SurveySchema

/// The LFS files found under a data root: quarterly person files and longitudinal
/// datasets, by name, in any folder layout, loose, gzipped or inside zip archives.
public struct LFSDownload: Sendable {
    /// A quarterly person file.
    public struct QuarterFile: Sendable {
        public var period: LFSPeriod
        /// The weighting vintage (`22` of `_pwt22`), when the name gives one.
        public var vintage: String?
        public var input: DataInput
    }

    /// A longitudinal dataset (`lgwt22_5q_jm22_jm23_eul`).
    public struct LongitudinalFile: Sendable {
        /// The weight's vintage (`22`).
        public var vintage: String
        /// Quarters it follows: 5 or 2.
        public var quarters: Int
        public var first: LFSPeriod
        public var last: LFSPeriod
        public var input: DataInput
    }

    /// One file per period (the newest vintage), in time order.
    public var quarters: [QuarterFile]
    /// The longitudinal datasets.
    public var longitudinal: [LongitudinalFile]
    /// What the user should know: older vintages set aside, files not read.
    public var notes: [String]

    /// Finds the LFS files under `root`.
    ///
    /// - Throws: `SurveyError` when `root` cannot be read or holds no LFS file.
    public init(root: String) throws(SurveyError) {
        self.init(listing: try DownloadListing(root: root))
        if quarters.isEmpty && longitudinal.isEmpty {
            throw SurveyError(
                .notFound, file: root,
                reason:
                    "no LFS person files found (looked for lfsp_<quarter><yy>_eul[_pwtNN] as \(TableFileName.readable))",
                hint: "give the folder or zip holding the quarters (--data; --lfs for reproduce), or name the files")
        }
    }

    /// Finds the LFS files under several roots (folders, archives, or files named one by one).
    ///
    /// - Throws: `SurveyError` when a root cannot be read or none holds an LFS file.
    public init(roots: [String]) throws(SurveyError) {
        var items: [DownloadListing.Item] = []
        for root in roots { items += try DownloadListing(root: root).items }
        self.init(listing: DownloadListing(items: items))
        if quarters.isEmpty && longitudinal.isEmpty {
            throw SurveyError(
                .notFound, file: roots.joined(separator: ", "),
                reason:
                    "no LFS files found (looked for lfsp_<quarter><yy>_eul[_pwtNN] and lgwtNN_5q_…_eul as \(TableFileName.readable))",
                hint: "give the folder or zip holding the quarters (--data; --lfs for reproduce), or name the files")
        }
    }

    /// Classifies a listing's files by name.
    public init(listing: DownloadListing) {
        var byPeriod: [LFSPeriod: [QuarterFile]] = [:]
        var longitudinal: [LongitudinalFile] = []
        var notes: [String] = []
        for item in listing.items {
            guard let name = item.relativePath.split(separator: "/").last.map(String.init),
                let parsed = TableFileName(name)
            else { continue }
            let stem = parsed.stem
            if let file = Self.quarterFile(stem, input: item.input) {
                byPeriod[file.period, default: []].append(file)
            } else if let file = Self.longitudinalFile(stem, input: item.input) {
                longitudinal.append(file)
            }
        }
        var quarters: [QuarterFile] = []
        for period in byPeriod.keys.sorted() {
            guard let files = byPeriod[period] else { continue }
            // The newest vintage wins; among equals, tab before Stata before SPSS, a loose file before an archive member.
            let sorted = files.sorted { a, b in
                let va = Int(a.vintage ?? "") ?? -1
                let vb = Int(b.vintage ?? "") ?? -1
                if va != vb { return va > vb }
                return Self.rank(a) < Self.rank(b)
            }
            guard let chosen = sorted.first else { continue }
            quarters.append(chosen)
            for other in sorted.dropFirst() {
                notes.append(
                    "\(period): using \(chosen.input.fileName) (vintage \(chosen.vintage ?? "none")), not \(other.input.fileName) (vintage \(other.vintage ?? "none"))"
                )
            }
        }
        self.quarters = quarters
        self.longitudinal = longitudinal.sorted { ($0.first, $0.quarters) < ($1.first, $1.quarters) }
        self.notes = notes
    }

    static func rank(_ file: QuarterFile) -> Int {
        TableFileName(file.input.fileName)?.rank(inArchive: file.input.member != nil) ?? 99
    }

    /// `lfsp_aj22_eul_pwt22`, `lfsp_jm06_end_user`, `lfsp_od18_end_user_pwt18`, `lfsp_n20j_eul_pwt18`.
    static func quarterFile(_ stem: String, input: DataInput) -> QuarterFile? {
        let parts = stem.split(separator: "_").map(String.init)
        guard parts.count >= 3, parts[0] == "lfsp", let period = LFSPeriod(code: parts[1]) else { return nil }
        var rest = Array(parts.dropFirst(2))
        if rest.first == "eul" {
            rest.removeFirst()
        } else if rest.starts(with: ["end", "user"]) {
            rest.removeFirst(2)
        } else {
            return nil
        }
        var vintage: String?
        if let last = rest.first, last.hasPrefix("pwt"), last.count == 5, Int(last.dropFirst(3)) != nil {
            vintage = String(last.dropFirst(3))
            rest.removeFirst()
        }
        guard rest.isEmpty else { return nil }
        return QuarterFile(period: period, vintage: vintage, input: input)
    }

    /// `lgwt22_5q_jm22_jm23_eul`.
    static func longitudinalFile(_ stem: String, input: DataInput) -> LongitudinalFile? {
        let parts = stem.split(separator: "_").map(String.init)
        guard parts.count >= 5, parts[0].hasPrefix("lgwt"), parts[0].count == 6,
            let quarters = Int(parts[1].dropLast()), parts[1].hasSuffix("q"),
            let first = LFSPeriod(code: parts[2]), let last = LFSPeriod(code: parts[3]),
            parts[4] == "eul" || parts[4] == "end"
        else { return nil }
        return LongitudinalFile(
            vintage: String(parts[0].dropFirst(4)), quarters: quarters, first: first, last: last, input: input)
    }
}

extension LFSDownload {
    /// The quarterly files within `range` (all when `nil`).
    public func quarters(within range: ClosedRange<LFSPeriod>?) -> [QuarterFile] {
        quarters.filter { range?.contains($0.period) ?? true }
    }

    /// The longitudinal datasets whose first and last quarters are within `range` (all when `nil`).
    public func longitudinal(within range: ClosedRange<LFSPeriod>?) -> [LongitudinalFile] {
        longitudinal.filter { f in range.map { $0.contains(f.first) && $0.contains(f.last) } ?? true }
    }

    /// `2021Q1 to 2024Q4` (or one quarter, or `none`).
    public static func span(_ files: [QuarterFile]) -> String {
        let periods = files.map(\.period).sorted()
        guard let first = periods.first, let last = periods.last else { return "none" }
        return first == last ? "\(first)" : "\(first) to \(last)"
    }
}
