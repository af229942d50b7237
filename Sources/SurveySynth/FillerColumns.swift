/// The columns of a real indresp file that ukpanel does not use: plausible
/// names and codes (mostly inapplicable, -8, as real questionnaires route most
/// people past most questions), so files have their real width and texture.
struct FillerColumns: Sendable {
    enum Kind: Sendable {
        /// A categorical code 1…`top`, inapplicable with probability `inapplicable`.
        case code(top: Int, inapplicable: Double)
        /// Yes (1) or no (2).
        case yesNo(inapplicable: Double)
        /// A count or hours, 0…`top`.
        case count(top: Int, inapplicable: Double)
        /// An amount with two decimals.
        case amount
    }

    static let stems = [
        "scghq", "scsf", "hlprb", "jbsoc", "jbsic", "fimn", "paj", "maj", "lkmove", "xpmove", "netpuse", "volun",
        "vote", "ncars", "sclfsat", "mlstat", "qfhigh", "health", "disdif", "hcond", "caring", "aidhrs", "nchild",
        "jbhrs", "jbot", "jbterm", "jbmngr", "jbsize", "fiyrinvinc", "benbase", "bendis", "finnow", "finfut", "save",
        "debt", "smoker", "sport", "wkfood", "pet", "orga", "trust", "nbrsnci", "crburg", "ladder", "chkresp",
        "ethid", "natid", "relup", "ageest", "lvrel", "eprosh", "envhabit", "grimyn", "ccare", "tenure",
    ]

    let names: [String]
    let kinds: [Kind]

    /// `count` filler columns for `wave` (its letter prefixes each name), none equal to `taken`.
    init(count: Int, letter: String, taken: Set<String>) {
        var names: [String] = []
        var kinds: [Kind] = []
        var n = 0
        while names.count < count {
            let stem = Self.stems[n % Self.stems.count]
            let suffix = n / Self.stems.count + 1
            let name = "\(letter)_\(stem)\(suffix)" + (n % 11 == 0 ? "_dv" : "")
            n += 1
            if taken.contains(name) { continue }
            names.append(name)
            // The kind follows the name's position, the same in every wave.
            let h = (n &* 2_654_435_761) & 0xFFFF
            let share = 0.25 + 0.7 * Double(h % 100) / 100
            switch h % 20 {
            case 0..<10: kinds.append(.code(top: 2 + h % 9, inapplicable: share))
            case 10..<14: kinds.append(.yesNo(inapplicable: share * 0.6))
            case 14..<18: kinds.append(.count(top: [10, 40, 60, 99][h % 4], inapplicable: share))
            default: kinds.append(.amount)
            }
        }
        self.names = names
        self.kinds = kinds
    }

    /// Appends one cell of column `column`.
    @inline(__always)
    func appendCell(_ column: Int, to line: inout [UInt8], random: inout SplitMix64) {
        let draw = random.next()
        let u = Double(draw >> 11) * 0x1.0p-53
        let small = Int((draw >> 3) & 0xFF)
        switch kinds[column] {
        case .code(let top, let inapplicable):
            if u < inapplicable { return SmallInts.append(-8, to: &line) }
            if u > 0.995 { return SmallInts.append([-9, -1, -2][small % 3], to: &line) }
            SmallInts.append(1 + small % top, to: &line)
        case .yesNo(let inapplicable):
            if u < inapplicable { return SmallInts.append(-8, to: &line) }
            SmallInts.append(1 + small % 2, to: &line)
        case .count(let top, let inapplicable):
            if u < inapplicable { return SmallInts.append(-8, to: &line) }
            SmallInts.append(small % (top + 1), to: &line)
        case .amount:
            if u < 0.3 { return SmallInts.append(-9, to: &line) }
            SmallInts.append(Int((draw >> 20) % 4000), to: &line)
            line.append(0x2E)
            let cents = Int((draw >> 40) % 100)
            line.append(UInt8(0x30 + cents / 10))
            line.append(UInt8(0x30 + cents % 10))
        }
    }
}

/// Decimal text of integers, cached for the small ones that fill survey files.
enum SmallInts {
    static let table: [[UInt8]] = (-21...255).map { Array(String($0).utf8) }

    @inline(__always)
    static func append(_ value: Int, to line: inout [UInt8]) {
        if value >= -21 && value <= 255 {
            line.append(contentsOf: table[value + 21])
        } else {
            line.append(contentsOf: String(value).utf8)
        }
    }
}
