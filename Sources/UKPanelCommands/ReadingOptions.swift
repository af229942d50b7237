import ArgumentParser
import Foundation
import SurveyFiles

/// Options shared by every command that reads survey files.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "Stop inflating a file past this many bytes (a decompression-bomb guard). Default 64G.")
    var maxInflatedSize: ByteCount = ByteCount(DecompressionLimits.standard.maxOutputBytes)

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    /// Prints a progress line on standard error, unless quiet or standard error is not a terminal.
    var progress: @Sendable (String) -> Void {
        let quiet = self.quiet || isatty(2) == 0
        return { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
    }

    /// The reader options these flags give.
    var tableOptions: ReadOptions {
        var options = ReadOptions()
        options.limits.maxOutputBytes = maxInflatedSize.bytes
        return options
    }
}

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
