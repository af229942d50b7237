import Foundation

/// Runs the built `ukpanel` executable, as a user would.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable beside the test bundle (`swift build` puts both in the same folder).
    static var executable: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("ukpanel").path
    }

    /// Runs ukpanel with `arguments`; with `viaExecutable`, `arguments[0]` is another program to
    /// run instead (a wrapper such as setpriv, given ukpanel's path among its arguments).
    static func run(_ arguments: [String], in folder: String? = nil, viaExecutable: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: viaExecutable ? arguments[0] : executable)
        process.arguments = viaExecutable ? Array(arguments.dropFirst()) : arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall the tool.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
