import Foundation
import SurveyFiles
import SurveySchema

/// LFS quarters read into memory: each quarter's people, compactly.
public struct LFSQuarters: Sendable {
    /// People by quarter.
    public var quarters: [LFSPeriod: [LFSPerson]]
    /// The file each quarter came from, and its weighting vintage.
    public var files: [LFSPeriod: LFSDownload.QuarterFile]
    /// Decompressed bytes read, by quarter.
    public var bytesRead: [LFSPeriod: Int]
    /// Notes from discovery.
    public var notes: [String]
    /// The variables each quarter's file lacks (optional ones the schema expects in that quarter).
    public var gaps: [LFSPeriod: [VariableGap]] = [:]
    /// Cells holding codes the schema's lists do not have (read as `unknown_code`), per file and variable.
    public var unknownCodes: [UnknownCode] = []
    /// The schema the records were decoded with: their design and indicators are its declarations.
    public var schema: Schema

    /// The periods held, in time order.
    public var periods: [LFSPeriod] { quarters.keys.sorted() }

    /// For reports: each period, the file it came from, and how many people it holds.
    public var sources: [(period: LFSPeriod, file: String, people: Int)] {
        periods.map { ($0, files[$0]?.input.description ?? "(memory)", quarters[$0]?.count ?? 0) }
    }

    /// A reader of one quarter's person file: names matched without regard to case,
    /// `{vintage}` filled from the file name.
    public static func reader(
        schema: Schema, file: LFSDownload.QuarterFile, options: ReadOptions = .init()
    ) -> RecordReader {
        var options = options
        options.caseInsensitiveNames = true
        var values: [String: String] = [:]
        if let vintage = file.vintage { values["vintage"] = vintage }
        return RecordReader(
            schema: schema, role: schema.design.persons, context: SourceContext(ordinal: nil, values: values),
            input: file.input,
            options: options)
    }

    /// Reads the quarters of `download` (those in `range`, when given), two files at a time.
    ///
    /// - Throws: the first file's error (a missing required variable, a bad cell), naming file, line and variable.
    public static func load(
        download: LFSDownload, schema: Schema, range: ClosedRange<LFSPeriod>? = nil,
        options: ReadOptions = .init(), progress: (@Sendable (String) -> Void)? = nil,
        bytes: (@Sendable (_ file: String, _ read: Int, _ size: Int?) -> Void)? = nil
    ) throws -> LFSQuarters {
        let files = download.quarters(within: range)
        let results = ParallelResults<([LFSPerson], Int, [VariableGap], [UnknownCode])>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index) {
                let file = files[index]
                var records: [LFSPerson] = []
                var gaps: [VariableGap] = []
                var unknown: [UnknownCode] = []
                var reader = reader(schema: schema, file: file, options: options)
                if let bytes { reader.onProgress = { bytes(file.period.description, $0, $1) } }
                reader.onGaps = { gaps = $0 }
                reader.onUnknownCodes = { unknown = $0 }
                let summary = try reader.forEachLFSPerson { records.append($0) }
                progress?("read \(file.input.fileName): \(summary.rows) people")
                return (records, summary.bytes, gaps, unknown)
            }
        }
        var loaded = LFSQuarters(schema: schema, quarters: [:], files: [:], bytesRead: [:], notes: download.notes)
        for (file, (records, bytes, gaps, unknown)) in zip(files, try results.values()) {
            loaded.unknownCodes += unknown
            loaded.quarters[file.period] = records
            loaded.files[file.period] = file
            loaded.bytesRead[file.period] = bytes
            if !gaps.isEmpty { loaded.gaps[file.period] = gaps }
        }
        return loaded
    }

    /// Quarters from records already in memory (tests, other sources).
    public init(
        schema: Schema, quarters: [LFSPeriod: [LFSPerson]], files: [LFSPeriod: LFSDownload.QuarterFile] = [:],
        bytesRead: [LFSPeriod: Int] = [:], notes: [String] = []
    ) {
        self.schema = schema
        self.quarters = quarters
        self.files = files
        self.bytesRead = bytesRead
        self.notes = notes
    }

    /// One person seen in two consecutive calendar quarters.
    public struct Transition: Sendable {
        public var earlier: LFSPerson
        public var later: LFSPerson
        /// The earlier quarter.
        public var period: LFSPeriod
    }

    /// People found in consecutive calendar quarters by their person identifier
    /// (CASENOP), with the rotation wave one higher in the later quarter.
    ///
    /// Whether CASENOP is stable across the end-user quarterly files is not confirmed;
    /// callers offer this only as a setting, off by default.
    public func transitionsByPersonIdentifier() -> [Transition] {
        var result: [Transition] = []
        for period in periods {
            guard period.isCalendarQuarter, let earlier = quarters[period], let later = quarters[period.nextQuarter]
            else { continue }
            var index: [Int: Int] = [:]
            index.reserveCapacity(earlier.count)
            for (i, r) in earlier.enumerated() { if let id = r.casenop.value { index[id] = i } }
            for r in later {
                guard let id = r.casenop.value, let i = index[id] else { continue }
                let e = earlier[i]
                if let w0 = e.thiswv.value, let w1 = r.thiswv.value, w1 != w0 + 1 { continue }
                result.append(Transition(earlier: e, later: r, period: period))
            }
        }
        return result
    }
}
