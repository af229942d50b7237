import Foundation
import SurveyFiles

/// What the generator planted, counted from its own records (not read back
/// from the files), written as truth.json for tests to check the pipeline against.
public struct SynthTruth: Codable, Sendable, Equatable {
    public struct Generator: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var scale: String
        public var wave8Persons: Int
        public var columns: Int
        public var compression: String
    }

    public struct Table1Column: Codable, Sendable, Equatable {
        /// Workers with a valid days-a-week answer.
        public var n: Int
        /// Counts by category label, in Table 1's order in `categories`.
        public var counts: [String: Int]
    }

    public struct Wave14: Codable, Sendable, Equatable {
        public var nssec5: [String: Int]
        public var workers: Int
        public var workersWithoutClass: Int
        public var categories: [String]
        public var table1All: Table1Column
        public var table1HighSkilled: Table1Column
    }

    public struct WaveCounts: Codable, Sendable, Equatable {
        public var rows: Int
        public var workers: Int
        public var highSkilledWorkers: Int
        public var workersAtHome: Int
        public var highSkilledAtHome: Int
        public var interviewsFromMarch2020: Int
        public var interviewsByYear: [String: Int]
    }

    public struct Transition: Codable, Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// People interviewed in both waves.
        public var pairs: Int
        public var movers: Int
        public var highSkilledPairs: Int
        public var highSkilledMovers: Int
        public var atHomePairs: Int
        public var atHomeMovers: Int
        /// Movers mentioning each reason (a mover may give several).
        public var reasons: [String: Int]
        public var highSkilledReasons: [String: Int]
    }

    public var generator: Generator
    public var definitions: [String: String]
    public var wave14: Wave14
    public var waves: [String: WaveCounts]
    public var transitions: [Transition]

    static let reasonNames = ["family", "education", "employment", "housing", "area", "other"]

    static let definitionText: [String: String] = [
        "worker": "in work: did paid work last week (jbhas = 1) or has a job though away from it (jboff = 1)",
        "high_skilled":
            "a worker in NS-SEC 5-class 1, management & professional (jbnssec5_dv = 1), at the wave in question",
        "works_at_home":
            "a worker with jbpl = 1 (employees), jspl = 1 or 2 (self-employed), or jbwah = 1, 2 or 3 (waves 9 on)",
        "moved": "origadd = 2 at the later of two consecutive waves the person was interviewed in",
        "table1_valid": "n_wkhome coded 1-8; -9, -1 and -2 are no valid answer",
        "all_workers_table1": "every worker, including those whose class is missing (-9)",
    ]

    init(records: [Int: [SynthRecord]], options: UKHLSSynthOptions) {
        generator = Generator(
            seed: options.seed, scale: options.scaleName, wave8Persons: options.wave8Persons,
            columns: options.columnCount, compression: options.compression.rawValue)
        definitions = Self.definitionText
        let labels = Calibration.table1Categories.map(\.label)
        let w14 = records[14] ?? []
        var nssec: [String: Int] = [:]
        for r in w14 { nssec[String(r.nssec5), default: 0] += 1 }
        func table(_ rows: [SynthRecord]) -> Table1Column {
            var counts = Dictionary(uniqueKeysWithValues: labels.map { ($0, 0) })
            var n = 0
            for r in rows where (1...8).contains(r.wfhdays) {
                counts[labels[r.wfhdays - 1], default: 0] += 1
                n += 1
            }
            return Table1Column(n: n, counts: counts)
        }
        let workers14 = w14.filter(\.inWork)
        wave14 = Wave14(
            nssec5: nssec, workers: workers14.count, workersWithoutClass: workers14.filter { $0.nssec5 == -9 }.count,
            categories: labels, table1All: table(workers14),
            table1HighSkilled: table(workers14.filter { $0.nssec5 == 1 }))
        var waves: [String: WaveCounts] = [:]
        for (wave, rows) in records {
            let workers = rows.filter(\.inWork)
            let high = workers.filter { $0.nssec5 == 1 }
            var byYear: [String: Int] = [:]
            for r in rows { byYear[String(r.intdaty), default: 0] += 1 }
            waves[String(wave)] = WaveCounts(
                rows: rows.count, workers: workers.count, highSkilledWorkers: high.count,
                workersAtHome: workers.filter(\.worksAtHome).count, highSkilledAtHome: high.filter(\.worksAtHome).count,
                interviewsFromMarch2020: rows.filter { ($0.intdaty, $0.intdatm) >= (2020, 3) }.count,
                interviewsByYear: byYear)
        }
        self.waves = waves
        var transitions: [Transition] = []
        for to in records.keys.sorted() {
            guard let earlier = records[to - 1], let later = records[to] else { continue }
            var before: [Int: SynthRecord] = [:]
            for r in earlier { before[r.pidp] = r }
            var t = Transition(
                from: to - 1, to: to, pairs: 0, movers: 0, highSkilledPairs: 0, highSkilledMovers: 0, atHomePairs: 0,
                atHomeMovers: 0, reasons: [:], highSkilledReasons: [:])
            for r in later {
                guard let b = before[r.pidp] else { continue }
                let high = b.inWork && b.nssec5 == 1
                let home = b.inWork && b.worksAtHome
                t.pairs += 1
                if high { t.highSkilledPairs += 1 }
                if home { t.atHomePairs += 1 }
                guard r.moved else { continue }
                t.movers += 1
                if high { t.highSkilledMovers += 1 }
                if home { t.atHomeMovers += 1 }
                for (k, name) in Self.reasonNames.enumerated() where r.movy[k] == 1 {
                    t.reasons[name, default: 0] += 1
                    if high { t.highSkilledReasons[name, default: 0] += 1 }
                }
            }
            transitions.append(t)
        }
        self.transitions = transitions
    }

    /// The JSON text, keys sorted, so the same data gives the same bytes.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads truth.json.
    public static func load(path: String) throws -> SynthTruth {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(SynthTruth.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SurveyError(foreign: error, file: path, doing: "read the synthetic data's truth file")
        }
    }
}
