/// Typed rows as a Stata `.dta` file (`StataFileWriter`, release 118): each column gets the
/// narrowest Stata type that holds its values (`byte`, `int`, `long` for whole numbers of a known
/// range, `double` otherwise, exact to 2^53; `str#` for text of a known length, else `strL`), its
/// label, and a value-label set with its codes' labels and the words for the missing letters, so a
/// missing cell keeps its reason as an extended missing value (`.a`–`.z`).
public final class StataRowWriter: RowWriter {
    private let writer: StataFileWriter
    private let types: [StataType]
    private let names: [String]
    private let file: String
    private var cell = 0
    private var row = 1

    /// Starts writing `table` into `file` (which the caller commits after `finish()`).
    ///
    /// - Throws: `.invalidArgument` for a column name Stata does not allow (1–32 letters, digits and
    ///   underscores, not starting with a digit) or more columns than release 118 holds.
    public init(file: AtomicOutputFile, table: OutputTable) throws(SurveyError) {
        for column in table.columns {
            try Self.checkName(column.name, file: file.path)
        }
        types = table.columns.map { Self.type(for: $0.kind) }
        names = table.columns.map(\.name)
        self.file = file.path
        // One value-label set per distinct set of labels: a column's codes and, for every numeric
        // column, the words for the missing letters.
        var sets: [String: [Int32: String]] = [:]
        var setNames: [[Int32: String]: String] = [:]
        var columns: [StataFileWriter.Column] = []
        for (column, type) in zip(table.columns, types) {
            var labels: [Int32: String] = [:]
            if type.isNumeric {
                for (code, label) in column.valueLabels {
                    guard let key = Int32(exactly: code), code <= StataType.long.largestValid else { continue }
                    labels[key] = label
                }
                for (letter, words) in table.missingLetters where (1...26).contains(letter) {
                    labels[Int32(StataType.long.largestValid + 1 + Int(letter))] = words
                }
            }
            var set = ""
            if !labels.isEmpty {
                if let existing = setNames[labels] {
                    set = existing
                } else {
                    set = column.name
                    setNames[labels] = set
                    sets[set] = labels
                }
            }
            columns.append(.init(name: column.name, type: type, label: column.label, valueLabelSet: set))
        }
        writer = try StataFileWriter(
            file: file, release: 118, columns: columns, dataLabel: table.label, valueLabels: sets)
    }

    /// The Stata type for values of `kind`.
    static func type(for kind: OutputColumn.Kind) -> StataType {
        switch kind {
        case .integer(let range?):
            for type in [StataType.byte, .int, .long]
            where range.lowerBound >= type.smallestValid && range.upperBound <= type.largestValid {
                return type
            }
            return .double
        case .integer(nil), .real: return .double
        case .text(let width?) where (1...2045).contains(width): return .str(width)
        case .text: return .strL
        }
    }

    static func checkName(_ name: String, file: String) throws(SurveyError) {
        let bytes = Array(name.utf8)
        let valid =
            (1...32).contains(bytes.count)
            && bytes.allSatisfy { $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
            && !(bytes[0] >= 0x30 && bytes[0] <= 0x39)
        guard valid else {
            throw SurveyError(
                .invalidArgument, file: file, variable: name,
                reason: "is not a Stata variable name (1 to 32 letters, digits and underscores, not starting with a digit)",
                hint: "export fewer or shorter-named variables to .dta, or export to .parquet or .csv")
        }
    }

    public var keepsMissingLetters: Bool { true }

    /// The column of the next cell; a cell is stored in the row buffer before `cell` moves on, so a
    /// cell refused leaves the row where it was.
    private func current() throws(SurveyError) -> Int {
        guard cell < types.count else {
            throw SurveyError(
                .invalidArgument, file: file, line: row,
                reason: "a row has more than the \(types.count) cells the table's columns call for")
        }
        return cell
    }

    private func refuse(_ k: Int, _ reason: String) -> SurveyError {
        SurveyError(.invalidValue, file: file, line: row, variable: names[k], reason: reason)
    }

    public func integer(_ value: Int) throws(SurveyError) {
        let k = try current()
        let type = types[k]
        switch type {
        case .byte, .int, .long:
            guard value >= type.smallestValid && value <= type.largestValid else {
                throw refuse(k, "\(value) is outside the range of a Stata \(type)")
            }
        case .double:
            guard value.magnitude <= 1 << 53 else {
                throw refuse(k, "\(value) is larger than a Stata double holds exactly (2^53)")
            }
        default: break
        }
        try writer.setInteger(k, value)
        cell += 1
    }

    public func real(_ value: Double) throws(SurveyError) {
        let k = try current()
        guard value.isFinite else { throw refuse(k, "\(value) cannot be stored") }
        try writer.setReal(k, value)
        cell += 1
    }

    public func text(_ value: String) throws(SurveyError) {
        try writer.setText(try current(), value.utf8)
        cell += 1
    }

    public func missing(letter: UInt8) throws(SurveyError) {
        try writer.setMissing(try current(), letter: Int(letter))
        cell += 1
    }

    public func endRow() throws(SurveyError) {
        guard cell == types.count else {
            throw SurveyError(
                .invalidArgument, file: file, line: row,
                reason: "a row has \(cell) cells, not the \(types.count) of the table's columns")
        }
        try writer.endRow()
        cell = 0
        row += 1
    }

    public func finish() throws(SurveyError) { try writer.finishContents() }
}
