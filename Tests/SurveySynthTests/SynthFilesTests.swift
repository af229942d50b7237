import Foundation
import SurveyFiles
import SurveySchema
import TestFixtures
import Testing

@testable import SurveySynth

@Suite("Synthetic UKHLS: the files")
struct SynthFilesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "ukpanel-synth-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func inflate(_ path: String) throws -> [UInt8] {
        try TestSupport.drain(try DataInput(path: path).open())
    }

    func options(_ compression: UKHLSSynthOptions.Compression, persons: Int = 400) -> UKHLSSynthOptions {
        var o = UKHLSSynthOptions()
        o.scale = .persons(persons)
        o.compression = compression
        return o
    }

    @Test("the same seed gives byte-identical files; another seed does not")
    func deterministic() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let a = try temporaryFolder()
        let b = try temporaryFolder()
        let c = try temporaryFolder()
        _ = try UKHLSSynthesizer(schema: schema, options: options(.gz)).write(into: a)
        _ = try UKHLSSynthesizer(schema: schema, options: options(.gz)).write(into: b)
        var other = options(.gz)
        other.seed = 7
        _ = try UKHLSSynthesizer(schema: schema, options: other).write(into: c)
        for name in [
            "UKDA-6614-tab/tab/ukhls/h_indresp.tab.gz", "UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz", "truth.json",
        ] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
            #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))), "\(name)")
        }
        #expect(
            try inflate(a + "/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz")
                != (try inflate(c + "/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz")))
    }

    @Test("the committed sample is what the generator makes now (run scripts/make-samples.sh after changing it)")
    func sampleIsCurrent() throws {
        let fresh = try temporaryFolder()
        var o = UKHLSSynthOptions()
        o.scale = .sample
        _ = try UKHLSSynthesizer(schema: try SchemaLoader.builtin("ukhls"), options: o).write(into: fresh)
        let committed = Self.repositoryRoot + "/samples/ukhls"
        for letter in ["h", "k", "n"] {
            let name = "/UKDA-6614-tab/tab/ukhls/\(letter)_indresp.tab.gz"
            #expect(try inflate(committed + name) == (try inflate(fresh + name)), "\(letter)_indresp")
        }
        #expect(
            try SynthTruth.load(path: committed + "/truth.json") == (try SynthTruth.load(path: fresh + "/truth.json")))
    }

    @Test("names, codes and layout are the real ones: lower-case header, wave prefixes, the schema's names")
    func layout() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let folder = try temporaryFolder()
        var o = options(.none)
        o.columns = 300
        _ = try UKHLSSynthesizer(schema: schema, options: o).write(into: folder)
        for n in 8...14 {
            let wave = Wave(number: n)!
            let header = try DelimitedTableReader(
                input: DataInput(path: folder + "/UKDA-6614-tab/tab/ukhls/\(wave.letter)_indresp.tab")
            ).readHeader()
            #expect(header.names.count == 300)
            #expect(header.names.first == "pidp")
            #expect(header.names.allSatisfy { $0 == $0.lowercased() })
            #expect(header.names.dropFirst().allSatisfy { $0.hasPrefix(wave.letter + "_") })
            #expect(Set(header.names).count == 300)
            for variable in schema.variables(in: "indresp") {
                if let source = variable.sourceName(in: wave) { #expect(header.column(source) != nil, "\(source)") }
            }
        }
        let xwave = try DelimitedTableReader(input: DataInput(path: folder + "/UKDA-6614-tab/tab/ukhls/xwavedat.tab"))
            .readHeader()
        #expect(xwave.names.prefix(3) == ["pidp", "sex_dv", "birthy"])
    }

    @Test("--compress zip writes UKDA-6614-tab.zip with the same tree, readable in place and by Python")
    func zipOutput() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let folder = try temporaryFolder()
        let plain = try temporaryFolder()
        _ = try UKHLSSynthesizer(schema: schema, options: options(.zip)).write(into: folder)
        _ = try UKHLSSynthesizer(schema: schema, options: options(.none)).write(into: plain)
        let archive = try ZipArchive(path: folder + "/UKDA-6614-tab.zip")
        #expect(
            archive.entries.map(\.path) == ["h", "i", "j", "k", "l", "m", "n"].map {
                "UKDA-6614-tab/tab/ukhls/\($0)_indresp.tab"
            }
                + ["UKDA-6614-tab/tab/ukhls/xwavedat.tab"])
        let member = DataInput(archive: folder + "/UKDA-6614-tab.zip", member: "UKDA-6614-tab/tab/ukhls/m_indresp.tab")
        let bytes = try TestSupport.drain(try member.open())
        #expect(bytes == (try inflate(plain + "/UKDA-6614-tab/tab/ukhls/m_indresp.tab")))
        #expect(!FileManager.default.fileExists(atPath: folder + "/UKDA-6614-tab"))
        #expect(
            try TestSupport.python(
                "import zipfile; assert zipfile.ZipFile('UKDA-6614-tab.zip').testzip() is None", in: folder) == 0)
    }

    @Test("reading the files back through the schema recovers the planted truth")
    func truthFromFiles() throws {
        let schema = try SchemaLoader.builtin("ukhls")
        let folder = try temporaryFolder()
        let summary = try UKHLSSynthesizer(schema: schema, options: options(.gz, persons: 1_500)).write(into: folder)
        let truth = summary.truth
        var previous: [Int: PersonWave] = [:]
        for n in 8...14 {
            let wave = Wave(number: n)!
            var workers = 0
            var high = 0
            var rows = 0
            var pairs = 0
            var movers = 0
            var current: [Int: PersonWave] = [:]
            let input = DataInput(path: folder + "/UKDA-6614-tab/tab/ukhls/\(wave.letter)_indresp.tab.gz")
            try RecordReader(schema: schema, wave: wave, input: input).forEachPerson { p in
                rows += 1
                let inWork = p.jbhas == .value(1) || p.jboff == .value(1)
                if inWork { workers += 1 }
                if inWork && p.nssec5 == .value(1) { high += 1 }
                if previous[p.pidp] != nil {
                    pairs += 1
                    if p.origadd == .value(2) { movers += 1 }
                }
                current[p.pidp] = p
            }
            let counts = try #require(truth.waves[String(n)])
            #expect(rows == counts.rows)
            #expect(workers == counts.workers)
            #expect(high == counts.highSkilledWorkers)
            if let t = truth.transitions.first(where: { $0.to == n }) {
                #expect(pairs == t.pairs)
                #expect(movers == t.movers)
            }
            previous = current
        }
    }
}
