import Synchronization

/// The codes outside the schema's lists met while reading one file, per variable: each such cell
/// became the missing reason `unknown_code` instead of a value, and is said here so a report can
/// count it. Filled by `FileLayout.decode` (only when a cell holds such a code, so reading a clean
/// file costs nothing); turned into `UnknownCode`s, which name the file and variable, at the end.
public struct UnknownCodeTally: Sendable {
    /// How many distinct codes of one variable are kept for the message; the rest are counted.
    public static let codesShown = 8

    /// By variable position: rows, and rows per code (at most `codesShown` codes).
    private var counts: [Int: (rows: Int, codes: [Int: Int])] = [:]

    /// An empty tally.
    public init() {}

    /// Whether no cell held an unknown code.
    public var isEmpty: Bool { counts.isEmpty }

    /// Counts one cell of the variable at `position` holding `code`.
    mutating func count(position: Int, code: Int) {
        var entry = counts[position] ?? (0, [:])
        entry.rows += 1
        if entry.codes[code] != nil || entry.codes.count < Self.codesShown { entry.codes[code, default: 0] += 1 }
        counts[position] = entry
    }

    /// The tally said per variable of `layout`, in schema order, for `file`.
    public func report(_ layout: FileLayout, file: String) -> [UnknownCode] {
        counts.keys.sorted().map { position in
            let entry = counts[position] ?? (0, [:])
            let variable = layout.variables[position]
            return UnknownCode(
                variable: variable.name, source: layout.sourceNames[position] ?? variable.name, file: file,
                rows: entry.rows, codes: entry.codes)
        }
    }
}

/// Cells of one variable in one file holding codes the schema's list for it does not have.
public struct UnknownCode: Sendable, Hashable {
    /// The harmonised name (`jbstat`).
    public var variable: String
    /// Its column in the file (`h_jbstat`).
    public var source: String
    /// The file, as named in messages.
    public var file: String
    /// How many rows held such a code.
    public var rows: Int
    /// Rows per code, for the first codes met (`UnknownCodeTally.codesShown`).
    public var codes: [Int: Int]

    /// Creates one.
    public init(variable: String, source: String, file: String, rows: Int, codes: [Int: Int]) {
        self.variable = variable
        self.source = source
        self.file = file
        self.rows = rows
        self.codes = codes
    }

    /// What a warning and a report say.
    public var sentence: String {
        let shown = codes.keys.sorted().map { "\($0) (\(codes[$0] ?? 0) \(codes[$0] == 1 ? "row" : "rows"))" }
        let more = rows > codes.values.reduce(0, +) ? ", and others" : ""
        return
            "\(file): \(source) ('\(variable)') holds \(rows) \(rows == 1 ? "code" : "codes") the schema does not "
            + "list: \(shown.joined(separator: ", "))\(more); read as missing (unknown_code), not as values. "
            + "If they are real codes, add them under codes: for '\(variable)' in a --schema file"
    }
}

/// Where readers streaming a download (an export's files, one after another) leave their unknown
/// codes, for the pipeline to say once the stream is read. Safe to share between threads.
public final class UnknownCodeLog: Sendable {
    private let entries = Mutex<[UnknownCode]>([])

    /// An empty log.
    public init() {}

    /// Adds the unknown codes of one file.
    public func add(_ codes: [UnknownCode]) {
        entries.withLock { $0 += codes }
    }

    /// Everything logged, in the order the files were read.
    public var all: [UnknownCode] { entries.withLock { $0 } }
}
