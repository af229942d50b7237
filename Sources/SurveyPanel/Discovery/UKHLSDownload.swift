import SurveyFiles
import SurveySchema

/// The UKHLS files found in a download: each wave's `indresp`, and `xwavedat`.
///
/// Understands the current flat layout (`UKDA-6614-tab/tab/ukhls/h_indresp.tab`),
/// the older per-wave folders (`tab/ukhls_w8/h_indresp.tab`, `tab/ukhls_wx/xwavedat.tab`),
/// the Stata and SPSS releases (`UKDA-6614-stata/stata/stata14_se/ukhls/h_indresp.dta`,
/// `UKDA-6614-spss/spss/spss25/ukhls/h_indresp.sav`, `.zsav`), loose files, gzip-compressed
/// files (`.tab.gz`) and zip archives as downloaded, in any mix. A wave found in several
/// formats is read from one (tab, then Stata, then SPSS) and a note says which. Waves are recognised by their letter, so wave 15 (`o`) and later
/// are found with no change.
public struct UKHLSDownload: Sendable {
    /// Each wave's individual-response file.
    public var indresp: [Wave: DataInput]
    /// The cross-wave file, when present.
    public var xwavedat: DataInput?
    /// What the user should know: duplicates set aside, files in formats not read yet.
    public var notes: [String]

    /// The waves found, in order.
    public var waves: [Wave] { indresp.keys.sorted() }

    /// A sentence when waves are missing between the first and the last found (a wave left out of
    /// a download, or a file misnamed): anything linked across that gap would be wrong or missing.
    public var waveGap: String? {
        guard let first = waves.first, let last = waves.last else { return nil }
        let missing = (first.number...last.number).compactMap { n -> Wave? in
            guard let wave = Wave(number: n), indresp[wave] == nil else { return nil }
            return wave
        }
        guard !missing.isEmpty else { return nil }
        let names = missing.map { "\($0.number) (\($0.letter)_indresp)" }.joined(separator: ", ")
        return
            "waves \(first.number) to \(last.number) were found but not wave\(missing.count == 1 ? "" : "s") \(names): people are not linked across the gap, and moves and transitions into the wave after it are missing"
    }

    /// Finds the UKHLS files under `root` (a folder, a zip archive, or one file).
    ///
    /// - Throws: `SurveyError` when `root` cannot be read, or holds no UKHLS file at all.
    public init(root: String) throws(SurveyError) {
        self.init(listing: try DownloadListing(root: root))
        if indresp.isEmpty && xwavedat == nil {
            throw SurveyError(
                .notFound, file: root,
                reason: "no UKHLS files found (looked for {w}_indresp and xwavedat as \(TableFileName.readable))",
                hint: notes.first
                    ?? "point --data at the unpacked download, its zip (UKDA-6614-tab.zip, -stata.zip or -spss.zip), or a folder holding them"
            )
        }
    }

    /// Classifies the files of a listing.
    public init(listing: DownloadListing) {
        var indresp: [Wave: Candidate] = [:]
        var xwavedat: Candidate?
        var notes: [String] = []
        for item in listing.items {
            let components = item.relativePath.split(separator: "/").map(String.init)
            guard let name = components.last?.lowercased() else { continue }
            let parent = components.count >= 2 ? components[components.count - 2].lowercased() : ""
            if parent == "bhps" || parent.hasPrefix("bhps_") { continue }
            guard let file = TableFileName(name) else { continue }
            let stem = file.stem
            let candidate = Candidate(input: item.input, rank: file.rank(inArchive: item.inArchive))
            if stem == "xwavedat" {
                xwavedat = Candidate.prefer(xwavedat, candidate, what: "xwavedat", notes: &notes)
                continue
            }
            guard stem.hasSuffix("_indresp"), stem.count == "h_indresp".count,
                let wave = Wave(letter: String(stem.prefix(1)))
            else { continue }
            if parent.hasPrefix("ukhls_w"), let folderWave = Int(parent.dropFirst("ukhls_w".count)),
                folderWave != wave.number
            {
                notes.append(
                    "\(item.input) is in folder \(parent) but its letter says wave \(wave.number): using the letter")
            }
            indresp[wave] = Candidate.prefer(indresp[wave], candidate, what: "\(wave)", notes: &notes)
        }
        self.indresp = indresp.mapValues(\.input)
        self.xwavedat = xwavedat?.input
        self.notes = notes
        if let gap = waveGap { self.notes.append(gap) }
    }

    /// A file found, ranked: loose uncompressed files (0) before gzip (1), before archive members (2, 3).
    struct Candidate {
        var input: DataInput
        var rank: Int

        /// The better of two finds of the same file, noting the one set aside.
        static func prefer(_ current: Candidate?, _ new: Candidate, what: String, notes: inout [String]) -> Candidate {
            guard let current else { return new }
            let (keep, drop) = current.rank <= new.rank ? (current, new) : (new, current)
            let formats = [keep, drop].compactMap { TableFileName($0.input.fileName)?.release }
            if formats.count == 2 && formats[0] != formats[1] {
                notes.append(
                    "\(what) found in two formats: using \(keep.input) (\(formats[0].rawValue)), not \(drop.input) (\(formats[1].rawValue)); they hold the same data"
                )
            } else {
                notes.append("\(what) found twice: using \(keep.input), not \(drop.input)")
            }
            return keep
        }
    }
}

extension UKHLSDownload {
    /// The waves of the download named by `text`: letters or numbers, a range or a list (`h-n`, `8-14`,
    /// `12,14`), or `all`.
    ///
    /// - Throws: `.invalidArgument` when none of them is in the download, or the list cannot be read.
    public func waves(matching text: String) throws(SurveyError) -> [Wave] {
        let chosen: [Wave]
        if text.lowercased() == "all" {
            chosen = waves
        } else {
            let wanted = Set(try Wave.parseList(text))
            chosen = waves.filter { wanted.contains($0) }
        }
        guard !chosen.isEmpty else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "none of the waves \(text) is in the download (found: \(waves.map(\.letter).joined(separator: ", ")))"
            )
        }
        return chosen
    }
}
