/// What `ukpanel synth ukhls` makes.
public struct UKHLSSynthOptions: Sendable {
    /// How big.
    public enum Scale: Sendable, Equatable {
        /// A small download for the committed samples: 2,500 people in wave 8, 150 columns.
        case sample
        /// The published sizes: 39,290 people in wave 8 … 35,471 in wave 14, 1,560 columns.
        case full
        /// `n` people in wave 8, the other waves in proportion.
        case persons(Int)
    }

    /// How the files are written.
    public enum Compression: String, Sendable, CaseIterable {
        /// `.tab` files.
        case none
        /// `.tab.gz` files.
        case gz
        /// One `UKDA-6614-tab.zip`, as the UK Data Service delivers it.
        case zip
    }

    public var scale: Scale = .sample
    public var seed: UInt64 = 2025
    public var compression: Compression = .gz
    /// The release imitated: tab-delimited (the default), Stata or SPSS.
    public var format: SynthFormat = .tab
    /// Columns per indresp file; the default follows the scale.
    public var columns: Int?
    /// The last wave written (14 = `n`; 15 adds a made-up wave `o` after the real ones,
    /// its size `Calibration.unreleasedWaveRows` at full scale). Waves 8–14 are the same whatever this is.
    public var lastWave = 14
    /// Deflate level (1 fastest … 9 smallest).
    public var level: Int32 = 6

    /// The defaults: sample scale, seed 2025, gzip.
    public init() {}

    /// People in wave 8.
    var wave8Persons: Int {
        switch scale {
        case .sample: return 2_500
        case .full: return Calibration.rowsPerWave[8] ?? 39_290
        case .persons(let n): return n
        }
    }

    /// Rows per wave at this scale (exactly the published ones at full scale).
    var rowsPerWave: [Int: Int] {
        var rows = Calibration.rowsPerWave
        for wave in 15...max(15, lastWave) where wave <= lastWave { rows[wave] = Calibration.unreleasedWaveRows }
        if scale == .full { return rows }
        let factor = Double(wave8Persons) / Double(Calibration.rowsPerWave[8] ?? 39_290)
        return rows.mapValues { max(1, Int((Double($0) * factor).rounded())) }
    }

    var columnCount: Int {
        columns ?? (scale == .sample ? 150 : (wave8Persons >= 10_000 ? 1_560 : 400))
    }

    var scaleName: String {
        switch scale {
        case .sample: return "sample"
        case .full: return "full"
        case .persons(let n): return "persons=\(n)"
        }
    }
}
