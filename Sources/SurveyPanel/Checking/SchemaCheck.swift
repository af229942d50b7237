import SurveyFiles
import SurveySchema

/// Checks a download against a schema: is every harmonised variable present in
/// every wave found? Reads only each file's header.
public struct SchemaCheck: Sendable {
    /// What was found for one variable in one wave.
    public enum Finding: Sendable, Equatable {
        /// Present under this source name.
        case present(String)
        /// Expected under this source name but absent; the closest names present.
        case absent(String, closest: [String])
        /// The variable does not exist in this wave, by the schema.
        case notInWave
    }

    /// One variable's findings across the waves.
    public struct Row: Sendable {
        public var variable: HarmonisedVariable
        /// By wave, in the order of `waves`.
        public var findings: [Finding]
    }

    /// The waves checked, in order.
    public var waves: [Wave]
    /// The files checked, by wave.
    public var files: [Wave: DataInput]
    /// One row per variable.
    public var rows: [Row]
    /// Discovery's notes.
    public var notes: [String]

    /// Whether every required variable is present wherever the schema expects it.
    public var passed: Bool { failures.isEmpty }

    /// Required variables absent: (variable, wave, source name, closest names).
    public var failures: [(variable: HarmonisedVariable, wave: Wave, source: String, closest: [String])] {
        rows.flatMap { row in
            zip(waves, row.findings).compactMap { wave, finding in
                if case .absent(let source, let closest) = finding, row.variable.required {
                    return (row.variable, wave, source, closest)
                }
                return nil
            }
        }
    }

    /// Checks each wave's `indresp` in `download` against `schema`.
    ///
    /// - Throws: `SurveyError` when a file cannot be read.
    public init(schema: Schema, download: UKHLSDownload, options: ReadOptions = .init()) throws {
        waves = download.waves
        files = download.indresp
        notes = download.notes
        var headers: [Wave: TableHeader] = [:]
        for wave in waves {
            guard let input = download.indresp[wave] else { continue }
            headers[wave] = try TableFormats.reader(for: input, options: options).readHeader()
        }
        rows = schema.personVariables.map { variable in
            Row(
                variable: variable,
                findings: download.waves.map { wave in
                    guard let source = variable.sourceName(in: wave) else { return .notInWave }
                    guard let header = headers[wave] else { return .absent(source, closest: []) }
                    if header.column(source) != nil { return .present(source) }
                    return .absent(source, closest: ClosestNames.nearest(to: source, in: header.names))
                })
        }
    }
}
