/// Finds the names in a list that are closest to a name that was not found,
/// for hints like "the closest variables present are h_jbstat, h_jbsat".
public enum ClosestNames {
    /// The `limit` names nearest to `target` by edit distance (case-insensitive),
    /// nearest first, ties broken by the order of `candidates`.
    ///
    /// - Complexity: O(*n* · *m*²) for *n* candidates of length about *m*.
    /// Names are compared by their first `comparedBytes` bytes, so a damaged file's huge
    /// name costs no more than a real one.
    public static func nearest(to target: String, in candidates: [String], limit: Int = 3) -> [String] {
        let wanted = prefix(target)
        var scored: [(distance: Int, index: Int)] = []
        scored.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            let name = prefix(candidate)
            // A name that contains what was asked for (h_jbstat for jbstat) is the best hint of all.
            let distance = name.count > wanted.count && contains(name, wanted) ? 0 : editDistance(wanted, name)
            scored.append((distance, index))
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        return scored.prefix(limit).map { candidates[$0.index] }
    }

    /// A hint sentence naming the nearest candidates, or `nil` when there are none.
    public static func hint(for target: String, in candidates: [String], noun: String = "variables") -> String? {
        let near = nearest(to: target, in: candidates)
        guard !near.isEmpty else { return nil }
        return "the closest \(noun) present are \(near.joined(separator: ", "))"
    }

    /// The bytes compared: real survey names are under 64 bytes.
    static let comparedBytes = 128

    /// The first `comparedBytes` bytes of `name`, lower-cased (ASCII).
    static func prefix(_ name: String) -> [UInt8] {
        name.utf8.prefix(comparedBytes).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// Levenshtein distance between two byte strings.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
