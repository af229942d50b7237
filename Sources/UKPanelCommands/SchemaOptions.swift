import ArgumentParser
import Foundation
import SurveyFiles
import SurveySchema

/// Options that choose the schema: the built-in one, extended by user files and mappings.
struct SchemaOptions: ParsableArguments {
    @Option(
        name: .customLong("schema"),
        help: ArgumentHelp(
            "A schema file that extends the built-in one (repeatable): add variables or change any field.",
            valueName: "FILE"))
    var schemaFiles: [String] = []

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Point a harmonised variable at another source: NAME=SOURCE ({w} is the wave letter) or NAME@WAVE=SOURCE (repeatable).",
            valueName: "MAPPING"))
    var mappings: [String] = []

    /// The schema for `survey`, with the user's files and mappings applied.
    func load(_ survey: String) throws -> Schema {
        let parsed = try mappings.map { text throws(SurveyError) in try SourceMapping(parsing: text) }
        return try SchemaLoader.load(builtin: survey, extendedBy: schemaFiles).applying(parsed)
    }
}

/// The data root: `--data PATH`, or the committed samples.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The download: a folder, a UKDA-6614-tab.zip, or one file. Default: the committed samples (samples/ukhls).",
            valueName: "PATH"))
    var data: String?

    /// The path to read, checking that the default exists.
    func root(defaultSample: String = "samples/ukhls") throws -> String {
        if let data { return data }
        guard FileManager.default.fileExists(atPath: defaultSample) else {
            throw SurveyError(
                .invalidArgument,
                reason:
                    "no --data given and the default sample \(defaultSample) is not here: run from the ukpanel folder, or give --data PATH"
            )
        }
        return defaultSample
    }
}
