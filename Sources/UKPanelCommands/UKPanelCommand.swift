import ArgumentParser

/// The `ukpanel` command and its subcommands.
public struct UKPanelCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ukpanel",
        abstract: "Read UK Data Service survey downloads (UKHLS, LFS) fast, exactly as delivered.",
        subcommands: [
            ReproduceCommand.self, TablesCommand.self, ExportCommand.self, BatchCommand.self, InspectCommand.self,
            SelectCommand.self,
            SchemaCommand.self,
            SynthCommand.self, DevCommand.self,
        ])

    public init() {}
}
