import SurveyFiles
import SurveySchema

/// Every person interviewed in two consecutive waves of a download, streamed:
/// the waves are read in order and only two are held at a time.
public struct ConsecutiveWavePairs: Sendable {
    public let download: UKHLSDownload
    public let waves: [Wave]
    public let schema: Schema
    public let options: ReadOptions
    /// Codes outside the schema's lists met while reading (read as `unknown_code`), per file and variable.
    public let unknownCodes = UnknownCodeLog()

    /// The pairs of `waves` (those `download` has) read with `schema`.
    public init(download: UKHLSDownload, waves: [Wave], schema: Schema, options: ReadOptions = .init()) {
        self.download = download
        self.waves = waves
        self.schema = schema
        self.options = options
    }

    /// Calls `body` with every person interviewed in wave w−1 and in wave w (the earlier and the later
    /// record). Returns the pairs found per later wave number (only waves whose previous wave was read).
    ///
    /// - Throws: the first reading error (file, line, variable), or what `body` throws.
    @discardableResult
    public func forEach(
        onProgress: ((Wave, Int, Int?) -> Void)? = nil, _ body: (PersonWave, PersonWave) throws -> Void
    ) throws -> [Int: Int] {
        var pairsByWave: [Int: Int] = [:]
        var previous: (wave: Int, byPerson: [Int: PersonWave])?
        for wave in waves.sorted() {
            guard let input = download.indresp[wave] else { continue }
            var reader = RecordReader(schema: schema, wave: wave, input: input, options: options)
            reader.onProgress = onProgress.map { report in { done, total in report(wave, done, total) } }
            reader.onUnknownCodes = { [unknownCodes] in unknownCodes.add($0) }
            var current: [Int: PersonWave] = [:]
            var count = 0
            let earlier = previous?.wave == wave.number - 1 ? previous?.byPerson : nil
            try reader.forEachPerson { record in
                current[record.pidp] = record
                guard let earlier, let before = earlier[record.pidp] else { return }
                try body(before, record)
                count += 1
            }
            if earlier != nil { pairsByWave[wave.number] = count }
            previous = (wave.number, current)
        }
        return pairsByWave
    }
}
