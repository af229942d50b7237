import SurveyFiles

/// The schema's `design: id:` checked row by row in a person file: a person (a `pidp`; an
/// LFS household and person number) appears once, or the file is wrong and every count
/// built on it would be too.
struct PersonIdentity {
    private let names: [String]
    private var positions: [Int] = []
    private var sources: [String] = []
    private var seen = IdentityTable()

    /// The check for a `role` file of `schema`: active only for the person file.
    init(schema: Schema, role: String) {
        names = role == schema.design.persons ? schema.design.id : []
    }

    /// Finds the id variables in `layout` (those it has).
    mutating func resolve(in layout: FileLayout) {
        positions = names.compactMap { layout.position(of: $0) }
        sources = positions.map { layout.sourceNames[$0] ?? layout.variables[$0].name }
        seen = IdentityTable()
    }

    /// Records the row's id; a second row with the same id is an error naming both lines.
    ///
    /// - Throws: `.invalidValue` naming the file, the line, the id variable and the earlier line.
    mutating func check(_ values: [HarmonisedValue], line: Int, file: String) throws(SurveyError) {
        guard !positions.isEmpty, case .int(let first) = values[positions[0]] else { return }
        var second = 0
        if positions.count > 1 {
            guard case .int(let v) = values[positions[1]] else { return }
            second = v
        }
        if let earlier = seen.insert(first, second, line: line) {
            let id = positions.count > 1 ? "\(first), \(second)" : "\(first)"
            throw SurveyError(
                .invalidValue, file: file, line: line, variable: sources.joined(separator: ", "),
                reason: "\(id) is here and on line \(earlier) too: each person must have one row",
                hint: "the file may hold two releases concatenated, or be damaged; each count would be doubled")
        }
    }
}

/// The ids met so far in a file, each with its line: an open-addressing table with a cheap
/// multiplicative hash (ids come from the file, but a collision only costs probes, never a
/// wrong answer), several times faster than a `Dictionary` with its seeded hashing, which
/// showed in the profile of reading whole waves.
struct IdentityTable {
    private var firsts: [Int] = []
    private var seconds: [Int] = []
    private var lines: [Int] = []
    private var used: [Bool] = []
    private var count = 0
    private var mask = -1

    /// Records `(first, second)` on `line`; the line it was first met on when it was already there
    /// (the table is then unchanged).
    mutating func insert(_ first: Int, _ second: Int, line: Int) -> Int? {
        if (count + 1) * 4 > used.count * 3 { grow() }
        var slot = Self.hash(first, second) & mask
        while used[slot] {
            if firsts[slot] == first && seconds[slot] == second { return lines[slot] }
            slot = (slot + 1) & mask
        }
        firsts[slot] = first
        seconds[slot] = second
        lines[slot] = line
        used[slot] = true
        count += 1
        return nil
    }

    private static func hash(_ first: Int, _ second: Int) -> Int {
        let mixed = (UInt64(bitPattern: Int64(first)) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(bitPattern: Int64(second)) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    private mutating func grow() {
        let old = (firsts, seconds, lines, used)
        let size = max(1024, used.count * 2)
        firsts = [Int](repeating: 0, count: size)
        seconds = [Int](repeating: 0, count: size)
        lines = [Int](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
        mask = size - 1
        count = 0
        for k in old.3.indices where old.3[k] { _ = insert(old.0[k], old.1[k], line: old.2[k]) }
    }
}
