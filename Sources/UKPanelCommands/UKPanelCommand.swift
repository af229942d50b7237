import ArgumentParser
import SurveyFiles
import SurveyPipelines

/// The `ukpanel` command and its subcommands.
public struct UKPanelCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ukpanel",
        abstract: "Read UK Data Service survey downloads (UKHLS, LFS) fast, exactly as delivered.",
        version: "ukpanel \(ToolVersion.current)",
        subcommands: [
            ReproduceCommand.self, TablesCommand.self, AnywhereCommand.self, ExportCommand.self, BatchCommand.self,
            InspectCommand.self,
            SelectCommand.self,
            SchemaCommand.self,
            SynthCommand.self, DevCommand.self,
        ])

    public init() {}

    /// Parses and runs the command. An error from Foundation or the system that escaped a
    /// command is said in ukpanel's words (`SurveyError(foreign:)`), never as a raw
    /// `NSCocoaErrorDomain` dump; the argument parser's own errors and exit codes pass through.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: SurveyError.isForeign(error) ? SurveyError(foreign: error) : error)
        }
    }
}
