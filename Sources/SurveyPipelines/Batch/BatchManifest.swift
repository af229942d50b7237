import Foundation
import SurveyFiles

/// What a batch run recorded of each step: the settings it ran with (a
/// fingerprint), the files it read (size, modification time, SHA-256) and the
/// outputs it wrote. A later run skips a step whose record still holds.
public struct BatchManifest: Codable {
    struct Input: Codable, Equatable {
        var path: String
        var size: Int
        /// Seconds since 1970.
        var modified: Double
        var sha256: String
    }

    struct Step: Codable {
        var fingerprint: String
        var inputs: [Input]
        var outputs: [String]
        /// When the step finished (ISO 8601).
        var finished: String
        var seconds: Double
    }

    var version = 1
    var steps: [String: Step] = [:]

    /// The manifest's file in an output folder.
    public static func path(in folder: String) -> String { folder + "/ukpanel-manifest.json" }

    /// The manifest in `folder`; empty when there is none, with a note when it could not be read.
    static func load(from folder: String) -> (BatchManifest, String?) {
        let path = Self.path(in: folder)
        guard let data = FileManager.default.contents(atPath: path) else { return (BatchManifest(), nil) }
        do {
            return (try JSONDecoder().decode(BatchManifest.self, from: data), nil)
        } catch {
            return (BatchManifest(), "\(path) could not be read (\(error)); every step runs")
        }
    }

    /// Writes the manifest into `folder` atomically.
    func save(to folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let file = try AtomicOutputFile(path: Self.path(in: folder))
        try file.sink.write(Array(try encoder.encode(self)) + [0x0A])
        try file.commit()
    }
}

/// Sizes, times and checksums of input files, each file hashed at most once a run
/// and not at all when the previous manifest has it with the same size and time.
final class InputFingerprints {
    private var known: [String: BatchManifest.Input] = [:]

    /// Seeds the cache with a previous run's records.
    init(previous: BatchManifest) {
        for step in previous.steps.values {
            for input in step.inputs { known[input.path] = input }
        }
    }

    /// The file's size and modification time now.
    static func stat(_ path: String) -> (size: Int, modified: Double)? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (a[.size] as? NSNumber)?.intValue, let date = a[.modificationDate] as? Date
        else { return nil }
        return (size, date.timeIntervalSince1970)
    }

    /// The record of `path` now, hashing it unless a record with its size and time is known.
    func record(_ path: String) throws -> BatchManifest.Input {
        guard let (size, modified) = Self.stat(path) else {
            throw SurveyError(.notFound, file: path, reason: "input file is gone")
        }
        if let k = known[path], k.size == size, k.modified == modified { return k }
        let record = BatchManifest.Input(path: path, size: size, modified: modified, sha256: try SHA256.file(path))
        known[path] = record
        return record
    }

    /// Whether `inputs` are the files `recorded`: same paths and sizes, and the same time or the same checksum.
    func unchanged(_ inputs: [String], recorded: [BatchManifest.Input]) throws -> Bool {
        guard Set(inputs) == Set(recorded.map(\.path)), inputs.count == recorded.count else { return false }
        for old in recorded {
            guard let (size, modified) = Self.stat(old.path), size == old.size else { return false }
            if modified == old.modified { continue }
            // Touched: the same bytes still count as unchanged.
            guard try record(old.path).sha256 == old.sha256 else { return false }
        }
        return true
    }
}
