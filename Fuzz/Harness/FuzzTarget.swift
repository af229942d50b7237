import Foundation
import SurveyFiles

/// One reader under fuzzing: what `scripts/fuzz.sh TARGET SECONDS` runs, and what the regression
/// tests replay. Each target writes the fuzzer's bytes to a scratch file (the readers read files,
/// as users give them) and reads it through the public API a command would use.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The tab-delimited reader: `inspect` (every column profiled) and `select` of the first columns.
    case tab
    /// The gzip reader: the file inflated to its end (headers, members, trailers checked).
    case gzip
    /// The zip directory and its members: every member opened and inflated, its header read.
    case zip
    /// The Stata reader: header, value labels and every column of every row.
    case dta
    /// The SPSS reader (.sav and .zsav): dictionary, value labels and every column of every row.
    case sav

    /// Limits far below the defaults, so one input cannot make the fuzzer run out of memory or time
    /// while still reaching every limit check.
    public var options: ReadOptions {
        var options = ReadOptions()
        options.limits = DecompressionLimits(maxOutputBytes: 8 << 20, maxRatio: 500, ratioGraceBytes: 1 << 20)
        options.maxLineBytes = 1 << 20
        options.maxHeaderBytes = 1 << 20
        options.maxColumns = 4096
        options.chunkSize = 64 << 10
        // One thread: the read-ahead thread started and stopped per input would be most of the time.
        options.pipelined = false
        switch self {
        case .tab: options.format = "tab"
        case .dta: options.format = "dta"
        case .sav: options.format = "sav"
        case .gzip, .zip: break
        }
        return options
    }
}

/// What reading one input came to. Anything but these two is a finding: a crash stops the process,
/// and an error that is not the project's own `SurveyError` is `foreign`.
public enum FuzzOutcome: Sendable, Equatable {
    /// Read to the end: the rows (or members, or bytes) read.
    case read(Int)
    /// Refused with the project's own error, of this code.
    case refused(SurveyError.Code)
    /// Refused with an error of another type: its description.
    case foreign(String)
}

/// Runs inputs through one target, through a scratch file of its own.
public struct FuzzHarness: Sendable {
    /// The target.
    public let target: FuzzTarget
    /// The scratch file each input is written to.
    public let scratch: String

    /// A harness for `target` writing its inputs to a file in `/dev/shm` (memory) when there is one,
    /// else in the temporary folder; the name holds the process id and a random part, so harnesses
    /// running at once (parallel tests, parallel fuzz jobs) do not collide.
    public init(target: FuzzTarget) {
        self.target = target
        let folder =
            FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let suffix = target == .zip ? "zip" : target.rawValue
        scratch = "\(folder)/ukpanel-fuzz-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(target.rawValue).\(suffix)"
    }

    /// Writes `bytes` to the scratch file and reads it as the target does.
    public func run(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        guard Self.write(bytes, to: scratch) else { return .foreign("cannot write \(scratch)") }
        do {
            return .read(try read(DataInput(path: scratch)))
        } catch let error as SurveyError {
            return .refused(error.code)
        } catch {
            return .foreign(String(describing: error))
        }
    }

    /// Reads a file as the target does; returns what it counted.
    public func read(_ input: DataInput) throws -> Int {
        let options = target.options
        switch target {
        case .tab, .dta, .sav:
            return try Self.readTable(input, options: options)
        case .gzip:
            return try Self.drain(try input.open(limits: options.limits))
        case .zip:
            let archive = try ZipArchive(path: input.path)
            var read = 0
            for entry in archive.entries.prefix(8) where !entry.isDirectory {
                let member = DataInput(archive: input.path, member: entry.path)
                read += try Self.drain(try member.open(limits: options.limits))
                var tab = options
                tab.format = "tab"
                _ = try TableFormats.reader(for: member, options: tab).readHeader()
            }
            return read
        }
    }

    /// `inspect` of every column, then `select` of the first three into memory.
    static func readTable(_ input: DataInput, options: ReadOptions) throws -> Int {
        let profile = try TableProfile(input: input, variables: nil, missingCodes: [-9, -8, -2, -1], options: options)
        for p in profile.profiles { _ = (p.missingSummary, p.rangeSummary) }
        for i in profile.header.columns.indices { _ = profile.header.valueLabels(ofColumn: i) }
        let names = Array(profile.header.names.prefix(3))
        if !names.isEmpty, Set(names).count == names.count {
            let sink = BytesSink()
            try TableSelection.write(input: input, variables: names, to: CSVWriter(sink: sink), options: options)
        }
        var rows = 0
        try TableFormats.reader(for: input, options: options).read(project: { header in
            .all(columnCount: header.columns.count)
        }) { row in
            for slot in 0..<row.count {
                _ = (row.int(slot), row.double(slot), row.identifier(slot), row.isEmpty(slot))
                _ = (row.string(slot), row.formatMissing(slot), row.isDeclaredMissing(slot))
            }
            rows += 1
        }
        return rows
    }

    /// Reads a byte source to its end; returns the bytes read.
    static func drain(_ source: ByteSource) throws(SurveyError) -> Int {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { return total }
            total += n
        }
    }

    /// Replaces the scratch file's contents with `bytes`.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress.map { $0 + done }, bytes.count - done)
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Removes the scratch file.
    public func removeScratch() { unlink(scratch) }
}
