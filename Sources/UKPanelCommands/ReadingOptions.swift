import ArgumentParser
import Foundation
import SurveyFiles

/// Options shared by every command that reads survey files.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "Stop inflating a file past this many bytes (a decompression-bomb guard). Default 64G.")
    var maxInflatedSize: ByteCount = ByteCount(DecompressionLimits.standard.maxOutputBytes)

    @Option(name: .long, help: "The longest line a tab file may have. Default 16M.")
    var maxLineSize: ByteCount = ByteCount(ReadOptions().maxLineBytes)

    @Option(name: .long, help: "The longest header line a tab file may have. Default 16M.")
    var maxHeaderSize: ByteCount = ByteCount(ReadOptions().maxHeaderBytes)

    @Option(name: .long, help: "The most columns a file may have. Default 100000.")
    var maxColumns: Int = ReadOptions().maxColumns

    @Option(
        name: .long,
        help: "The library that inflates gzip files, zip members and zsav blocks: isal (ISA-L, fast; the default) or zlib.")
    var inflater: Inflater = .isal

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    /// Prints a progress line on standard error, unless quiet or standard error is not a terminal.
    var progress: @Sendable (String) -> Void {
        let quiet = self.quiet || isatty(2) == 0
        return { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
    }

    func validate() throws {
        guard maxColumns > 0 else { throw ValidationError("--max-columns must be 1 or more (got \(maxColumns))") }
    }

    /// The reader options these flags give.
    var tableOptions: ReadOptions {
        var options = ReadOptions()
        options.limits.maxOutputBytes = maxInflatedSize.bytes
        options.limits.inflater = inflater
        options.maxLineBytes = maxLineSize.bytes
        options.maxHeaderBytes = maxHeaderSize.bytes
        options.maxColumns = maxColumns
        return options
    }
}

extension Inflater: ExpressibleByArgument {}

/// A size such as `500M`, `64G` or `1048576`.
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init(_ bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var text = argument.uppercased()
        var scale = 1
        if let last = text.last, let unit = units[last] {
            scale = unit
            text.removeLast()
        }
        guard let value = Int(text), value > 0 else { return nil }
        bytes = value * scale
    }

    var defaultValueDescription: String { "\(bytes)" }
}
