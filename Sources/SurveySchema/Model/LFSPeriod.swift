import Foundation

/// The three months an LFS person file covers, read from its name: a calendar
/// quarter (`jm`, `aj`, `js`, `od` + two-digit year) or one of the 2020–21
/// non-calendar files (`fa`, `mm`, `mj`, `ja`, `ao`, `sn` + year; `n20j`, `d20f`).
public struct LFSPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code in the name (`aj`, `mm`, `n20j`).
    public let code: String
    /// The first month, as year × 12 + month − 1.
    public let startMonthIndex: Int

    static let startMonths: [String: Int] = [
        "jm": 1, "fa": 2, "mm": 3, "aj": 4, "mj": 5, "ja": 6, "js": 7, "ao": 8, "sn": 9, "od": 10,
    ]

    /// The period of a name fragment: `aj22`, `od19`, `n20j`, `d20f`.
    public init?(code text: String) {
        let lower = text.lowercased()
        let chars = Array(lower)
        if chars.count == 4, let yy = Int(String(chars[2...3])), let month = Self.startMonths[String(chars[0...1])] {
            code = String(chars[0...1])
            startMonthIndex = Self.year(yy) * 12 + month - 1
        } else if chars.count == 4, let yy = Int(String(chars[1...2])),
            (chars[0] == "n" && chars[3] == "j") || (chars[0] == "d" && chars[3] == "f")
        {
            code = lower
            startMonthIndex = Self.year(yy) * 12 + (chars[0] == "n" ? 10 : 11)
        } else {
            return nil
        }
    }

    /// A calendar quarter: `year`, quarter 1–4.
    public init(year: Int, quarter: Int) {
        code = ["jm", "aj", "js", "od"][(quarter - 1) % 4]
        startMonthIndex = year * 12 + (quarter - 1) * 3
    }

    static func year(_ yy: Int) -> Int { yy < 90 ? 2000 + yy : 1900 + yy }

    public var year: Int { startMonthIndex / 12 }
    public var startMonth: Int { startMonthIndex % 12 + 1 }
    /// Whether this is a calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec).
    public var isCalendarQuarter: Bool { (startMonth - 1) % 3 == 0 }
    /// 1–4 for a calendar quarter.
    public var quarter: Int? { isCalendarQuarter ? (startMonth - 1) / 3 + 1 : nil }

    /// `2021Q4`, or `Mar-May 2020` for a non-calendar file.
    public var description: String {
        if let quarter { return "\(year)Q\(quarter)" }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let end = startMonthIndex + 2
        return "\(names[startMonth - 1])-\(names[end % 12]) \(end / 12)"
    }

    /// The name fragment: `od21`, `n20j`.
    public var fileCode: String {
        code.count == 4 ? code : code + String(format: "%02d", year % 100)
    }

    /// The calendar quarter's position in time (year × 4 + quarter − 1).
    public var quarterIndex: Int { startMonthIndex / 3 }

    /// The next calendar quarter.
    public var nextQuarter: LFSPeriod {
        LFSPeriod(year: (startMonthIndex + 3) / 12, quarter: ((startMonthIndex + 3) % 12) / 3 + 1)
    }

    public static func < (a: LFSPeriod, b: LFSPeriod) -> Bool { a.startMonthIndex < b.startMonthIndex }

    /// Parses `2019Q1`.
    public init?(quarterLabel text: String) {
        let parts = text.uppercased().split(separator: "Q")
        guard parts.count == 2, let y = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q), y > 1900 else {
            return nil
        }
        self.init(year: y, quarter: q)
    }
}
