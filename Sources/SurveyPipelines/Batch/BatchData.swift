import Foundation
import SurveyFiles
import SurveyPanel
import SurveySchema

/// The data a batch run found: the UKHLS and LFS downloads as they are now, with
/// every file whose header the schema cannot resolve set aside and reported, so
/// the rest still runs. New waves and quarters are picked up by discovery alone.
struct BatchData {
    var ukhlsSchema: Schema?
    var lfsSchema: Schema?
    var ukhls: UKHLSDownload?
    var lfs: LFSDownload?
    /// Why the UKHLS or LFS data could not be used at all.
    var ukhlsProblem: String?
    var lfsProblem: String?
    /// Files set aside: (what, why).
    var setAside: [(item: String, reason: String)] = []
    /// Discovery's notes.
    var notes: [String] = []

    /// Discovers the job's data and checks each file's header.
    init(job: BatchJob, options: ReadOptions) {
        if let root = job.ukhls {
            do {
                let schema = try Self.schema("ukhls", job: job)
                ukhlsSchema = schema
                var download = try UKHLSDownload(root: root)
                for wave in download.waves {
                    guard let input = download.indresp[wave] else { continue }
                    do {
                        try RecordReader(schema: schema, wave: wave, input: input, options: options).resolveHeader()
                    } catch {
                        setAside.append(("UKHLS wave \(wave.number) (\(wave.letter))", "\(error)"))
                        download.indresp[wave] = nil
                    }
                }
                notes += download.notes
                if download.waves.isEmpty {
                    ukhlsProblem = "no usable UKHLS wave files ({w}_indresp) in \(root)"
                }
                ukhls = download
            } catch {
                ukhlsProblem = "\(error)"
            }
        }
        if !job.lfs.isEmpty {
            do {
                let schema = try Self.schema("lfs", job: job)
                lfsSchema = schema
                var download = try LFSDownload(roots: job.lfs)
                var kept: [LFSDownload.QuarterFile] = []
                for file in download.quarters {
                    do {
                        try LFSQuarters.reader(schema: schema, file: file, options: options).resolveHeader()
                        kept.append(file)
                    } catch {
                        setAside.append(("LFS \(file.period)", "\(error)"))
                    }
                }
                download.quarters = kept
                notes += download.notes
                if kept.isEmpty && download.longitudinal.isEmpty {
                    lfsProblem = "no usable LFS files (lfsp_…, lgwt…) in \(job.lfs.joined(separator: ", "))"
                }
                lfs = download
            } catch {
                lfsProblem = "\(error)"
            }
        }
    }

    /// The built-in schema with the job's files and mappings.
    static func schema(_ survey: String, job: BatchJob) throws -> Schema {
        let parsed = try (job.mappings[survey] ?? []).map { text throws(SurveyError) in try SourceMapping(parsing: text)
        }
        return try SchemaLoader.load(builtin: survey, extendedBy: job.schemaFiles[survey] ?? []).applying(parsed)
    }

    /// The text that identifies a survey's schema: the built-in YAML, the job's files and mappings.
    static func schemaText(_ survey: String, job: BatchJob) -> String {
        var text = SchemaLoader.builtinText(survey) ?? ""
        for file in job.schemaFiles[survey] ?? [] {
            text += "\n--- \(file)\n" + ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "(unreadable)")
        }
        return text + "\n--- map\n" + (job.mappings[survey] ?? []).joined(separator: "\n")
    }
}
