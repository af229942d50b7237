import ArgumentParser
import Foundation
import SurveyFiles
import SurveyPipelines

/// `ukpanel batch JOB.yaml`: the tables and exports a job file names, re-run
/// unattended as new waves and quarters arrive.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract:
            "Run a job file: tables (the briefing's, LFS, your own cross-tabs) and exports, over every wave and quarter found.",
        discussion: """
            The job file (YAML) names the data roots, the tables, the exports and the output folder; see \
            samples/batch.yaml and the README. New waves (wave 15 = o, …) and quarters in the data roots are \
            picked up with no change to the job. A file the schema cannot resolve is reported and set aside; the \
            rest still runs. A step whose settings, inputs (sizes, times, SHA-256) and outputs are as the \
            manifest (OUTPUT/ukpanel-manifest.json) recorded is skipped; --force runs everything. Every output \
            is written to a temporary name and renamed. Exit status 0 when nothing failed, 1 when a step failed or a \
            file was set aside, 2 when the job file cannot be read.
            """)

    @Argument(help: ArgumentHelp("The job file.", valueName: "JOB.yaml"))
    var job = "samples/batch.yaml"

    @Option(name: .long, help: ArgumentHelp("The output folder, instead of the job's output:.", valueName: "DIR"))
    var out: String?

    @Flag(name: .long, help: "Run every step, even those whose inputs have not changed.")
    var force = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write each cross-tab's estimation frames and specs here (DIR/NAME), for scripts/crosscheck-r.sh.",
            valueName: "DIR"))
    var frames: String?

    @Flag(
        name: .long,
        help: "After the run, print its summary as JSON (each step's status, time, detail and outputs) instead of text.")
    var json = false

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        var parsed: BatchJob
        do {
            parsed = try BatchJob(path: job)
        } catch let error as SurveyError {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let out { parsed.output = out }
        let started = Date()
        // Steps that read files in parallel report each file as it finishes (stderr, terminal only).
        let toTerminal = !reading.quiet && isatty(2) != 0
        let quiet = reading.quiet
        let json = self.json
        let runner = BatchRunner(
            job: parsed, force: force, options: reading.tableOptions,
            say: { line in
                // With --json, standard output holds the JSON alone; the running commentary goes to stderr.
                if json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
            },
            progress: { ProgressLine(label: $0, quiet: quiet, plan: $1) },
            messages: { message in
                if toTerminal { FileHandle.standardError.write(Data("  \(message)\n".utf8)) }
            })
        runner.framesFolder = frames
        if !json { print("batch \(job): \(parsed.steps.count) steps into \(parsed.output)") }
        let outcomes = try runner.run()
        let count = { (s: BatchRunner.Outcome.Status) in outcomes.filter { $0.status == s }.count }
        if json {
            try JSONOutput.print([
                "job": job, "output": parsed.output, "manifest": BatchManifest.path(in: parsed.output),
                "ran": count(.ran), "skipped": count(.skipped), "failed": count(.failed),
                "seconds": Date().timeIntervalSince(started),
                "steps": outcomes.map {
                    [
                        "name": $0.name, "status": $0.status.rawValue, "seconds": $0.seconds, "detail": $0.detail,
                        "outputs": $0.outputs,
                    ] as [String: Any]
                },
            ])
            if count(.failed) > 0 { throw ExitCode(1) }
            return
        }
        print("")
        print(
            String(
                format: "summary: %d ran, %d skipped, %d failed in %.1f s", count(.ran), count(.skipped),
                count(.failed),
                Date().timeIntervalSince(started)))
        for o in outcomes where o.status == .failed { print("  failed: \(o.name): \(o.detail)") }
        let outputs = outcomes.flatMap(\.outputs)
        if !outputs.isEmpty {
            print("outputs (\(outputs.count) files) in \(parsed.output):")
            for path in outputs { print("  \(path)") }
        }
        print("manifest: \(BatchManifest.path(in: parsed.output))")
        if count(.failed) > 0 { throw ExitCode(1) }
    }
}
