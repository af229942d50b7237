import Foundation
import FuzzHarness
import SurveyFiles
import Testing

/// The fuzz targets' seeds (`Fuzz/corpus/TARGET`) and every input a fuzz run ever crashed on
/// (`Fuzz/regressions/TARGET`), replayed through the same harness `scripts/fuzz.sh` drives, in an
/// ordinary test run: a crash stops the test process, an error that is not a `SurveyError` fails.
@Suite struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz").path

    static func files(_ kind: String, _ target: FuzzTarget) -> [String] {
        let folder = "\(root)/\(kind)/\(target.rawValue)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(folder)/\($0)" }
    }

    static func outcome(_ target: FuzzTarget, _ path: String) throws -> FuzzOutcome {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let harness = FuzzHarness(target: target)
        defer { harness.removeScratch() }
        return bytes.withUnsafeBytes { harness.run($0) }
    }

    /// Seeds made to be refused, and why; every other seed is a well-formed file and reads.
    static let refusedSeeds: [String: SurveyError.Code] = ["tab/ragged.tab": .wrongFieldCount]

    @Test(
        "every seed reads (the ragged one is refused as such), with the rows its maker wrote",
        arguments: FuzzTarget.allCases)
    func seedsRead(target: FuzzTarget) throws {
        let seeds = Self.files("corpus", target)
        #expect(seeds.count >= 4, "seeds of \(target) in \(Self.root)/corpus")
        for seed in seeds {
            let key = "\(target.rawValue)/\(PathNames.lastComponent(of: seed))"
            let result = try Self.outcome(target, seed)
            if let code = Self.refusedSeeds[key] {
                #expect(result == .refused(code), "\(key)")
            } else {
                guard case .read = result else {
                    Issue.record("\(key): \(result)")
                    continue
                }
            }
        }
        // The UKHLS cut is 8 rows (scripts/fuzz-seeds.sh), whatever the line ends or last newline.
        if target == .tab {
            for name in ["ukhls.tab", "crlf.tab", "no-final-newline.tab"] {
                #expect(try Self.outcome(.tab, "\(Self.root)/corpus/tab/\(name)") == .read(8), "\(name)")
            }
            #expect(try Self.outcome(.tab, "\(Self.root)/corpus/tab/header-only.tab") == .read(0))
        }
    }

    @Test("inputs that once crashed ukpanel are refused with its own error", arguments: FuzzTarget.allCases)
    func regressions(target: FuzzTarget) throws {
        let inputs = Self.files("regressions", target)
        // The five ZIP64 archives issue 14 found trapping the process (scripts/fuzz-seeds.sh).
        if target == .zip { #expect(inputs.filter { $0.contains("/issue14-") }.count == 5) }
        for input in inputs {
            let result = try Self.outcome(target, input)
            if input.contains("/issue14-") {
                #expect(result == .refused(.corrupt), "\(input)")
            } else if case .foreign(let description) = result {
                Issue.record("\(input): \(description)")
            }
        }
    }

    @Test(
        "a cut-short or bit-flipped seed is refused with ukpanel's own error, never a crash",
        arguments: FuzzTarget.allCases)
    func damagedSeeds(target: FuzzTarget) throws {
        var generator = SplitMix(seed: 0x5EED)
        for seed in Self.files("corpus", target) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: seed)))
            let harness = FuzzHarness(target: target)
            defer { harness.removeScratch() }
            for trial in 0..<24 {
                var damaged = bytes
                if trial % 2 == 0 {
                    damaged = Array(damaged.prefix(Int(generator.next() % UInt64(max(1, bytes.count)))))
                } else if !damaged.isEmpty {
                    for _ in 0..<4 {
                        let i = Int(generator.next() % UInt64(damaged.count))
                        damaged[i] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                    }
                }
                let result = damaged.withUnsafeBytes { harness.run($0) }
                if case .foreign(let description) = result { Issue.record("\(seed) trial \(trial): \(description)") }
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure repeats.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
