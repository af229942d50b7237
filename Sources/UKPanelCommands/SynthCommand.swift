import ArgumentParser
import Foundation
import SurveyFiles
import SurveySchema
import SurveySynth

/// `ukpanel synth`: synthetic data in the exact layout of the real downloads.
public struct SynthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic survey data in the real download layout, calibrated to published figures.",
        subcommands: [SynthUKHLSCommand.self, SynthLFSCommand.self, SynthONetCommand.self])

    public init() {}
}

extension UKHLSSynthOptions.Compression: ExpressibleByArgument {}
extension SynthFormat: ExpressibleByArgument {}

/// `ukpanel synth ukhls`.
struct SynthUKHLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ukhls",
        abstract: "A synthetic UKHLS download: waves 8-14 (h-n) indresp and xwavedat, plus truth.json.",
        discussion: """
            Writes DIR/UKDA-6614-tab/tab/ukhls/{h..n}_indresp.tab[.gz] and xwavedat, or DIR/UKDA-6614-tab.zip
            with the same tree inside (--compress zip), and DIR/truth.json with the quantities planted.
            At --scale full the rows per wave, the wave-14 NS-SEC counts and the briefing's Table 1 are the
            published ones; the same seed gives byte-identical files.
            """)

    enum ScaleName: String, ExpressibleByArgument, CaseIterable {
        case sample, full
    }

    @Option(name: .long, help: "The folder to write into (created if needed).")
    var out: String

    @Option(name: .long, help: "sample (2,500 people, 150 columns) or full (the published sizes, 1,560 columns).")
    var scale: ScaleName = .sample

    @Option(name: .long, help: "People in wave 8 (instead of --scale); other waves in proportion.")
    var persons: Int?

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 2025

    @Option(name: .long, help: "none (.tab), gz (.tab.gz) or zip (UKDA-6614-tab.zip).")
    var compress: UKHLSSynthOptions.Compression = .gz

    @Option(
        name: .long,
        help:
            "The release: tab (UKDA-6614-tab), dta (UKDA-6614-stata, Stata 118), sav or zsav (UKDA-6614-spss; .sav bytecode-compressed)."
    )
    var format: SynthFormat = .tab

    @Option(
        name: .long,
        help:
            "The last wave: 14 (n, the default) or later; waves after 14 are made up (no such wave is released yet), for testing that new waves are picked up."
    )
    var lastWave = 14

    @Option(name: .long, help: "Columns per indresp file (default: 150 for sample, 1,560 for full).")
    var columns: Int?

    @OptionGroup var schemaOptions: SchemaOptions

    func validate() throws {
        if let persons, persons < 100 { throw ValidationError("--persons must be at least 100") }
        if !(14...26).contains(lastWave) { throw ValidationError("--last-wave must be 14 to 26 (n to z)") }
        if let columns, columns < 40 { throw ValidationError("--columns must be at least 40 (the schema's variables)") }
    }

    func run() throws {
        var options = UKHLSSynthOptions()
        options.scale = persons.map { .persons($0) } ?? (scale == .full ? .full : .sample)
        options.seed = seed
        options.compression = compress
        options.format = format
        options.columns = columns
        options.lastWave = lastWave
        let schema = try schemaOptions.load("ukhls")
        try OutputFolders.create(out)
        let started = Date()
        let summary = try UKHLSSynthesizer(schema: schema, options: options).write(into: out) { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        for wave in summary.rowsPerWave.keys.sorted() {
            let letter = Wave(number: wave)?.letter ?? "?"
            let size = ProgressLine.megabytes(summary.bytesPerWave[wave] ?? 0)
            print("wave \(wave) (\(letter)): \(summary.rowsPerWave[wave] ?? 0) rows, \(size) uncompressed")
        }
        for file in summary.files { print("wrote \(file)") }
        print(String(format: "done in %.1f s", seconds))
    }
}

extension LFSPeriod: ExpressibleByArgument {
    public init?(argument: String) { self.init(quarterLabel: argument) }
}

/// `ukpanel synth lfs`.
struct SynthLFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lfs",
        abstract: "Synthetic LFS quarters (lfsp_*_eul_pwtNN) and five-quarter longitudinal datasets, plus truth.json.",
        discussion: """
            Writes one UKDA-NNNN-tab/tab/ folder per file, as separate studies are delivered, with the \
            rotation (households interviewed five quarters running, a fifth new each quarter, movers leaving \
            the sample). At --scale full the sizes are the published ones where known (Oct-Dec 2019 84,062; \
            Apr-Jun 2023 53,287) and HOME in Oct-Dec 2021 is exactly the published unweighted count. Jan-Mar \
            2020 is also re-released with the 2022 weights, so readers must pick the newest vintage.
            """)

    @Option(name: .long, help: "The folder to write into.") var out: String
    @Option(name: .long, help: "First quarter (2019Q1 or later).") var from = LFSPeriod(year: 2019, quarter: 1)
    @Option(name: .long, help: "Last quarter (2024Q4 at the latest).") var to = LFSPeriod(year: 2024, quarter: 4)
    @Option(name: .long, help: "sample (1.5% of the published sizes, 80 columns) or full (660 columns).")
    var scale: SynthUKHLSCommand.ScaleName = .sample
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 2025
    @Option(name: .long, help: "none (.tab) or gz (.tab.gz); zip is for UKHLS.") var compress:
        UKHLSSynthOptions.Compression = .gz
    @Option(name: .long, help: "The release: tab, dta (Stata 118), sav (bytecode-compressed) or zsav.")
    var format: SynthFormat = .tab
    @OptionGroup var schemaOptions: SchemaOptions

    func validate() throws {
        if compress == .zip {
            throw ValidationError("LFS quarters come as separate studies: use --compress none or gz")
        }
        if from > to { throw ValidationError("--from is after --to") }
    }

    func run() throws {
        var options = LFSSynthOptions()
        options.from = from
        options.to = to
        options.full = scale == .full
        options.seed = seed
        options.gzip = compress == .gz
        options.format = format
        try OutputFolders.create(out)
        let started = Date()
        let summary = try LFSSynthesizer(schema: try schemaOptions.load("lfs"), options: options).write(into: out)
        for quarter in summary.truth.quarters.keys.sorted() {
            let q = summary.truth.quarters[quarter]
            print("\(quarter): \(q?.rows ?? 0) people, \(q?.workers ?? 0) in work")
        }
        for file in summary.files { print("wrote \(file)") }
        print(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
    }
}
