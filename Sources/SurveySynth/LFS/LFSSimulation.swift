import Foundation

/// One synthetic person in one LFS quarter.
struct SynthLFSRecord: Sendable {
    var quarter: Int
    var hserial: Int
    var persno: Int
    var casenop: Int
    var thiswv: Int
    var age: Int
    var sex: Int
    var ilodefr: Int
    var home: Int
    var home2: Int
    var homed1: Int
    var major: Int
    var operational: String
    var region: Int
    var govtof: Int
    var weight: Double
    var restme: Int
    // For the Anywhere Jobs analysis (LFSJobs): -9 where it does not apply.
    var soc = -9
    var industry = -9
    var hiqual = -9
    var pay: Double?
    var familyType = -9
    var relationship = -9
    var dependentChildren = -9
    var selfEmployed = false
}

/// Simulates the LFS rotation: households interviewed five quarters running, a
/// fifth of them new each quarter, people who move leaving the sample, with
/// jobs, class, region and where people work in relation to home.
struct LFSSimulation {
    struct Household {
        var serial: Int
        var entered: Int
        var region: Int
        var govtof: Int
        var members: [Int]
        var dropped = false
    }

    struct Person {
        var casenop: Int
        var persno: Int
        var birthYear: Int
        var sex: Int
        var work: Double
        var homeWork: Double
        var major: Int
        var operationalSub: Int
        var secondJob: Bool
        var left = false
        /// Highest qualification (0 until first drawn), the job's unit group and industry, and the
        /// NS-SEC class the job was drawn for (0: none yet).
        var hiqual = 0
        var unitGroup = 0
        var industry = 0
        var unitClass = 0
    }

    let persons: [Int]
    let firstYear: Int
    var random: SplitMix64
    /// The Anywhere Jobs traits' own stream, so that the columns before them keep their values.
    var traits: SplitMix64
    let jobs = LFSJobs()
    var households: [Household] = []
    var people: [Person] = []
    /// Records by quarter index.
    var quarters: [[SynthLFSRecord]] = []

    init(persons: [Int], firstYear: Int, seed: UInt64) {
        self.persons = persons
        self.firstYear = firstYear
        self.random = SplitMix64(seed: seed, stream: 11)
        self.traits = SplitMix64(seed: seed, stream: 14)
    }

    mutating func run() {
        for q in persons.indices {
            let active = chooseHouseholds(quarter: q)
            var records = interview(active, quarter: q)
            addTraits(&records, quarter: q)
            quarters.append(records)
        }
        for q in LFSAnywhereCalibration.quarters where q < quarters.count { calibrateAnywhere(quarter: q) }
    }

    // MARK: Jobs, qualifications and families (the Anywhere Jobs analysis)

    /// Sets each record's occupation, industry, qualification, pay and family from its person's
    /// traits (drawn once, from `traits`), its job's class and its household.
    mutating func addTraits(_ records: inout [SynthLFSRecord], quarter q: Int) {
        var byHousehold: [Int: [Int]] = [:]
        for (k, r) in records.enumerated() { byHousehold[r.hserial, default: []].append(k) }
        for serial in byHousehold.keys.sorted() {
            let members = byHousehold[serial] ?? []
            let adults = members.filter { records[$0].age >= 19 }.map { records[$0].sex }
            let children = members.filter { records[$0].age < 19 }.count
            let family = LFSJobs.family(adults: adults, children: children, serial: serial)
            // The first two adults head the family unit; everyone else is a child of it.
            let heads = members.filter { records[$0].age >= 19 }.sorted { records[$0].persno < records[$1].persno }.prefix(2)
            for k in members {
                records[k].familyType = family.type(records[k].sex)
                records[k].dependentChildren = family.dependent
                records[k].relationship = heads.first == k ? 1 : heads.contains(k) ? 2 : 3
            }
        }
        for k in records.indices {
            let r = records[k]
            guard r.age >= 16 else { continue }
            let index = peopleIndex(r)
            let working = r.ilodefr == 1 && (1...7).contains(r.major)
            if working, people[index].unitClass != r.major {
                let soc = LFSJobs.socMajor(forClass: r.major, &traits)
                if people[index].hiqual == 0 {
                    people[index].hiqual = LFSJobs.qualification(socMajor: soc, age: r.age, &traits)
                }
                let unit = jobs.unitGroup(
                    soc: soc, degree: people[index].hiqual == 1, region: r.region, age: r.age, sex: r.sex, &traits)
                people[index].unitGroup = unit
                people[index].unitClass = r.major
                people[index].industry = LFSJobs.industry(anywhere: jobs.anywhere.contains(unit), &traits)
            }
            if people[index].hiqual == 0 {
                people[index].hiqual = LFSJobs.qualification(socMajor: nil, age: r.age, &traits)
            }
            let p = people[index]
            records[k].hiqual = p.hiqual
            guard working else { continue }
            records[k].soc = p.unitGroup
            records[k].industry = p.industry
            records[k].selfEmployed = r.major == 4
            if !records[k].selfEmployed, r.thiswv == 1 || r.thiswv == 5 {
                records[k].pay = LFSJobs.pay(
                    unitGroup: p.unitGroup, degree: p.hiqual == 1, anywhere: jobs.anywhere.contains(p.unitGroup),
                    &traits)
            }
        }
    }

    /// Rakes the workers' weights of quarter `q` to the report's headline shares.
    mutating func calibrateAnywhere(quarter q: Int) {
        var weights = quarters[q].map(\.weight)
        let workers = quarters[q].enumerated().compactMap { k, r -> LFSAnywhereCalibration.Worker? in
            guard r.ilodefr == 1, r.soc > 0 else { return nil }
            return LFSAnywhereCalibration.Worker(
                index: k, anywhere: jobs.anywhere.contains(r.soc), female: r.sex == 2, socMajor: r.soc / 1000,
                region: r.region, degree: r.hiqual == 1, age: r.age,
                parent: (1...2).contains(r.relationship) && [6, 9, 10, 12, 16, 19].contains(r.familyType))
        }
        LFSAnywhereCalibration.rake(workers, weights: &weights)
        for k in quarters[q].indices { quarters[q][k].weight = weights[k] }
    }

    // MARK: The rotation

    mutating func chooseHouseholds(quarter q: Int) -> [Int] {
        var active: [Int] = []
        var count = 0
        for h in households.indices where !households[h].dropped {
            let wave = q - households[h].entered + 1
            guard wave >= 2 && wave <= 5 else { continue }
            if random.chance(0.03) {
                households[h].dropped = true
                continue
            }
            for p in households[h].members where !people[p].left && random.chance(0.012) {
                people[p].left = true  // moved house: the LFS samples addresses, so the person leaves
            }
            let present = households[h].members.filter { !people[$0].left }.count
            if present == 0 { continue }
            active.append(h)
            count += present
        }
        let target = persons[q]
        while count > target, !active.isEmpty {
            let k = Int(random.next() % UInt64(active.count))
            count -= households[active[k]].members.filter { !people[$0].left }.count
            households[active[k]].dropped = true
            active.remove(at: k)
        }
        // New households: at wave 1 now, or, in the first quarter, spread over waves 1-5.
        while count < target {
            let size = min(target - count, [1, 2, 3, 4, 5][random.pick([0.3, 0.35, 0.15, 0.13, 0.07])])
            let entered = q == 0 ? -Int(random.next() % 5) : q
            active.append(addHousehold(size: size, entered: entered))
            count += size
        }
        return active
    }

    mutating func addHousehold(size: Int, entered: Int) -> Int {
        let regionIndex = random.pick(LFSCalibration.regionShares)
        let region = LFSCalibration.regions[regionIndex]
        let govtof = region == 2 && random.chance(0.2) ? 3 : region
        var members: [Int] = []
        for n in 0..<size {
            let adult = n < 2 || random.chance(0.45)
            let age = adult ? 16 + Int(Double(70) * pow(random.uniform(), 1.1)) : Int(random.next() % 16)
            let major = 1 + random.pick(Array(LFSCalibration.nssecMajorOD23.prefix(7)))
            members.append(people.count)
            people.append(
                Person(
                    casenop: 100_000_000 + people.count * 7 + 1, persno: n + 1, birthYear: firstYear - age,
                    sex: random.chance(0.51) ? 2 : 1,
                    work: random.normal(), homeWork: random.normal(), major: major,
                    operationalSub: Int(random.next() % 3),
                    secondJob: random.chance(0.04)))
        }
        households.append(
            Household(
                serial: 500_000_000 + households.count * 13 + 5, entered: entered, region: region,
                govtof: govtof, members: members))
        return households.count - 1
    }

    // MARK: The interview

    mutating func interview(_ active: [Int], quarter q: Int) -> [SynthLFSRecord] {
        let year = firstYear + q / 4
        var records: [SynthLFSRecord] = []
        var workScores: [Double] = []
        for h in active.sorted(by: { households[$0].serial < households[$1].serial }) {
            let household = households[h]
            for p in household.members where !people[p].left {
                let person = people[p]
                let age = year - person.birthYear
                let penalty: Double =
                    age < 16 ? 99 : age < 20 ? 1.2 : age < 25 ? 0.3 : age < 60 ? -0.45 : age < 66 ? 0.7 : 2.5
                workScores.append(person.work + 0.3 * random.normal() - penalty)
                records.append(
                    SynthLFSRecord(
                        quarter: q, hserial: household.serial, persno: person.persno, casenop: person.casenop,
                        thiswv: q - household.entered + 1, age: age, sex: person.sex, ilodefr: age < 16 ? 4 : 3,
                        home: -9, home2: -9,
                        homed1: -9, major: age < 16 ? -9 : (random.chance(0.35) ? 8 : -9), operational: "-9",
                        region: household.region,
                        govtof: household.govtof, weight: 790 * exp(0.3 * random.normal()),
                        restme: q - household.entered > 3 ? 6 : 5))
            }
        }
        // Workers: the highest work scores, about 49% of everyone (exactly as published in Oct-Dec 2021).
        let isOD21 = firstYear + q / 4 == 2021 && q % 4 == 3
        let workers: Int
        if isOD21, records.count == LFSCalibration.personsPerQuarter[11] {
            workers = records.count - (LFSCalibration.homeOD21[-9] ?? 0)
        } else {
            workers = Int(Double(records.count) * 0.49)
        }
        let ranked = records.indices.sorted { (workScores[$0], -$0) > (workScores[$1], -$1) }
        var workerIndices = Array(ranked.prefix(workers))
        for k in ranked.dropFirst(workers) where records[k].age >= 16 && random.chance(0.07) {
            records[k].ilodefr = 2
            records[k].major = 8
        }
        for k in workerIndices {
            let index = peopleIndex(records[k])
            if records[k].thiswv > 1 && random.chance(0.025) {  // a change of job, and with it of class
                people[index].major = 1 + random.pick(Array(LFSCalibration.nssecMajorOD23.prefix(7)))
            }
            let p = people[index]
            records[k].ilodefr = 1
            records[k].major = p.major
            records[k].operational = Self.operationalCode(major: p.major, sub: p.operationalSub, year: year)
            records[k].home = 4
            records[k].home2 = p.secondJob ? 4 : -9
        }
        setHome(
            &records, workers: &workerIndices, quarter: q,
            exact: isOD21 && records.count == LFSCalibration.personsPerQuarter[11])
        return records
    }

    /// HOME among workers: the likeliest home-workers in their own home, the next using home as a base,
    /// a few on the same grounds, the rest separate from home; a handful with no answer.
    mutating func setHome(_ records: inout [SynthLFSRecord], workers: inout [Int], quarter q: Int, exact: Bool) {
        let n = workers.count
        let counts: [Int: Int]
        if exact {
            counts = LFSCalibration.homeOD21.filter { $0.key != -9 }
        } else {
            let own = Int((Double(n) * LFSCalibration.ownHomeShare(quarterIndex: q)).rounded())
            counts = [1: own, 3: Int(Double(n) * 0.075), 2: Int(Double(n) * 0.011), -8: Int(Double(n) * 0.0004)]
        }
        // No answer and same grounds: random workers.
        var pool = workers
        shuffle(&pool)
        var cursor = 0
        for code in [-8, 2] {
            for _ in 0..<(counts[code] ?? 0) where cursor < pool.count {
                records[pool[cursor]].home = code
                cursor += 1
            }
        }
        var rest = pool.dropFirst(cursor).map { k -> (Int, Double) in
            let p = people[peopleIndex(records[k])]
            return (
                k,
                p.homeWork + LFSCalibration.classEffect(records[k].major)
                    + LFSCalibration.regionEffect(records[k].region)
                    + 0.5 * random.normal()
            )
        }
        rest.sort { ($0.1, $0.0) > ($1.1, $1.0) }
        var position = 0
        for code in [1, 3] {
            for _ in 0..<(counts[code] ?? 0) where position < rest.count {
                records[rest[position].0].home = code
                position += 1
            }
        }
        for k in workers where records[k].thiswv == 1 {
            records[k].homed1 = [1: 1, 2: 2, 3: 3][records[k].home] ?? 4
        }
    }

    /// The person behind a record (casenop = 100,000,000 + 7 × index + 1).
    func peopleIndex(_ r: SynthLFSRecord) -> Int { (r.casenop - 100_000_001) / 7 }

    /// The operational category for a major group: `NSECM10` (to 2020) has sub-categories such as 3.1;
    /// `NSECM20` (from 2021) is coded 1.0 … 17.0.
    static func operationalCode(major: Int, sub: Int, year: Int) -> String {
        let categories: [Int: [Int]] = [
            1: [1, 2, 3], 2: [4, 5, 6], 3: [7], 4: [8, 9], 5: [10, 11], 6: [12], 7: [13], 8: [14],
        ]
        let options = categories[major] ?? [16]
        let category = options[sub % options.count]
        return year >= 2021 ? "\(category).0" : "\(category).\(sub % 2 + 1)"
    }

    mutating func shuffle(_ items: inout [Int]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
    }
}
