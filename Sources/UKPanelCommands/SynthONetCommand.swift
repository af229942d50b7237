import ArgumentParser
import Foundation
import SurveyFiles
import SurveySchema
import SurveySynth

/// `ukpanel synth onet`.
struct SynthONetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onet",
        abstract: "A synthetic O*NET text release, a SOC 2010 crosswalk and truth.json, for anywhere classify.",
        discussion: """
            Writes DIR/db_25_1_text.zip (Work Activities.txt, Work Context.txt, Scales Reference.txt and
            Occupation Data.txt in the distributed layout), DIR/soc2010-onet-crosswalk.tab (every UK SOC 2010
            unit group linked to one to three synthetic O*NET occupations, and the report's nine manual matches)
            and DIR/truth.json (the unit groups planted as Anywhere Jobs under the rules). The ratings are
            planted around the rules' cut-offs: give the same --rules to synth and to classify.
            """)

    @Option(name: .long, help: "The folder to write into (created if needed).") var out: String
    @Option(name: .long, help: ArgumentHelp("The rules the ratings are planted around.", valueName: "FILE"))
    var rules: String?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 2025

    func run() throws {
        let model = try rules.map { try AnywhereRules.load(path: $0) } ?? AnywhereRules.builtin()
        try OutputFolders.create(out)
        let (files, truth) = try ONetSynthesizer(rules: model, seed: seed).write(into: out)
        print("\(truth.unitGroups.count) unit groups, \(truth.anywhere.count) planted as Anywhere Jobs")
        for file in files { print("wrote \(file)") }
    }
}
