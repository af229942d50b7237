import Foundation
import SurveyPipelines
import SurveyFiles
import TestFixtures
import Testing

@testable import UKPanelCommands

/// The progress line says where the whole job stands (which file of how many, bytes of all it will
/// read, rate, time left), and nothing is drawn when standard error is not a terminal.
@Suite("progress of the whole job")
struct ProgressLineTests {
    @Test func theLineSaysWhereTheJobStands() {
        // 120.5 MB of 290 MB read in 1.27 s: 94.9 MB/s, so (290 - 120.5) / 94.9 = 1.8 s left.
        let text = ProgressLine.text(
            label: "export", item: "wave j", index: 3, plan: ProgressPlan(files: 7, bytes: 290_000_000),
            done: 120_500_000, seen: 150_000_000, fileDone: 20_000_000, fileTotal: 41_000_000, seconds: 1.27)
        #expect(text == "export wave j (3 of 7): 120.5 MB of 290.0 MB (41%), 95 MB/s, 2 s left")
        // Before a second has passed, no time left is guessed; one file: no "of".
        let early = ProgressLine.text(
            label: "select", item: nil, index: 1, plan: ProgressPlan(files: 1, bytes: 10_000_000), done: 2_000_000,
            seen: 10_000_000, fileDone: 2_000_000, fileTotal: 10_000_000, seconds: 0.5)
        #expect(early == "select: 2.0 MB of 10.0 MB (20%), 4 MB/s")
        // Without a plan, the file's own bytes.
        let file = ProgressLine.text(
            label: "inspect", item: nil, index: 1, plan: nil, done: 0, seen: 0, fileDone: 5_000_000,
            fileTotal: 20_000_000, seconds: 2)
        #expect(file == "inspect: 5.0 MB of 20.0 MB (25%), 2 MB/s, 6 s left")
    }

    @Test func thePlanCountsEachFileOnceAtItsStoredSize() throws {
        let folder = try UKHLSFixture.temporaryFolder()
        try Data(count: 1000).write(to: URL(fileURLWithPath: folder + "/a.tab"))
        try Data(count: 234).write(to: URL(fileURLWithPath: folder + "/b.tab"))
        let a = DataInput(path: folder + "/a.tab")
        #expect(ProgressPlan(inputs: [a, DataInput(path: folder + "/b.tab"), a]) == ProgressPlan(files: 2, bytes: 1234))
    }

    @Test func nothingIsDrawnWhenStandardErrorIsNotATerminal() throws {
        let out = try UKHLSFixture.temporaryFolder()
        let run = try CommandRunner.run(
            ["export", "panel", "--out", out + "/p.csv"], in: TablesCommandTests.repositoryRoot)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("\u{1B}[K") && !run.stderr.contains(" MB/s"), "\(run.stderr)")
    }
}
