import Foundation
import SurveyFiles
import SurveySchema

/// What `ukpanel synth lfs` makes.
public struct LFSSynthOptions: Sendable {
    public var from = LFSPeriod(year: 2019, quarter: 1)
    public var to = LFSPeriod(year: 2024, quarter: 4)
    /// Full scale: the published sizes (about 85,000 people a quarter in 2019, 53,000 by 2023), 660 columns.
    public var full = false
    public var seed: UInt64 = 2025
    /// gzip the files (`.tab.gz`); plain `.tab` otherwise.
    public var gzip = true
    /// The release imitated: tab-delimited (the default), Stata or SPSS.
    public var format: SynthFormat = .tab
    public var columns: Int?

    public init() {}

    /// At sample scale: 1.5% of the published sizes.
    var scale: Double { full ? 1 : 0.015 }
    var columnCount: Int { columns ?? (full ? 660 : 80) }
}

/// Writes synthetic LFS quarters and five-quarter longitudinal datasets in the
/// UK Data Service's layout, and truth.json.
public struct LFSSynthesizer {
    public let schema: Schema
    public let options: LFSSynthOptions

    public init(schema: Schema, options: LFSSynthOptions) {
        self.schema = schema
        self.options = options
    }

    /// Files written, and the planted truth.
    public struct Summary: Sendable {
        public var files: [String]
        public var truth: LFSTruth
    }

    /// Simulates and writes into `folder`.
    public func write(into folder: String) throws -> Summary {
        guard options.format == .tab else { return try writeRelease(into: folder) }
        let base = LFSCalibration.firstYear * 4
        let first = max(options.from.quarterIndex - base, 0)
        let last = min(options.to.quarterIndex - base, LFSCalibration.personsPerQuarter.count - 1)
        guard first <= last else {
            throw SurveyError(.invalidValue, file: "--from/--to", reason: "the LFS generator covers 2019Q1-2024Q4")
        }
        // Simulate from 2019Q1 so the rotation is in its steady state, then write the quarters asked for.
        let options = self.options
        let sizes = LFSCalibration.personsPerQuarter.prefix(last + 1).map {
            max(20, Int((Double($0) * options.scale).rounded()))
        }
        var simulation = LFSSimulation(persons: Array(sizes), firstYear: LFSCalibration.firstYear, seed: options.seed)
        simulation.run()
        let quarters = Array(first...last)
        var jobs: [(path: String, work: @Sendable () throws -> Void)] = []
        let ext = options.gzip ? ".tab.gz" : ".tab"
        let records = simulation.quarters
        for (n, q) in quarters.enumerated() {
            let label = LFSPeriod(year: LFSCalibration.firstYear + q / 4, quarter: q % 4 + 1)
            let vintage = label.year >= 2022 ? "22" : "18"
            let path = "\(folder)/UKDA-\(9001 + n)-tab/tab/lfsp_\(label.fileCode)_eul_pwt\(vintage)\(ext)"
            let layout = LFSColumnLayout(year: label.year, vintage: vintage, width: options.columnCount)
            let rows = records[q]
            jobs.append(
                (
                    path,
                    {
                        try LFSFileWriter.writeQuarter(
                            rows, layout: layout, path: path, gzip: options.gzip, seed: options.seed &+ UInt64(q))
                    }
                ))
            if label == LFSPeriod(year: 2020, quarter: 1) {
                // The same quarter re-released with the 2022 weights: readers must take the newer vintage.
                let again = "\(folder)/UKDA-\(9001 + n)-tab/tab/lfsp_\(label.fileCode)_eul_pwt22\(ext)"
                let newer = LFSColumnLayout(year: label.year, vintage: "22", width: options.columnCount)
                jobs.append(
                    (
                        again,
                        {
                            try LFSFileWriter.writeQuarter(
                                rows, layout: newer, path: again, gzip: options.gzip, seed: options.seed &+ UInt64(q),
                                reweight: 1.01)
                        }
                    ))
            }
        }
        var longitudinal: [LFSTruth.Longitudinal] = []
        for (k, start) in quarters.enumerated() where start % 4 == 0 && start + 4 <= last {
            let a = LFSPeriod(year: LFSCalibration.firstYear + start / 4, quarter: 1)
            let b = LFSPeriod(year: a.year + 1, quarter: 1)
            let vintage = b.year >= 2022 ? "22" : "18"
            let path = "\(folder)/UKDA-\(9500 + k)-tab/tab/lgwt\(vintage)_5q_\(a.fileCode)_\(b.fileCode)_eul\(ext)"
            let histories = LFSFileWriter.histories(records, start: start)
            longitudinal.append(LFSTruth.Longitudinal(file: PathNames.lastComponent(of: path), histories: histories))
            jobs.append(
                (
                    path,
                    {
                        try LFSFileWriter.writeLongitudinal(
                            histories, vintage: vintage, path: path, gzip: options.gzip,
                            seed: options.seed &+ UInt64(start))
                    }
                ))
        }
        let work = jobs
        let results = ParallelResults<Void>(count: work.count)
        DispatchQueue.concurrentPerform(iterations: work.count) { i in results.set(i) { try work[i].work() } }
        _ = try results.values()
        let truth = LFSTruth(records: records, quarters: quarters, longitudinal: longitudinal, options: options)
        let truthFile = try AtomicOutputFile(path: folder + "/truth.json")
        try truthFile.sink.write(Array(try truth.json()) + [0x0A])
        try truthFile.commit()
        return Summary(files: jobs.map(\.path) + [folder + "/truth.json"], truth: truth)
    }

    /// Writes the Stata or SPSS release: the tab release made in a staging folder, then converted
    /// into `UKDA-NNNN-stata/stata/stata14_se/…` or `UKDA-NNNN-spss/spss/spss25/…`.
    private func writeRelease(into folder: String) throws -> Summary {
        var tabOptions = options
        tabOptions.format = .tab
        tabOptions.gzip = false
        let format = options.format
        var summary: Summary?
        let files = try ReleaseConversion(format: format, compression: options.gzip ? .gz : .none, schema: schema)
            .staged(
                into: folder, zipName: "",
                writeTab: { staging in
                    let written = try LFSSynthesizer(schema: schema, options: tabOptions).write(into: staging)
                    summary = written
                    return written.files
                },
                jobs: { staging, tabFiles in
                    tabFiles.map { path in
                        let relative = String(path.dropFirst(staging.count + 1))
                        let study =
                            relative.split(separator: "/").first.map { $0.replacingOccurrences(of: "-tab", with: "") }
                            ?? ""
                        let stem = (PathNames.lastComponent(of: relative) as NSString).deletingPathExtension
                        return ReleaseConversion.Job(
                            tab: path,
                            relative:
                                "\(study)-\(format.releaseName)/\(format.releaseFolder)/\(stem).\(format.rawValue)",
                            wave: nil)
                    }
                })
        guard var result = summary else {
            throw SurveyError(.outputFailure, file: folder, reason: "nothing was written")
        }
        result.files = files
        return result
    }
}
