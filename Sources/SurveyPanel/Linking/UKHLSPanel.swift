import Foundation
import SurveyFiles
import SurveySchema

/// A UKHLS panel: every wave of a download streamed through the schema into
/// compact person-wave records, linked across waves by `pidp`.
public struct UKHLSPanel: Sendable {
    /// Records by wave number, in file order.
    public var waves: [Int: [PersonWave]]
    /// The file each wave came from.
    public var files: [Int: DataInput]
    /// Rows and inflated bytes read per wave.
    public var bytesRead: [Int: Int]
    /// Discovery's notes.
    public var notes: [String]
    /// By wave: the variables the schema expects in that wave's file that it lacks.
    public var gaps: [Int: [VariableGap]] = [:]
    /// Cells holding codes the schema's lists do not have (read as `unknown_code`), per file and variable.
    public var unknownCodes: [UnknownCode] = []
    /// The schema the records were decoded with: their design and indicators are its declarations.
    public var schema: Schema

    /// Reads the `indresp` of each wave in `download` (or only `only`), two files at a time.
    ///
    /// - Throws: the first `SurveyError` met, naming file, line and variable.
    public static func load(
        download: UKHLSDownload, schema: Schema, only: Set<Int>? = nil,
        options: ReadOptions = .init(), progress: (@Sendable (String) -> Void)? = nil,
        bytes: (@Sendable (_ file: String, _ read: Int, _ size: Int?) -> Void)? = nil
    ) throws -> UKHLSPanel {
        let waves = download.waves.filter { only?.contains($0.number) ?? true }
        let results = ParallelResults<([PersonWave], Int, [VariableGap], [UnknownCode])>(count: waves.count)
        DispatchQueue.concurrentPerform(iterations: waves.count) { index in
            results.set(index) {
                let wave = waves[index]
                guard let input = download.indresp[wave] else { return ([], 0, [], []) }
                var records: [PersonWave] = []
                var gaps: [VariableGap] = []
                var unknown: [UnknownCode] = []
                var reader = RecordReader(schema: schema, wave: wave, input: input, options: options)
                if let bytes { reader.onProgress = { bytes("wave \(wave.letter)", $0, $1) } }
                reader.onGaps = { gaps = $0 }
                reader.onUnknownCodes = { unknown = $0 }
                let summary = try reader.forEachPerson { records.append($0) }
                progress?("read \(input.fileName): \(summary.rows) people")
                return (records, summary.bytes, gaps, unknown)
            }
        }
        var panel = UKHLSPanel(schema: schema, waves: [:], files: [:], bytesRead: [:], notes: download.notes)
        for (wave, (records, bytes, gaps, unknown)) in zip(waves, try results.values()) {
            panel.unknownCodes += unknown
            panel.waves[wave.number] = records
            panel.files[wave.number] = download.indresp[wave]
            panel.bytesRead[wave.number] = bytes
            if !gaps.isEmpty { panel.gaps[wave.number] = gaps }
        }
        return panel
    }

    /// A panel from records already in memory (tests, other sources).
    public init(
        schema: Schema, waves: [Int: [PersonWave]], files: [Int: DataInput] = [:], bytesRead: [Int: Int] = [:],
        notes: [String] = []
    ) {
        self.schema = schema
        self.waves = waves
        self.files = files
        self.bytesRead = bytesRead
        self.notes = notes
    }
}
