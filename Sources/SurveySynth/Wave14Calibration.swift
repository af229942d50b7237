/// Wave 14 is planted to the published figures exactly: the NS-SEC counts, the
/// number of workers, and the briefing's Table 1 distribution of days a week
/// working at home, for all workers and the high-skilled. People keep their
/// simulated ranks: the likeliest to work become the workers, the likeliest to
/// work at home get the most home-working days.
extension UKHLSSimulation {
    /// The wave-14 codes for "no valid answer", in rotation: missing, don't know, refused.
    static let noAnswerCodes = [-9, -9, -1, -9, -2]

    mutating func calibrateWave14(_ rows: inout [SynthRecord], workScores: [Double], order: [Int]) {
        let targets = wave14
        // 1. Exactly `targets.workers` workers: the highest work scores.
        let byWork = rows.indices.sorted { (workScores[$0], -$0) > (workScores[$1], -$1) }
        let workerSet = Set(byWork.prefix(targets.workers))
        for k in rows.indices {
            let post = (rows[k].intdaty, rows[k].intdatm) >= (2020, 3)
            if workerSet.contains(k) != rows[k].inWork || rows[k].jbstat == 12 {
                setJob(&rows[k], person: order[k], working: workerSet.contains(k), wave: 14, post: post)
            }
        }
        // 2. Classes: a random set of workers without class (-9), then quotas filled by each worker's own class.
        var workers = byWork.prefix(targets.workers).map { $0 }
        shuffle(&workers)
        let withoutClass = Array(workers.prefix(targets.workersWithoutClass))
        for k in withoutClass { setClass(&rows[k], nssec5: -9, subclass: 0) }
        var quota = (1...5).map { targets.nssec5[$0] ?? 0 }
        var overflow: [Int] = []
        let classed = Array(workers.dropFirst(targets.workersWithoutClass))
        for k in classed {
            let own = people[order[k]].skill
            if quota[own - 1] > 0 {
                quota[own - 1] -= 1
                setClass(&rows[k], nssec5: own, subclass: people[order[k]].subclass)
            } else {
                overflow.append(k)
            }
        }
        for k in overflow {
            guard let c = quota.firstIndex(where: { $0 > 0 }) else { break }
            quota[c] -= 1
            people[order[k]].skill = c + 1
            setClass(&rows[k], nssec5: c + 1, subclass: people[order[k]].subclass)
        }
        // 3. Non-workers: the rest of the -9s, the others -8.
        var nonWorkers = rows.indices.filter { !workerSet.contains($0) }
        shuffle(&nonWorkers)
        let missingNonWorkers = max(0, (targets.nssec5[-9] ?? 0) - targets.workersWithoutClass)
        for (n, k) in nonWorkers.enumerated() {
            setClass(&rows[k], nssec5: n < missingNonWorkers ? -9 : -8, subclass: 0)
        }
        // 4. Days a week at home.
        let highSkilled = classed.filter { rows[$0].nssec5 == 1 }
        let otherClasses = classed.filter { rows[$0].nssec5 != 1 }
        let highValid = targets.highSkilledByCategory.reduce(0, +)
        var pool = highSkilled
        shuffle(&pool)
        assignDays(&rows, valid: Array(pool.prefix(highValid)), counts: targets.highSkilledByCategory, order: order)
        noAnswer(&rows, Array(pool.dropFirst(highValid)))
        var others = otherClasses
        shuffle(&others)
        var withoutClassPool = withoutClass
        shuffle(&withoutClassPool)
        let othersValidCount = max(0, others.count - targets.otherClassesNoAnswer)
        let withoutClassValid = max(0, min(withoutClassPool.count, targets.workersWithoutClassValid))
        let validOthers = Array(others.prefix(othersValidCount)) + Array(withoutClassPool.prefix(withoutClassValid))
        noAnswer(
            &rows, Array(others.dropFirst(othersValidCount)) + Array(withoutClassPool.dropFirst(withoutClassValid)))
        var counts = targets.othersByCategory
        if counts.reduce(0, +) != validOthers.count {
            counts = Calibration.apportion(validOthers.count, shares: counts.map(Double.init))
        }
        assignDays(&rows, valid: validOthers, counts: counts, order: order)
    }

    /// Gives `valid` workers the Table 1 categories in `counts`: Variable to a
    /// random set, the rest in order of their home-working score (Never lowest, Always highest).
    mutating func assignDays(_ rows: inout [SynthRecord], valid: [Int], counts: [Int], order: [Int]) {
        var pool = valid
        shuffle(&pool)
        let variableCount = counts[7]
        let variable = pool.prefix(variableCount)
        var ranked = pool.dropFirst(variableCount).map { k -> (Int, Double) in
            let p = people[order[k]]
            return (
                k,
                p.homeWork + ClassModel.homeWorkEffect(rows[k].nssec5) + RegionShares.homeWorkEffect(rows[k].gor)
                    + 0.5 * random.normal()
            )
        }
        ranked.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        // Levels of home-working that fit each category: never, sometimes, often, always.
        let levels = [0, 1, 1, 2, 2, 2, 3, 1]
        for k in variable { setDays(&rows[k], code: 8, level: levels[7]) }
        var position = 0
        for category in 0..<7 {
            for _ in 0..<counts[category] where position < ranked.count {
                setDays(&rows[ranked[position].0], code: category + 1, level: levels[category])
                position += 1
            }
        }
    }

    mutating func setDays(_ r: inout SynthRecord, code: Int, level: Int) {
        r.wfhdays = code
        setPlaceOfWork(&r, level: level, wave: 14)
    }

    mutating func noAnswer(_ rows: inout [SynthRecord], _ indices: [Int]) {
        for (n, k) in indices.enumerated() {
            rows[k].wfhdays = Self.noAnswerCodes[n % Self.noAnswerCodes.count]
        }
    }

    /// A Fisher–Yates shuffle with the simulation's own generator (stable across toolchains).
    mutating func shuffle(_ items: inout [Int]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(random.next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
