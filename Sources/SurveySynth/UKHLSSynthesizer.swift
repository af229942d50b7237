import Foundation
import SurveyFiles
import SurveySchema

/// Writes a synthetic UKHLS download in the real layout:
/// `DIR/UKDA-6614-tab/tab/ukhls/{h…n}_indresp.tab[.gz]` and `xwavedat.tab[.gz]`,
/// or `DIR/UKDA-6614-tab.zip` holding the same tree, plus `DIR/truth.json`.
/// Column names come from the same schema the readers use.
public struct UKHLSSynthesizer {
    /// What was written.
    public struct Summary: Sendable {
        /// Files written (paths), truth.json last.
        public var files: [String]
        /// Rows per wave.
        public var rowsPerWave: [Int: Int]
        /// Uncompressed bytes per wave's indresp.
        public var bytesPerWave: [Int: Int]
        /// The planted truth.
        public var truth: SynthTruth
    }

    public let schema: Schema
    public let options: UKHLSSynthOptions

    /// A generator writing `schema`'s variables under the options.
    public init(schema: Schema, options: UKHLSSynthOptions) {
        self.schema = schema
        self.options = options
    }

    /// Simulates the population and writes the download into `folder`.
    ///
    /// Waves are written in parallel (one per core); each file is written under a
    /// temporary name and renamed when complete.
    public func write(into folder: String, log: (String) -> Void = { _ in }) throws -> Summary {
        guard options.format == .tab else { return try writeRelease(into: folder, log: log) }
        var simulation = UKHLSSimulation(rowsPerWave: options.rowsPerWave, seed: options.seed)
        simulation.run()
        let records = simulation.records
        let people = simulation.people
        log("simulated \(people.count) people over waves \(records.keys.min() ?? 0)-\(records.keys.max() ?? 0)")
        let tree = "UKDA-6614-tab/tab/ukhls"
        let base = folder + "/" + tree
        let zipped = options.compression == .zip
        let staging = zipped ? folder + "/.ukpanel-staging-\(getpid())" : base
        try OutputFolders.create(staging)
        let suffix = options.compression == .gz ? ".tab.gz" : ".tab"
        let waves = records.keys.sorted()
        // Jobs: each wave's indresp, and xwavedat.
        let jobs: [(name: String, wave: Int?)] =
            waves.map { w in ("\(Wave(number: w)?.letter ?? "?")_indresp", w) }
            + [("xwavedat", nil)]
        let results = ParallelResults<WrittenFile>(count: jobs.count)
        let schema = self.schema
        let options = self.options
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let path = staging + "/" + job.name + (zipped ? ".deflate" : suffix)
            results.set(index) {
                if let wave = job.wave, let waveValue = Wave(number: wave) {
                    return try Self.writeWave(
                        records[wave] ?? [],
                        layout: SynthColumnLayout(schema: schema, wave: waveValue, width: options.columnCount),
                        path: path, options: options, seed: options.seed &+ UInt64(wave) &* 7919)
                }
                return try Self.writeCrossWave(people, path: path, options: options)
            }
        }
        var files: [String] = []
        var bytes: [Int: Int] = [:]
        let written = try results.values()
        for (job, file) in zip(jobs, written) {
            if let wave = job.wave { bytes[wave] = file.uncompressedSize }
        }
        if zipped {
            let archivePath = folder + "/UKDA-6614-tab.zip"
            let output = try AtomicOutputFile(path: archivePath)
            let archive = ZipWriter(sink: output.sink)
            for (job, file) in zip(jobs, written) {
                try archive.addPrecompressedMember(
                    "\(tree)/\(job.name).tab", source: try FileByteSource(path: file.path), crc32: file.crc32,
                    compressedSize: file.compressedSize, uncompressedSize: file.uncompressedSize)
            }
            try archive.finish()
            try output.commit()
            try? FileManager.default.removeItem(atPath: staging)
            files.append(archivePath)
        } else {
            files += written.map(\.path)
        }
        let truth = SynthTruth(records: records, options: options)
        let truthPath = folder + "/truth.json"
        let truthFile = try AtomicOutputFile(path: truthPath)
        try truthFile.sink.write(Array(try truth.json()) + [0x0A])
        try truthFile.commit()
        files.append(truthPath)
        return Summary(files: files, rowsPerWave: records.mapValues(\.count), bytesPerWave: bytes, truth: truth)
    }

    /// Writes the Stata or SPSS release: the tab release made in a staging folder, then converted.
    private func writeRelease(into folder: String, log: (String) -> Void) throws -> Summary {
        var tabOptions = options
        tabOptions.format = .tab
        tabOptions.compression = .none
        let format = options.format
        let study = "UKDA-6614-\(format.releaseName)"
        let tree = "\(study)/\(format.releaseFolder)/ukhls"
        var summary: Summary?
        let files = try ReleaseConversion(format: format, compression: options.compression, schema: schema).staged(
            into: folder, zipName: "\(study).zip",
            writeTab: { staging in
                let written = try UKHLSSynthesizer(schema: schema, options: tabOptions).write(into: staging, log: log)
                summary = written
                log("converting the files to the \(format.releaseName) release (\(format.rawValue))")
                return written.files
            },
            jobs: { _, tabFiles in
                tabFiles.map { path in
                    let stem = String((PathNames.lastComponent(of: path) as NSString).deletingPathExtension)
                    let wave = stem.hasSuffix("_indresp") ? Wave(letter: String(stem.prefix(1))) : nil
                    return ReleaseConversion.Job(tab: path, relative: "\(tree)/\(stem).\(format.rawValue)", wave: wave)
                }
            })
        guard var result = summary else {
            throw SurveyError(.outputFailure, file: folder, reason: "nothing was written")
        }
        result.files = files
        return result
    }

    /// A file written: where, its sizes and (for a zip member) its CRC-32.
    struct WrittenFile: Sendable {
        var path: String
        var uncompressedSize: Int
        var compressedSize: Int
        var crc32: UInt32
    }

    static func openSink(path: String, options: UKHLSSynthOptions) throws -> (
        AtomicOutputFile, ByteSink, DeflatingSink?
    ) {
        let file = try AtomicOutputFile(path: path)
        switch options.compression {
        case .none:
            return (file, file.sink, nil)
        case .gz:
            let deflater = try DeflatingSink(downstream: file.sink, format: .gzip, level: options.level)
            return (file, deflater, deflater)
        case .zip:
            let deflater = try DeflatingSink(downstream: file.sink, format: .rawDeflate, level: options.level)
            return (file, deflater, deflater)
        }
    }

    static func finish(
        _ file: AtomicOutputFile, _ sink: ByteSink, _ deflater: DeflatingSink?, path: String, rawBytes: Int
    ) throws -> WrittenFile {
        try sink.finish()
        try file.commit()
        return WrittenFile(
            path: path, uncompressedSize: rawBytes, compressedSize: deflater?.bytesOut ?? rawBytes,
            crc32: deflater?.crc ?? 0)
    }

    static func writeWave(
        _ records: [SynthRecord], layout: SynthColumnLayout, path: String, options: UKHLSSynthOptions, seed: UInt64
    ) throws -> WrittenFile {
        let (file, sink, deflater) = try openSink(path: path, options: options)
        var random = SplitMix64(seed: seed, stream: 2)
        var line: [UInt8] = []
        line.reserveCapacity(1 << 20)
        line.append(contentsOf: layout.header.joined(separator: "\t").utf8)
        line.append(0x0A)
        var raw = 0
        for record in records {
            layout.appendLine(record, to: &line, random: &random)
            if line.count >= 1 << 19 {
                raw += line.count
                try sink.write(line)
                line.removeAll(keepingCapacity: true)
            }
        }
        raw += line.count
        try sink.write(line)
        return try finish(file, sink, deflater, path: path, rawBytes: raw)
    }

    /// xwavedat: one row per person ever enumerated, keyed by pidp, no wave prefix.
    static func writeCrossWave(_ people: [SynthPerson], path: String, options: UKHLSSynthOptions) throws -> WrittenFile
    {
        let (file, sink, deflater) = try openSink(path: path, options: options)
        var random = SplitMix64(seed: options.seed, stream: 3)
        var text = "pidp\tsex_dv\tbirthy\tukborn\tracel_dv\tbornuk_dv\tfirstw\n"
        for p in people.sorted(by: { $0.pidp < $1.pidp }) {
            let ukborn = random.chance(0.1) ? "-21" : String(random.chance(0.86) ? 1 : 5)
            let race = random.chance(0.05) ? "-9" : String(random.chance(0.8) ? 1 : 2 + Int(random.next() % 16))
            text +=
                "\(p.pidp)\t\(p.sex)\t\(p.birthYear)\t\(ukborn)\t\(race)\t\(ukborn == "1" ? 1 : 2)\t\(random.chance(0.4) ? -20 : 1)\n"
        }
        let bytes = Array(text.utf8)
        try sink.write(bytes)
        return try finish(file, sink, deflater, path: path, rawBytes: bytes.count)
    }
}
