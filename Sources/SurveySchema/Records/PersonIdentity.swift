import SurveyFiles

/// The schema's `design: id:` checked row by row in a person file: a person (a `pidp`; an
/// LFS household and person number) appears once, or the file is wrong and every count
/// built on it would be too.
struct PersonIdentity {
    private struct Key: Hashable {
        var first: Int
        var second: Int
    }

    private let names: [String]
    private var positions: [Int] = []
    private var sources: [String] = []
    private var seen: [Key: Int] = [:]

    /// The check for a `role` file of `schema`: active only for the person file.
    init(schema: Schema, role: String) {
        names = role == schema.design.persons ? schema.design.id : []
    }

    /// Finds the id variables in `layout` (those it has).
    mutating func resolve(in layout: FileLayout) {
        positions = names.compactMap { layout.position(of: $0) }
        sources = positions.map { layout.sourceNames[$0] ?? layout.variables[$0].name }
        seen = [:]
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
        let key = Key(first: first, second: second)
        if let earlier = seen.updateValue(line, forKey: key) {
            let id = positions.count > 1 ? "\(first), \(second)" : "\(first)"
            throw SurveyError(
                .invalidValue, file: file, line: line, variable: sources.joined(separator: ", "),
                reason: "\(id) is here and on line \(earlier) too: each person must have one row",
                hint: "the file may hold two releases concatenated, or be damaged; each count would be doubled")
        }
    }
}
