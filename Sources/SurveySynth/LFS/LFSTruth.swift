import Foundation
import SurveyFiles
import SurveySchema

/// What the LFS generator planted, counted from its own records.
public struct LFSTruth: Codable, Sendable, Equatable {
    public struct Group: Codable, Sendable, Equatable {
        public var workers: Int
        /// Workers with HOME = 1.
        public var ownHome: Int
        /// Workers with HOME 1-3.
        public var homeBased: Int
    }

    public struct Quarter: Codable, Sendable, Equatable {
        public var rows: Int
        public var workers: Int
        /// HOME counts by code (1-4, -8, -9), all persons.
        public var home: [String: Int]
        /// By GOVTOF2 region code.
        public var byRegion: [String: Group]
        /// By NS-SEC 5-class code (from the major group).
        public var byNssec5: [String: Group]
    }

    public struct Longitudinal: Codable, Sendable, Equatable {
        public var file: String
        public var persons: Int
        /// For quarters q → q+1 (q = 1…4): people in work in both, and of them home-based (HOME 1-3) in both.
        public var workersBoth: [Int]
        public var homeBasedBoth: [Int]
        /// Of those in work in both with an NS-SEC class (major groups 1-7) in both, those whose 5-class differs.
        public var classValidBoth: [Int]
        public var classChanged: [Int]

        init(file: String, histories: [[SynthLFSRecord]]) {
            self.file = file
            persons = histories.count
            workersBoth = (0..<4).map { q in histories.filter { $0[q].ilodefr == 1 && $0[q + 1].ilodefr == 1 }.count }
            homeBasedBoth = (0..<4).map { q in
                histories.filter { (1...3).contains($0[q].home) && (1...3).contains($0[q + 1].home) }.count
            }
            func classes(_ h: [SynthLFSRecord], _ q: Int) -> (Int, Int)? {
                guard h[q].ilodefr == 1, h[q + 1].ilodefr == 1, let a = LFSTruth.nssec5OfMajor[h[q].major],
                    let b = LFSTruth.nssec5OfMajor[h[q + 1].major]
                else { return nil }
                return (a, b)
            }
            classValidBoth = (0..<4).map { q in histories.filter { classes($0, q) != nil }.count }
            classChanged = (0..<4).map { q in histories.filter { classes($0, q).map { $0.0 != $0.1 } ?? false }.count }
        }
    }

    public var seed: UInt64
    public var scale: String
    public var quarters: [String: Quarter]
    public var longitudinal: [Longitudinal]

    static let nssec5OfMajor = [1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 5]

    init(records: [[SynthLFSRecord]], quarters wanted: [Int], longitudinal: [Longitudinal], options: LFSSynthOptions) {
        seed = options.seed
        scale = options.full ? "full" : "sample"
        self.longitudinal = longitudinal
        var quarters: [String: Quarter] = [:]
        for q in wanted {
            let rows = records[q]
            let label = LFSPeriod(year: LFSCalibration.firstYear + q / 4, quarter: q % 4 + 1).description
            var home: [String: Int] = [:]
            var byRegion: [String: Group] = [:]
            var byClass: [String: Group] = [:]
            for r in rows {
                home[String(r.home), default: 0] += 1
                guard r.ilodefr == 1 else { continue }
                let own = r.home == 1 ? 1 : 0
                let based = (1...3).contains(r.home) ? 1 : 0
                byRegion[String(r.region), default: Group(workers: 0, ownHome: 0, homeBased: 0)].add(own, based)
                if let c = Self.nssec5OfMajor[r.major] {
                    byClass[String(c), default: Group(workers: 0, ownHome: 0, homeBased: 0)].add(own, based)
                }
            }
            quarters[label] = Quarter(
                rows: rows.count, workers: rows.filter { $0.ilodefr == 1 }.count, home: home,
                byRegion: byRegion, byNssec5: byClass)
        }
        self.quarters = quarters
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads truth.json.
    public static func load(path: String) throws -> LFSTruth {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(LFSTruth.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SurveyError(foreign: error, file: path, doing: "read the synthetic data's truth file")
        }
    }
}

extension LFSTruth.Group {
    mutating func add(_ own: Int, _ based: Int) {
        workers += 1
        ownHome += own
        homeBased += based
    }
}
