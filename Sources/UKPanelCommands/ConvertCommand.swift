import ArgumentParser
import SurveyFiles

/// `ukpanel dev convert`: a table file rewritten as Stata or SPSS, for tests and benchmarks.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Rewrite a table file (any format ukpanel reads) as Stata .dta or SPSS .sav/.zsav.")

    /// The formats `--to` names.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case dta117, dta118, dta119, sav
        case savBytecode = "sav-bytecode"
        case zsav
    }

    @Argument(help: "The file to read (a path, or archive.zip//member).") var input: String
    @Option(help: "The file to write.") var out: String
    @Option(help: "The format: \(Target.allCases.map(\.rawValue).joined(separator: ", ")).") var to: Target = .dta118
    @Flag(help: "Write numbers most significant byte first.") var bigEndian = false

    func run() throws {
        let order: ByteOrder = bigEndian ? .bigEndian : .littleEndian
        let format: ConvertedFormat
        switch to {
        case .dta117: format = .dta(release: 117, byteOrder: order)
        case .dta118: format = .dta(release: 118, byteOrder: order)
        case .dta119: format = .dta(release: 119, byteOrder: order)
        case .sav: format = .sav(compression: .none, byteOrder: order)
        case .savBytecode: format = .sav(compression: .bytecode, byteOrder: order)
        case .zsav: format = .sav(compression: .zlib, byteOrder: order)
        }
        try TableConversion.convert(DataInput.parse(input), to: out, as: format)
    }
}
