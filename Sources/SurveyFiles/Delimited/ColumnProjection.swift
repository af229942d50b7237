/// Which columns of a delimited file to decode, and into which slot each goes.
///
/// Slots are numbered in the order the caller asked for the columns, so
/// `row.int(0)` is the first requested variable whatever its position in the file.
public struct ColumnProjection: Sendable, Equatable {
    /// The header's column index of each slot.
    public let columnIndices: [Int]
    /// How many columns the header has.
    public let columnCount: Int
    /// For each header column, its slot, or -1 when it is not decoded.
    let slotOfColumn: [Int32]
    /// The highest column index decoded, or -1 when none are.
    let lastColumn: Int

    /// A projection of `columnIndices` out of a header of `columnCount` names.
    ///
    /// A column may be asked for twice; it then fills both slots.
    public init(columnIndices: [Int], columnCount: Int) {
        self.columnIndices = columnIndices
        self.columnCount = columnCount
        var table = [Int32](repeating: -1, count: columnCount)
        for (slot, column) in columnIndices.enumerated() where column >= 0 && column < columnCount {
            if table[column] < 0 { table[column] = Int32(slot) }
        }
        self.slotOfColumn = table
        self.lastColumn = columnIndices.max() ?? -1
    }

    /// Every column, in file order.
    public static func all(columnCount: Int) -> ColumnProjection {
        ColumnProjection(columnIndices: Array(0..<columnCount), columnCount: columnCount)
    }

    /// Slots that share a column with an earlier slot: (duplicate slot, first slot).
    var duplicateSlots: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for (slot, column) in columnIndices.enumerated() {
            let first = Int(slotOfColumn[column])
            if first != slot { result.append((slot, first)) }
        }
        return result
    }
}

/// A file's header: its column names, with lookup by name.
public struct DelimitedHeader: Sendable, Equatable {
    /// The names, in file order, as written.
    public let names: [String]
    /// Whether lookups ignore case (LFS files mix cases across years).
    public let caseInsensitive: Bool
    private let index: [String: Int]

    /// A header over `names`.
    public init(names: [String], caseInsensitive: Bool = false) {
        self.names = names
        self.caseInsensitive = caseInsensitive
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let key = caseInsensitive ? name.lowercased() : name
            if index[key] == nil { index[key] = i }
        }
        self.index = index
    }

    /// The column index of `name`, or `nil`.
    public func column(_ name: String) -> Int? {
        index[caseInsensitive ? name.lowercased() : name]
    }

    /// The columns whose names match `pattern`, where `?` stands for any one character
    /// (same length; case follows `caseInsensitive`).
    public func columns(matching pattern: String) -> [Int] {
        let wanted = Array((caseInsensitive ? pattern.lowercased() : pattern).utf8)
        return names.indices.filter { i in
            let name = Array((caseInsensitive ? names[i].lowercased() : names[i]).utf8)
            guard name.count == wanted.count else { return false }
            for (a, b) in zip(name, wanted) where b != UInt8(ascii: "?") && a != b { return false }
            return true
        }
    }

    /// Resolves names to a projection.
    ///
    /// - Throws: `.missingVariable` naming the first absent variable and the closest names present.
    public func projection(of wanted: [String], file: String) throws(SurveyFileError) -> ColumnProjection {
        var indices: [Int] = []
        indices.reserveCapacity(wanted.count)
        for name in wanted {
            guard let i = column(name) else {
                throw SurveyFileError(
                    .missingVariable, file: file, line: 1, variable: name,
                    reason: "not in this file's header (\(names.count) columns)",
                    hint: ClosestNames.hint(for: name, in: names))
            }
            indices.append(i)
        }
        return ColumnProjection(columnIndices: indices, columnCount: names.count)
    }
}
