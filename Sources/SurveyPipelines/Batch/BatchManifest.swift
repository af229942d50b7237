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
        /// The inode's status-change time (seconds since 1970; no one can set it back, unlike the
        /// modification time) and the inode; absent from manifests written before they were kept.
        var changed: Double?
        var inode: UInt64?
        var sha256: String

        /// Whether `state` is this record's file as it was: same size, times and inode.
        func matches(_ state: FileState) -> Bool {
            size == state.size && modified == state.modified && changed == state.changed && inode == state.inode
        }
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

    /// The record of `path` now, hashing it unless a record with its size, times and inode is known.
    func record(_ path: String) throws -> BatchManifest.Input {
        guard let state = FileState(path) else {
            throw SurveyError(.notFound, file: path, reason: "input file is gone")
        }
        if let k = known[path], k.matches(state) { return k }
        let record = BatchManifest.Input(
            path: path, size: state.size, modified: state.modified, changed: state.changed, inode: state.inode,
            sha256: try SHA256.file(path))
        known[path] = record
        return record
    }

    /// Whether `inputs` are the files `recorded`: the same paths, and each either the same size,
    /// modification time, status-change time and inode, or else the same SHA-256.
    func unchanged(_ inputs: [String], recorded: [BatchManifest.Input]) throws -> Bool {
        guard Set(inputs) == Set(recorded.map(\.path)), inputs.count == recorded.count else { return false }
        for old in recorded {
            guard let state = FileState(old.path), state.size == old.size else { return false }
            if old.matches(state) { continue }
            // Touched or rewritten: the same bytes still count as unchanged.
            guard try record(old.path).sha256 == old.sha256 else { return false }
        }
        return true
    }

    /// Whether the files read by a step are still the ones recorded before it ran.
    ///
    /// - Throws: `.invalidValue` naming the first file whose bytes changed while the step ran.
    func confirm(_ before: [BatchManifest.Input]) throws {
        for old in before {
            guard let state = FileState(old.path), !old.matches(state) else { continue }
            known[old.path] = nil
            if state.size == old.size, try record(old.path).sha256 == old.sha256 { continue }
            throw SurveyError(
                .invalidValue, file: old.path,
                reason: "changed while the step read it: its outputs may mix the old file and the new",
                hint: "run the job again once the file is complete")
        }
    }
}

/// A file's size, times and inode, from `stat`.
struct FileState {
    var size: Int
    var modified: Double
    var changed: Double
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        // The modification time as Foundation gives it, as manifests have always recorded it.
        guard fstatat(AT_FDCWD, path, &info, 0) == 0,
            let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        else { return nil }
        size = Int(info.st_size)
        modified = date.timeIntervalSince1970
        changed = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
        inode = UInt64(info.st_ino)
    }
}
