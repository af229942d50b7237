import Foundation
import SurveyFiles
import SurveySchema

/// The release a synthetic download imitates: the UK Data Service's tab-delimited, Stata
/// or SPSS release (`.sav` bytecode-compressed as SPSS saves by default, or `.zsav`).
public enum SynthFormat: String, Sendable, CaseIterable {
    case tab, dta, sav, zsav

    /// The study folder's suffix: `UKDA-6614-stata`.
    var releaseName: String {
        switch self {
        case .tab: return "tab"
        case .dta: return "stata"
        case .sav, .zsav: return "spss"
        }
    }

    /// The folders of a release between the study folder and the files (`stata/stata14_se`).
    var releaseFolder: String {
        switch self {
        case .tab: return "tab"
        case .dta: return "stata/stata14_se"
        case .sav, .zsav: return "spss/spss25"
        }
    }

    /// The binary format written, for all but tab.
    var converted: ConvertedFormat? {
        switch self {
        case .tab: return nil
        case .dta: return .dta(release: 118, byteOrder: .littleEndian)
        case .sav: return .sav(compression: .bytecode, byteOrder: .littleEndian)
        case .zsav: return .sav(compression: .zlib, byteOrder: .littleEndian)
        }
    }
}

/// Turns a synthetic tab release into the Stata or SPSS release of the same data: each
/// file converted (types found from the values, labels from the schema), laid out in the
/// release's folders, loose, gzipped or in the release's zip.
struct ReleaseConversion {
    let format: SynthFormat
    let compression: UKHLSSynthOptions.Compression
    let schema: Schema

    /// One file to convert: the tab file, its path in the new release (relative, with the
    /// extension), and the wave whose source names label it (none for cross-wave files).
    struct Job: Sendable {
        var tab: String
        var relative: String
        var wave: Wave?
    }

    /// Converts `jobs` (in parallel) into `folder`; the zip is `zipName` when compressing to zip.
    ///
    /// - Returns: the files written.
    func run(_ jobs: [Job], into folder: String, zipName: String) throws -> [String] {
        guard let converted = format.converted else { return [] }
        let staging = folder + "/.ukpanel-staging-release-\(getpid())"
        let results = ParallelResults<String>(count: jobs.count)
        let schema = self.schema
        let compression = self.compression
        let format = self.format
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            results.set(i) {
                let job = jobs[i]
                let plain = compression == .none ? folder + "/" + job.relative : staging + "/" + job.relative
                try OutputFolders.create(PathNames.folder(of: plain))
                try TableConversion.convert(
                    DataInput(path: job.tab), to: plain, as: converted,
                    labels: Self.labels(schema: schema, wave: job.wave, spss: format != .dta),
                    dataLabel: "ukpanel synthetic data (not real survey responses)")
                guard compression == .gz else { return plain }
                let final = folder + "/" + job.relative + ".gz"
                try OutputFolders.create(PathNames.folder(of: final))
                let output = try AtomicOutputFile(path: final)
                let gzip = try DeflatingSink(downstream: output.sink, format: .gzip)
                try Self.copy(plain, into: gzip)
                try gzip.finish()
                try output.commit()
                return final
            }
        }
        var written = try results.values()
        if compression == .zip {
            let archivePath = folder + "/" + zipName
            let output = try AtomicOutputFile(path: archivePath)
            let archive = ZipWriter(sink: output.sink)
            for (job, path) in zip(jobs, written) {
                try Self.copy(path, into: try archive.beginMember(job.relative))
            }
            try archive.finish()
            try output.commit()
            written = [archivePath]
        }
        try? FileManager.default.removeItem(atPath: staging)
        return written
    }

    /// Writes the tab release with `writeTab` into a staging folder (it returns the files it
    /// wrote), converts the files `jobs` picks into `folder`, and moves truth.json there.
    ///
    /// - Returns: the files written, truth.json last.
    func staged(
        into folder: String, zipName: String, writeTab: (String) throws -> [String],
        jobs: (_ staging: String, _ tabFiles: [String]) -> [Job]
    ) throws -> [String] {
        let staging = folder + "/.ukpanel-staging-tab-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let tabFiles = try writeTab(staging).filter { $0.hasSuffix(".tab") }
        let files = try run(jobs(staging, tabFiles), into: folder, zipName: zipName)
        let truth = folder + "/truth.json"
        try AtomicOutputFile.checkTarget(truth)
        guard rename(staging + "/truth.json", truth) == 0 else {
            throw SurveyError(
                .outputFailure, file: truth,
                reason: "cannot move the truth file into place: \(String(cString: strerror(errno)))")
        }
        return files + [truth]
    }

    static func copy(_ path: String, into sink: ByteSink) throws {
        let source = try FileByteSource(path: path)
        let buffer = RawBuffer(byteCount: 1 << 20)
        while true {
            let n = try source.read(into: buffer.bytes)
            if n == 0 { break }
            try sink.write(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n))
        }
    }

    /// The schema's labels for a file's columns: variable labels, code labels (with the
    /// missing codes' names) and, for SPSS, the negative codes declared user-missing.
    static func labels(schema: Schema, wave: Wave?, spss: Bool) -> [String: ColumnLabels] {
        let missingLabels = Dictionary(
            uniqueKeysWithValues: schema.missingCodes.map {
                ($0.key, $0.value.rawValue.replacingOccurrences(of: "_", with: " "))
            })
        let lowest = Double(schema.missingCodes.keys.min() ?? -9)
        var result: [String: ColumnLabels] = [:]
        for variable in schema.variables {
            let source = wave.flatMap { variable.sourceName(in: $0) } ?? (wave == nil ? variable.source : nil)
            guard let source else { continue }
            let coded = variable.type == .code || variable.type == .int
            result[source] = ColumnLabels(
                label: variable.label.isEmpty ? nil : variable.label,
                valueLabels: variable.type == .code ? variable.codes.merging(missingLabels) { a, _ in a } : [:],
                missing: spss && coded ? [lowest...(-1)] : [])
        }
        return result
    }
}
