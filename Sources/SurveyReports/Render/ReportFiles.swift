import Foundation
import SurveyFiles
import SurveyPanel

/// Writing a report's files: the tidy estimates CSV, text files, and the frames
/// with their specs for `scripts/crosscheck-r.R`. Every file is written to a
/// temporary name and renamed, so a failed run leaves the previous outputs.
public enum ReportFiles {
    /// How a report names `input`: relative to `root` (the folder given as `--data`) when it is
    /// inside it, else as given; never an absolute path of the machine that made the report
    /// when the data are under the root.
    public static func relative(_ input: DataInput, to root: String?) -> String {
        guard var root, !root.isEmpty else { return input.description }
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        let prefix = root == "/" ? "/" : root + "/"
        guard input.path.hasPrefix(prefix) else { return input.description }
        var relative = input
        relative.path = String(input.path.dropFirst(prefix.count))
        return relative.description
    }

    /// The tidy CSV text: a header and one row per estimate.
    public static func csv(_ rows: [EstimateRow], synthetic: Bool) throws -> [UInt8] {
        let sink = BytesSink()
        let writer = CSVWriter(sink: sink)
        try writer.row(EstimateRow.csvHeader)
        for row in rows { try writer.row(row.csvFields(synthetic: synthetic)) }
        try writer.finish()
        return sink.bytes
    }

    /// Writes each (name, bytes) into `folder` atomically; returns the paths written.
    public static func write(_ files: [(name: String, bytes: [UInt8])], to folder: String) throws -> [String] {
        try OutputFolders.create(folder)
        var written: [String] = []
        for (name, bytes) in files {
            let path = folder + "/" + name
            let file = try AtomicOutputFile(path: path)
            try file.sink.write(bytes)
            try file.commit()
            written.append(path)
        }
        return written
    }

    /// Writes `frame_<name>.csv` for each frame and `specs.csv` with this run's estimates.
    public static func writeFrames(_ frames: [String: EstimationFrame], rows: [EstimateRow], to folder: String) throws {
        try OutputFolders.create(folder)
        for (name, frame) in frames {
            let file = try AtomicOutputFile(path: "\(folder)/frame_\(name).csv")
            let writer = CSVWriter(sink: file.sink)
            try writer.row(["weight", "strata", "psu"] + frame.columns)
            for i in 0..<frame.count {
                var fields = [
                    String(format: "%.17g", frame.weights[i]), String(frame.strata[i]), String(frame.psus[i]),
                ]
                fields += frame.values.map { String($0[i]) }
                try writer.row(fields)
            }
            try writer.flush()
            try file.commit()
        }
        let file = try AtomicOutputFile(path: folder + "/specs.csv")
        let writer = CSVWriter(sink: file.sink)
        try writer.row([
            "table", "period", "group", "category", "frame", "domain", "event", "estimate", "se", "n", "ci_low",
            "ci_high", "df",
        ])
        for row in rows {
            let s = row.spec
            try writer.row([
                s.table, s.period, s.group, s.category, s.frame,
                s.domain.map(\.description).joined(separator: "&"), s.event.map(\.description).joined(separator: "&"),
                String(format: "%.17g", row.estimate.value), String(format: "%.17g", row.estimate.standardError),
                String(row.estimate.domainCount), String(format: "%.17g", row.estimate.lower),
                String(format: "%.17g", row.estimate.upper), String(row.estimate.degreesOfFreedom),
            ])
        }
        try writer.flush()
        try file.commit()
    }
}
