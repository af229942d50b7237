// The libFuzzer driver, built only by scripts/fuzz.sh (UKPANEL_FUZZ=1 adds this target, compiled
// with -sanitize=fuzzer,address). Usage: FuzzUKPanel TARGET [libFuzzer options] [corpus folders].
import Foundation
import FuzzHarness

/// The harness the fuzzer calls into: set once in `main`, before the fuzzer starts, and read only
/// from libFuzzer's one thread.
nonisolated(unsafe) private var harness: FuzzHarness?

/// libFuzzer's entry point: one input. A `foreign` outcome (an error that is not the project's
/// own) is a finding, so it stops the run like a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let harness else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    if case .foreign(let description) = harness.run(bytes) {
        fatalError("\(harness.target.rawValue): an error that is not a SurveyError: \(description)")
    }
    return 0
}

private typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`; this one takes the target's name from
/// the first argument and hands the rest to libFuzzer.
@_cdecl("FuzzUKPanel_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    guard argc >= 2, let first = argv[1], let target = FuzzTarget(rawValue: String(cString: first)) else {
        FileHandle.standardError.write(Data("usage: FuzzUKPanel TARGET [libFuzzer options]; TARGET: \(names)\n".utf8))
        return 2
    }
    harness = FuzzHarness(target: target)
    // libFuzzer sees the program name followed by the remaining arguments.
    argv[1] = argv[0]
    var count = argc - 1
    var rest: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv + 1
    let status = runDriver(&count, &rest, fuzzOneInput)
    harness?.removeScratch()
    return status
}
