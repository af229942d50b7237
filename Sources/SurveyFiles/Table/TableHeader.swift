/// How a column's values are stored in the file.
public enum ColumnStorage: Sendable, Hashable {
    /// Text in a delimited file: numbers are written out, the type is not declared.
    case delimitedText
    /// A binary integer of this many bytes.
    case integer(bytes: Int)
    /// A binary floating-point number of this many bytes.
    case real(bytes: Int)
    /// Fixed-width text of this many bytes.
    case text(width: Int)
    /// Text of any length stored apart from the rows (Stata strL, SPSS very long strings).
    case longText
}

/// One column as the file describes it.
public struct TableColumn: Sendable, Hashable {
    /// The name, as written.
    public var name: String
    /// How values are stored.
    public var storage: ColumnStorage
    /// The variable label, when the file has one.
    public var label: String?
    /// The name of the value-label set the column uses (a key of `TableHeader.valueLabels`).
    public var valueLabelSet: String?
    /// Values the file declares missing for this column (SPSS user-missing: discrete values and ranges).
    public var declaredMissing: [ClosedRange<Double>]

    /// A column; only the name is required.
    public init(
        name: String, storage: ColumnStorage = .delimitedText, label: String? = nil, valueLabelSet: String? = nil,
        declaredMissing: [ClosedRange<Double>] = []
    ) {
        self.name = name
        self.storage = storage
        self.label = label
        self.valueLabelSet = valueLabelSet
        self.declaredMissing = declaredMissing
    }
}

/// What a table file says about itself before its rows: the format, the columns
/// (names, storage, labels, declared missing values), and the value labels; with
/// lookup by name. Every reader produces one; every layer above reads only this.
public struct TableHeader: Sendable, Equatable {
    /// The format's name (`tab`, and later `dta`, `sav`).
    public let format: String
    /// The columns, in file order.
    public let columns: [TableColumn]
    /// Value-label sets by name: code → label.
    public let valueLabels: [String: [Double: String]]
    /// Value-label sets of text variables by name: value → label (SPSS string value labels).
    public let textValueLabels: [String: [String: String]]
    /// Whether lookups ignore case (LFS files mix cases across years).
    public let caseInsensitive: Bool
    /// The rows the file says it has, when it says (binary formats do; delimited files do not).
    public let declaredRows: Int?
    private let index: [String: Int]
    /// Every position of each name that occurs more than once (by the lookup key).
    private let repeated: [String: [Int]]

    /// A header over `columns`.
    public init(
        format: String, columns: [TableColumn], valueLabels: [String: [Double: String]] = [:],
        caseInsensitive: Bool = false, declaredRows: Int? = nil, textValueLabels: [String: [String: String]] = [:]
    ) {
        self.format = format
        self.columns = columns
        self.valueLabels = valueLabels
        self.textValueLabels = textValueLabels
        self.caseInsensitive = caseInsensitive
        self.declaredRows = declaredRows
        var index: [String: Int] = [:]
        var repeated: [String: [Int]] = [:]
        for (i, column) in columns.enumerated() {
            let key = caseInsensitive ? column.name.lowercased() : column.name
            if let first = index[key] {
                repeated[key, default: [first]].append(i)
            } else {
                index[key] = i
            }
        }
        self.index = index
        self.repeated = repeated
    }

    /// A header of untyped, unlabelled columns named `names` (a delimited file's first line).
    public init(format: String = "tab", names: [String], caseInsensitive: Bool = false) {
        self.init(format: format, columns: names.map { TableColumn(name: $0) }, caseInsensitive: caseInsensitive)
    }

    /// The names, in file order, as written.
    public var names: [String] { columns.map(\.name) }

    /// The column index of `name`, or `nil`.
    public func column(_ name: String) -> Int? {
        index[caseInsensitive ? name.lowercased() : name]
    }

    /// Every position of `name` when the header has it more than once, else `[]`.
    public func repeatedPositions(of name: String) -> [Int] {
        repeated[caseInsensitive ? name.lowercased() : name] ?? []
    }

    /// The column index of `name`, or `nil`; a name the header holds twice is an error, since
    /// either column could be the one meant.
    ///
    /// - Throws: `.corrupt` naming the variable and each of its (1-based) column positions.
    public func uniqueColumn(_ name: String, file: String) throws(SurveyError) -> Int? {
        let positions = repeatedPositions(of: name)
        guard positions.isEmpty else {
            throw SurveyError(
                .corrupt, file: file, line: format == "tab" ? 1 : nil, variable: name,
                reason:
                    "the \(format == "tab" ? "header" : "dictionary") names it \(positions.count) times: columns \(positions.map { String($0 + 1) }.joined(separator: " and "))",
                hint: "ukpanel cannot tell which is meant; fix the file, or rename one of the columns")
        }
        return column(name)
    }

    /// The value labels of column `index`, when it has any.
    public func valueLabels(ofColumn index: Int) -> [Double: String]? {
        columns[index].valueLabelSet.flatMap { valueLabels[$0] }
    }

    /// The columns whose names match `pattern`, where `?` stands for any one character
    /// (same length; case follows `caseInsensitive`).
    public func columns(matching pattern: String) -> [Int] {
        let wanted = Array((caseInsensitive ? pattern.lowercased() : pattern).utf8)
        return columns.indices.filter { i in
            let name = Array((caseInsensitive ? columns[i].name.lowercased() : columns[i].name).utf8)
            guard name.count == wanted.count else { return false }
            for (a, b) in zip(name, wanted) where b != UInt8(ascii: "?") && a != b { return false }
            return true
        }
    }

    /// Resolves names to a projection.
    ///
    /// - Throws: `.missingVariable` naming the first absent variable and the closest names present.
    public func projection(of wanted: [String], file: String) throws(SurveyError) -> ColumnProjection {
        var indices: [Int] = []
        indices.reserveCapacity(wanted.count)
        for name in wanted {
            guard let i = try uniqueColumn(name, file: file) else {
                throw SurveyError(
                    .missingVariable, file: file, line: format == "tab" ? 1 : nil, variable: name,
                    reason:
                        "not in this file's \(format == "tab" ? "header" : "dictionary") (\(columns.count) columns)",
                    hint: ClosestNames.hint(for: name, in: names))
            }
            indices.append(i)
        }
        return ColumnProjection(columnIndices: indices, columnCount: columns.count)
    }

    public static func == (a: TableHeader, b: TableHeader) -> Bool {
        a.format == b.format && a.columns == b.columns && a.valueLabels == b.valueLabels
            && a.caseInsensitive == b.caseInsensitive && a.declaredRows == b.declaredRows
            && a.textValueLabels == b.textValueLabels
    }
}
