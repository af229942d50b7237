import SurveyFiles

/// A UKHLS wave: wave N is the N-th letter of the alphabet (8 = h, 14 = n, 15 = o),
/// so waves yet to be released need no code change.
public struct Wave: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The wave number, 1 to 26.
    public let number: Int

    /// Wave `number` (1 to 26), or `nil` outside that range.
    public init?(number: Int) {
        guard (1...26).contains(number) else { return nil }
        self.number = number
    }

    /// The wave whose prefix is `letter` (a single letter a–z, either case).
    public init?(letter: String) {
        let lower = letter.lowercased()
        guard lower.utf8.count == 1, let byte = lower.utf8.first, byte >= 0x61, byte <= 0x7A else { return nil }
        self.number = Int(byte - 0x61) + 1
    }

    /// Parses `8` or `h`.
    public init?(_ text: String) {
        if let n = Int(text) { self.init(number: n) } else { self.init(letter: text) }
    }

    /// The wave's prefix letter.
    public var letter: String {
        String(UnicodeScalar(UInt8(0x60 + number)))
    }

    public var description: String { "wave \(number) (\(letter))" }

    public static func < (a: Wave, b: Wave) -> Bool { a.number < b.number }

    /// Parses a wave list: `h-n`, `8-14`, `8,10,12`, `j`.
    ///
    /// - Throws: `SurveyError` when a part is not a wave or a range runs backwards.
    public static func parseList(_ text: String) throws(SurveyError) -> [Wave] {
        var waves: [Wave] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { String($0).trimmingCharacters() }
            guard let low = Wave(bounds[0]) else { throw SurveyError.invalidWaves(text) }
            let high = bounds.count == 2 ? Wave(bounds[1]) : low
            guard let high, low <= high else { throw SurveyError.invalidWaves(text) }
            for n in low.number...high.number { if let w = Wave(number: n) { waves.append(w) } }
        }
        return Array(Set(waves)).sorted()
    }
}

/// A range of waves with an optional upper end (`9-` is wave 9 and every later wave).
public struct WaveRange: Sendable, Hashable, CustomStringConvertible {
    /// The first wave.
    public var from: Int
    /// The last wave, or `nil` for open-ended.
    public var to: Int?

    /// A range from `from` to `to` (open-ended when `to` is `nil`).
    public init(from: Int, to: Int?) {
        self.from = from
        self.to = to
    }

    /// Whether `wave` is in the range.
    public func contains(_ wave: Wave) -> Bool {
        wave.number >= from && (to.map { wave.number <= $0 } ?? true)
    }

    /// Parses `9-`, `8-13`, `14` or `h-n`.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters()
        let parts = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters()
        }
        guard let first = Wave(parts[0]) else { return nil }
        from = first.number
        if parts.count == 1 {
            to = first.number
        } else if parts[1].isEmpty {
            to = nil
        } else if let last = Wave(parts[1]), last.number >= first.number {
            to = last.number
        } else {
            return nil
        }
    }

    public var description: String {
        guard let to else { return "\(from)-" }
        return to == from ? "\(from)" : "\(from)-\(to)"
    }
}

extension String {
    /// Without leading and trailing white space.
    func trimmingCharacters() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension SurveyError {
    /// A wave list that cannot be read.
    static func invalidWaves(_ text: String) -> SurveyError {
        SurveyError(
            .invalidSchema, file: "waves",
            reason: "'\(text)' is not a wave list (use letters or numbers: h-n, 8-14, 8,10)")
    }
}
