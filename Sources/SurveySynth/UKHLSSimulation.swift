import Foundation

/// Simulates a UKHLS population over waves 8–14: who is interviewed when, their
/// jobs, class, region, home-working and moves, and the survey design. Every
/// number comes from one seeded generator, so a seed gives the same population.
struct UKHLSSimulation {
    /// Persons interviewed per wave.
    let rowsPerWave: [Int: Int]
    var random: SplitMix64
    var people: [SynthPerson] = []
    var records: [Int: [SynthRecord]] = [:]
    var nextHousehold = 1
    var nextPSU = 1
    var nextStratum = 1
    /// PSUs with room for new households, and each PSU's stratum.
    var psuStratum: [Int: Int] = [:]
    let wave14: Wave14Targets

    init(rowsPerWave: [Int: Int], seed: UInt64) {
        self.rowsPerWave = rowsPerWave
        self.random = SplitMix64(seed: seed, stream: 1)
        self.wave14 = Wave14Targets(rows: rowsPerWave[14] ?? 0)
    }

    mutating func run() {
        for wave in rowsPerWave.keys.sorted() {
            let respondents = chooseRespondents(wave: wave)
            records[wave] = interview(respondents, wave: wave)
        }
    }

    // MARK: Who is interviewed

    /// The people interviewed in `wave`: the continuing, the returning and new entrants,
    /// exactly `rowsPerWave[wave]` of them.
    mutating func chooseRespondents(wave: Int) -> [Int] {
        let target = rowsPerWave[wave] ?? 0
        var chosen: [Int] = []
        if !people.isEmpty {
            for i in people.indices where !people[i].dead {
                if random.chance(0.006) {
                    people[i].dead = true
                    continue
                }
                guard let last = people[i].lastWave else { continue }
                let stays = last == wave - 1 ? random.chance(0.905) : random.chance(0.28)
                if stays { chosen.append(i) }
            }
        }
        while chosen.count > target {
            chosen.remove(at: Int(random.next() % UInt64(chosen.count)))
        }
        let refreshment = wave == 14
        let entrants = target - chosen.count
        if entrants > 0 {
            chosen += addPeople(
                entrants, joiningExisting: !people.isEmpty && !refreshment, ageRange: people.isEmpty ? 16...90 : 16...60
            )
        }
        return chosen
    }

    /// Creates `count` people in households; returns their indices.
    mutating func addPeople(_ count: Int, joiningExisting: Bool, ageRange: ClosedRange<Int>) -> [Int] {
        var added: [Int] = []
        let initial = people.isEmpty
        var inHousehold = 0
        var householdSize = 0
        var household = 0
        var psu = 0
        for _ in 0..<count {
            let host = people.isEmpty ? 0 : Int(random.next() % UInt64(people.count))
            if joiningExisting && random.chance(0.5) && !people[host].dead {
                // Joins an existing household (a new partner, or a child turning 16).
                household = people[host].household
                psu = people[host].psu
                inHousehold = householdSize
            } else if inHousehold >= householdSize {
                household = nextHousehold
                nextHousehold += 1
                householdSize = [1, 2, 3, 4][random.pick([0.3, 0.45, 0.15, 0.1])]
                inHousehold = 0
                psu = placeHousehold()
            }
            inHousehold += 1
            let age = ageRange.lowerBound + Int(Double(ageRange.count) * pow(random.uniform(), 1.15))
            let skill = 1 + random.pick(ClassModel.shares)
            let person = SynthPerson(
                pidp: 68_000_000 + 4 * people.count + 3, sex: random.chance(0.52) ? 2 : 1,
                birthYear: 2016 - age, region: 1 + random.pick(RegionShares.shares),
                skill: skill, subclass: Int(random.next() % 6), work: random.normal(),
                homeWork: random.normal(), mobility: random.normal(),
                selfEmployed: skill == 3 ? random.chance(0.85) : random.chance(0.04),
                household: household, strata: psuStratum[psu] ?? 0, psu: psu, lastWave: nil, balanced: initial)
            added.append(people.count)
            people.append(person)
        }
        return added
    }

    /// A PSU for a new household: about 12 households a PSU; 2 or 3 PSUs a stratum, a few alone.
    mutating func placeHousehold() -> Int {
        if nextHousehold % 12 == 1 || psuStratum.isEmpty {
            let psu = nextPSU
            nextPSU += 1
            // Open a new stratum every 2 or 3 PSUs, and now and then after just one.
            let perStratum = (nextStratum % 31 == 0) ? 1 : (nextStratum % 2 == 0 ? 3 : 2)
            let stratumPSUs = psuStratum.values.filter { $0 == nextStratum - 1 }.count
            if psuStratum.isEmpty || stratumPSUs >= perStratum {
                nextStratum += 1
            }
            psuStratum[psu] = nextStratum - 1
            return psu
        }
        return nextPSU - 1
    }

    // MARK: The interview

    mutating func interview(_ respondents: [Int], wave: Int) -> [SynthRecord] {
        // Households interviewed together: same date, a new hidp each wave.
        let order = respondents.sorted {
            (people[$0].household, people[$0].pidp) < (people[$1].household, people[$1].pidp)
        }
        var rows: [SynthRecord] = []
        rows.reserveCapacity(order.count)
        var householdIndex = 0
        var lastHousehold = -1
        var pno = 0
        var date = (year: 0, month: 0)
        var workScores: [Double] = []
        for i in order {
            let p = people[i]
            if p.household != lastHousehold {
                lastHousehold = p.household
                householdIndex += 1
                pno = 0
                let offset = random.chance(0.95) ? Int(random.next() % 24) : 24 + Int(random.next() % 5)
                date = (2008 + wave + offset / 12, offset % 12 + 1)
            }
            pno += 1
            let continuing = p.lastWave == wave - 1 || (p.lastWave == nil && wave == 8)
            let post = (date.year, date.month) >= (2020, 3)
            let age = date.year - p.birthYear
            let workScore = p.work + 0.45 * random.normal() - agePenalty(age)
            workScores.append(workScore)
            var record = SynthRecord(
                pidp: p.pidp, hidp: wave * 10_000_000 + householdIndex, pno: pno, intdaty: date.year,
                intdatm: date.month,
                ivfio: 1, sex: p.sex, age: age, gor: p.region, nssec5: -8, nssec8: -8, nssec3: -8, jbstat: 0, jbhas: 2,
                jboff: 2, jbsemp: -8, jbpl: -8, jspl: -8, jbwah: -8, wfhdays: -8, origadd: -8, addrmov: -8,
                distmov: nil,
                movy: [-8, -8, -8, -8, -8, -8], weightXS: 0, weightLW: 0, strata: p.strata, psu: p.psu)
            if continuing {
                move(&record, person: i, post: post, year: date.year)
            }
            let working = workScore > -0.6
            setJob(&record, person: i, working: working, wave: wave, post: post)
            rows.append(record)
        }
        if wave == 14 {
            calibrateWave14(&rows, workScores: workScores, order: order)
        }
        setWeights(&rows, order: order, wave: wave)
        for (row, i) in zip(rows, order) {
            people[i].balanced = people[i].balanced && (people[i].lastWave == wave - 1 || wave == 8)
            people[i].lastWave = wave
            people[i].lastClass = row.inWork ? row.nssec5 : -8
            people[i].lastAtHome = row.inWork && row.worksAtHome
            people[i].region = row.gor
        }
        return rows
    }

    func agePenalty(_ age: Int) -> Double {
        switch age {
        case ..<19: return 1.4
        case 19..<23: return 0.7
        case 23...59: return -0.35
        case 60...65: return 0.6
        case 66...70: return 1.5
        default: return 2.6
        }
    }

    /// Employment, class and place of work for one person-wave.
    mutating func setJob(_ r: inout SynthRecord, person i: Int, working: Bool, wave: Int, post: Bool) {
        let p = people[i]
        r.nssec5 = -8
        r.nssec8 = -8
        r.nssec3 = -8
        r.jbsemp = -8
        r.jbpl = -8
        r.jspl = -8
        r.jbwah = -8
        r.wfhdays = -8
        guard working else {
            r.jbhas = 2
            r.jboff = random.chance(0.01) ? 3 : 2
            r.jbstat =
                r.age >= 63
                ? 4 : r.age < 23 && random.chance(0.6) ? 7 : [3, 6, 8, 97][random.pick([0.35, 0.3, 0.3, 0.05])]
            r.ivfio = random.chance(0.03) ? 2 : 1
            return
        }
        if random.chance(0.03) {
            // A change of job that changes class.
            people[i].skill = max(1, min(5, p.skill + (random.chance(0.5) ? 1 : -1)))
        }
        let nssec5 = random.chance(0.026) ? -9 : people[i].skill
        setClass(&r, nssec5: nssec5, subclass: p.subclass)
        r.jbhas = 1
        r.jboff = -8
        r.jbsemp = p.selfEmployed ? 2 : 1
        r.jbstat = p.selfEmployed ? 1 : 2
        if !p.selfEmployed && (wave == 11 || wave == 12) && (2020...2021).contains(r.intdaty) && random.chance(0.07) {
            r.jbstat = 12  // furlough: away from a job, still in work
            r.jbhas = 2
            r.jboff = 1
        }
        let score =
            p.homeWork + ClassModel.homeWorkEffect(r.nssec5) + RegionShares.homeWorkEffect(r.gor)
            + (post ? -0.3 : -1.3) + 0.5 * random.normal()
        setPlaceOfWork(&r, level: score > 1.5 ? 3 : score > 0.8 ? 2 : score > 0 ? 1 : 0, wave: wave)
    }

    mutating func setClass(_ r: inout SynthRecord, nssec5: Int, subclass: Int) {
        r.nssec5 = nssec5
        r.nssec8 = ClassModel.nssec8(nssec5, subclass: subclass)
        r.nssec3 = ClassModel.nssec3(nssec5)
    }

    /// Place of work from a home-working level: 3 always, 2 often, 1 sometimes, 0 never.
    mutating func setPlaceOfWork(_ r: inout SynthRecord, level: Int, wave: Int) {
        let asksFrequency = wave >= 9
        if r.jbsemp == 2 {
            r.jbpl = -8
            r.jspl = level == 3 ? 1 : level == 2 && random.chance(0.5) ? 2 : 3 + Int(random.next() % 2)
            r.jbwah = asksFrequency && r.jspl >= 3 ? [4, 3, 2, 2][level] : -8
        } else {
            r.jspl = -8
            r.jbpl = level == 3 ? 1 : random.chance(0.08) ? 3 : random.chance(0.06) ? 4 : 2
            r.jbwah = asksFrequency && r.jbpl != 1 ? [4, 3, 2, 2][level] : -8
        }
    }

    /// Whether the person moved since the last interview, how far, why, and the region after.
    mutating func move(_ r: inout SynthRecord, person i: Int, post: Bool, year: Int) {
        let p = people[i]
        let age = r.age
        var chance = 0.118 - 0.006 * Double(year - 2017)
        if p.lastClass == 1 { chance *= 1.35 }
        if p.lastAtHome { chance *= post ? 0.95 : 0.65 }
        chance *= age < 30 ? 2.0 : age < 45 ? 1.0 : age < 65 ? 0.55 : 0.35
        chance *= exp(0.3 * p.mobility - 0.045)
        r.origadd = 1
        r.addrmov = 2
        guard random.chance(min(chance, 0.9)) else { return }
        r.origadd = 2
        r.addrmov = 1
        let distance = min(1_000, 8 * exp(1.9 * random.normal()))
        r.distmov = max(0.1, distance)
        if distance > 80 || (distance > 40 && random.chance(0.3)) {
            var shares = RegionShares.shares
            shares[r.gor - 1] = 0
            r.gor = 1 + random.pick(shares)
        }
        // family, education, employment, housing, area, other
        var weights = post ? [0.27, 0.07, 0.14, 0.38, 0.09, 0.05] : [0.27, 0.08, 0.24, 0.27, 0.09, 0.05]
        if p.lastClass == 1 { weights[2] += 0.05 }
        let primary = random.pick(weights)
        r.movy = (0..<6).map { $0 == primary || random.chance(0.08) ? 1 : 0 }
    }

    /// Cross-sectional weights (mean 1 among respondents, a few zero) and
    /// longitudinal weights (positive only for those interviewed in every wave since 8).
    mutating func setWeights(_ rows: inout [SynthRecord], order: [Int], wave: Int) {
        var total = 0.0
        for k in rows.indices {
            let w = random.chance(0.01) ? 0 : exp(0.35 * random.normal())
            rows[k].weightXS = w
            total += w
        }
        let scale = Double(rows.count) / max(total, 1)
        for k in rows.indices {
            rows[k].weightXS *= scale
            let person = people[order[k]]
            let balanced = person.balanced && (person.lastWave == wave - 1 || wave == 8)
            rows[k].weightLW = balanced ? rows[k].weightXS * (0.9 + 0.2 * random.uniform()) : 0
        }
    }
}
