import ArgumentParser
import Foundation
import SurveySchema
import SurveySynth

/// `ukpanel synth`: synthetic data in the exact layout of the real downloads.
public struct SynthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic survey data in the real download layout, calibrated to published figures.",
        subcommands: [SynthUKHLSCommand.self])

    public init() {}
}

extension UKHLSSynthOptions.Compression: ExpressibleByArgument {}

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

    @Option(name: .long, help: "Columns per indresp file (default: 150 for sample, 1,560 for full).")
    var columns: Int?

    @OptionGroup var schemaOptions: SchemaOptions

    func validate() throws {
        if let persons, persons < 100 { throw ValidationError("--persons must be at least 100") }
        if let columns, columns < 40 { throw ValidationError("--columns must be at least 40 (the schema's variables)") }
    }

    func run() throws {
        var options = UKHLSSynthOptions()
        options.scale = persons.map { .persons($0) } ?? (scale == .full ? .full : .sample)
        options.seed = seed
        options.compression = compress
        options.columns = columns
        let schema = try schemaOptions.load("ukhls")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
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
