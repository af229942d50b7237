import Foundation
import SurveyFiles
import SurveySchema
import Testing

@testable import SurveySynth

@Suite("Synthetic UKHLS: calibration at full scale")
struct SynthCalibrationTests {
    /// The full-scale population, simulated once (in memory; files are written by scripts/check-full-synth.sh).
    static let full: UKHLSSimulation = {
        var simulation = UKHLSSimulation(rowsPerWave: Calibration.rowsPerWave, seed: 2025)
        simulation.run()
        return simulation
    }()

    @Test("rows per wave are the published ones")
    func rows() {
        let expected = [8: 39_290, 9: 36_058, 10: 34_319, 11: 32_008, 12: 29_271, 13: 27_998, 14: 35_471]
        #expect(Self.full.records.mapValues(\.count) == expected)
    }

    @Test("wave 14 NS-SEC counts are exactly the published ones")
    func nssec() {
        var counts: [Int: Int] = [:]
        for r in Self.full.records[14] ?? [] { counts[r.nssec5, default: 0] += 1 }
        #expect(counts == [-9: 813, -8: 16_206, 1: 8_505, 2: 2_870, 3: 1_529, 4: 1_053, 5: 4_495])
    }

    @Test("wave 14 Table 1: n and every category within 0.1 point of the briefing")
    func table1() {
        let workers = (Self.full.records[14] ?? []).filter(\.inWork)
        let briefingAll = [52.6, 6.5, 3.6, 6.3, 6.7, 5.3, 10.7, 8.3]
        let briefingHigh = [29.1, 9.6, 5.4, 10, 11, 8.3, 15.1, 11.4]
        for (group, expected, n) in [
            (workers, briefingAll, 18_422), (workers.filter { $0.nssec5 == 1 }, briefingHigh, 8_264),
        ] {
            let valid = group.filter { (1...8).contains($0.wfhdays) }
            #expect(valid.count == n)
            for (k, percent) in expected.enumerated() {
                let share = 100 * Double(valid.filter { $0.wfhdays == k + 1 }.count) / Double(valid.count)
                #expect(abs(share - percent) <= 0.1, "category \(k + 1): \(share) vs \(percent)")
            }
        }
        // All workers include those whose class is missing: at most 813 of them.
        #expect(workers.count >= 18_452 && workers.count <= 18_452 + 813)
    }

    @Test("people persist: pidp stable, hidp new each wave, returners and a wave-14 refreshment sample")
    func panelShape() {
        let records = Self.full.records
        let ids = records.mapValues { Set($0.map(\.pidp)) }
        let w8 = ids[8] ?? []
        let w9 = ids[9] ?? []
        let w10 = ids[10] ?? []
        let w13 = ids[13] ?? []
        let w14 = ids[14] ?? []
        #expect(w8.intersection(w9).count > 30_000)  // most stay
        #expect(w10.subtracting(w9).intersection(w8).count > 100)  // some come back after missing a wave
        #expect(w14.subtracting(w13).subtracting(w8).count > 5_000)  // the refreshment sample and new entrants
        let households = records.mapValues { Set($0.map(\.hidp)) }
        #expect((households[8] ?? []).isDisjoint(with: households[9] ?? []))
        for (wave, rows) in records {
            #expect(Set(rows.map(\.pidp)).count == rows.count, "wave \(wave): one row per person")
            for r in rows.prefix(2_000) {
                let offset = (r.intdaty - (2008 + wave)) * 12 + r.intdatm - 1
                #expect((0..<29).contains(offset), "wave \(wave) interview \(r.intdaty)-\(r.intdatm)")
            }
        }
    }

    @Test("the processes the analyses need: home-working rises, mobility falls, reasons shift to housing")
    func processes() {
        let truth = SynthTruth(
            records: Self.full.records,
            options: {
                var o = UKHLSSynthOptions()
                o.scale = .full
                return o
            }())
        let share = { (w: Int) -> (Double, Double) in
            let c = truth.waves[String(w)]!
            return (
                Double(c.workersAtHome) / Double(c.workers), Double(c.highSkilledAtHome) / Double(c.highSkilledWorkers)
            )
        }
        #expect(share(9).0 < share(12).0)  // before and after March 2020
        #expect(share(12).1 > share(12).0)  // higher for the high-skilled
        let rate = { (t: SynthTruth.Transition) in Double(t.movers) / Double(t.pairs) }
        let first = truth.transitions.first!
        let last = truth.transitions.last!
        #expect(rate(first) > rate(last))
        for t in truth.transitions {
            #expect(rate(t) > 0.04 && rate(t) < 0.13)
            #expect(Double(t.highSkilledMovers) / Double(t.highSkilledPairs) > rate(t))
        }
        let housingShare = { (t: SynthTruth.Transition) in
            Double(t.reasons["housing"]!) / Double(t.reasons["employment"]!)
        }
        #expect(housingShare(last) > housingShare(first))
        // London works at home more than the North East, post-pandemic.
        let w12 = (Self.full.records[12] ?? []).filter(\.inWork)
        let atHome = { (region: Int) in
            let g = w12.filter { $0.gor == region }
            return Double(g.filter(\.worksAtHome).count) / Double(g.count)
        }
        #expect(atHome(7) > atHome(1))
    }

    @Test("the design: people nested in PSUs within strata, 2-3 PSUs a stratum, a few alone")
    func design() {
        var psusByStratum: [Int: Set<Int>] = [:]
        var stratumOfPSU: [Int: Int] = [:]
        for r in Self.full.records[14] ?? [] {
            psusByStratum[r.strata, default: []].insert(r.psu)
            if let s = stratumOfPSU[r.psu] { #expect(s == r.strata) }
            stratumOfPSU[r.psu] = r.strata
        }
        let sizes = psusByStratum.values.map(\.count)
        #expect(sizes.filter { $0 == 1 }.count > 0)
        #expect(sizes.allSatisfy { $0 <= 3 })
        #expect(Double(sizes.filter { $0 >= 2 }.count) / Double(sizes.count) > 0.8)
        #expect((Self.full.records[14] ?? []).allSatisfy { $0.weightXS >= 0 })
    }
}
