import Foundation
import SurveyFiles
import SurveyReports

/// Writes an export and what goes beside it, in the file type its name says: `.csv` (or `.csv.gz`),
/// `.parquet` or `.dta`. Every file is written to a temporary name and renamed only when all are
/// complete, so a failed or killed run leaves the previous files as they were. Every export
/// pipeline writes through it.
///
/// Beside `out/panel.EXT`: `panel.dictionary.csv` and `panel.dictionary.json` (the columns, their
/// labels, types, codes and sources, and notes on the design); beside a CSV also `panel.labels.R` and
/// `panel.labels.do`, which turn its codes into labelled values in R and Stata.
public enum ExportFiles {
    /// The kinds of file an export writes.
    public enum FileType: String, Sendable, CaseIterable {
        case csv, parquet, dta
    }

    /// The file type `out` names (`-`, standard output, is CSV).
    ///
    /// - Throws: `.invalidArgument` for any other extension, naming the ones there are.
    public static func fileType(of out: String) throws(SurveyError) -> FileType {
        let name = out.lowercased()
        if out == "-" || name.hasSuffix(".csv") || name.hasSuffix(".csv.gz") { return .csv }
        if name.hasSuffix(".parquet") { return .parquet }
        if name.hasSuffix(".dta") { return .dta }
        throw SurveyError(
            .invalidArgument, file: out,
            reason: "is not a file type ukpanel exports: name it .csv, .csv.gz, .parquet or .dta",
            hint: "the extension decides the format; --format long|wide decides the shape")
    }

    /// `out/panel.csv` → `out/panel.dictionary.csv` (also for `.csv.gz`, `.parquet`, `.dta`).
    public static func dictionaryPath(_ out: String) -> String { stem(out) + ".dictionary.csv" }

    /// `out/panel.csv` → `out/panel.dictionary.json`.
    public static func dictionaryJSONPath(_ out: String) -> String { stem(out) + ".dictionary.json" }

    /// `out/panel.csv` → `out/panel.provenance.json`.
    public static func provenancePath(_ out: String) -> String { stem(out) + ".provenance.json" }

    /// `out/panel.csv` → `out/panel.labels.R` and `out/panel.labels.do`.
    public static func labelsPaths(_ out: String) -> (r: String, stata: String) {
        (stem(out) + ".labels.R", stem(out) + ".labels.do")
    }

    /// The export's path without its extension.
    static func stem(_ out: String) -> String {
        var stem = out
        for suffix in [".csv.gz", ".csv", ".gz", ".parquet", ".dta"] where stem.lowercased().hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        return stem
    }

    /// The columns of `columns` a file named `out` gets: a `.dta` keeps reasons in its values, so it
    /// has no reason columns for numeric variables.
    public static func columns(_ columns: [ExportColumn], writtenTo out: String) throws(SurveyError) -> [ExportColumn] {
        ExportColumn.written(columns, keepingLetters: try fileType(of: out) == .dta)
    }

    /// Writes `out` with `body` (given the writer for `columns`, in the file type `out` names) and the files
    /// beside it; returns what `body` returned and every path written. `notes` go at the end of the dictionary;
    /// for synthetic input (`notice`) a last note says so, so the warning travels with the data. `out` `-`
    /// writes CSV to standard output, with nothing beside it (no path is returned).
    public static func write<Result>(
        out: String, columns: [ExportColumn], notes: [(key: String, text: String)] = [], notice: String? = nil,
        title: String = "", body: (any RowWriter) throws -> Result
    ) throws -> (Result, [String]) {
        let type = try fileType(of: out)
        let written = try Self.columns(columns, writtenTo: out)
        var allNotes = notes
        if type == .dta { allNotes.append(("(missing values)", "Stata extended missing values: " + MissingLetters.legend)) }
        if let notice { allNotes.append(("(data)", notice)) }
        let dictionary = ExportDictionary(columns: written, notes: allNotes)
        var table = OutputTable(columns: written.map(\.output), label: title)

        if out == "-" {
            let target = try OutputTarget(path: nil)
            let result = try body(try CSVRowWriter(writer: CSVWriter(sink: target.sink), table: table))
            try target.commit()
            return (result, [])
        }
        try OutputFolders.create(PathNames.folder(of: out))
        let name = PathNames.lastComponent(of: out)
        let json = try dictionary.json(file: name)
        var beside: [(String, [UInt8])] = [
            (dictionaryPath(out), try csvBytes(dictionary.rows)), (dictionaryJSONPath(out), json),
        ]
        if type == .csv {
            let (r, stata) = labelsPaths(out)
            beside.append((r, Array(dictionary.rScript(dataFile: name, script: PathNames.lastComponent(of: r)).utf8)))
            beside.append(
                (stata, Array(dictionary.stataDo(dataFile: name, script: PathNames.lastComponent(of: stata)).utf8)))
        }
        var pending: [AtomicOutputFile] = []
        var target: OutputTarget?
        do {
            let result: Result
            switch type {
            case .csv:
                let csv = try OutputTarget(path: out)
                target = csv
                result = try body(try CSVRowWriter(writer: CSVWriter(sink: csv.sink), table: table))
            case .parquet:
                let file = try AtomicOutputFile(path: out)
                pending.append(file)
                table.metadata = [("ukpanel.dictionary", String(decoding: json, as: UTF8.self))]
                result = try body(
                    try ParquetFileWriter(
                        sink: file.sink, name: out, table: table, createdBy: "ukpanel version \(ToolVersion.current)"))
            case .dta:
                let file = try AtomicOutputFile(path: out)
                pending.append(file)
                table.missingLetters = MissingLetters.table
                result = try body(try StataRowWriter(file: file, table: table))
            }
            var others: [AtomicOutputFile] = []
            for (path, bytes) in beside {
                let file = try AtomicOutputFile(path: path)
                others.append(file)
                try file.sink.write(bytes)
            }
            try target?.commit()
            for file in pending + others { try file.commit() }
            return (result, [out] + beside.map(\.0))
        } catch {
            target?.abandon()
            for file in pending { file.abandon() }
            throw error
        }
    }

    /// `rows` as CSV bytes.
    static func csvBytes(_ rows: [[String]]) throws(SurveyError) -> [UInt8] {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        for row in rows { try writer.row(row) }
        try writer.flush()
        return sink.bytes
    }
}

/// Bytes kept in memory (a dictionary, before it is written).
final class MemorySink: ByteSink {
    private(set) var bytes: [UInt8] = []
    func write(_ raw: UnsafeRawBufferPointer) throws(SurveyError) { bytes.append(contentsOf: raw) }
    func finish() throws(SurveyError) {}
}
