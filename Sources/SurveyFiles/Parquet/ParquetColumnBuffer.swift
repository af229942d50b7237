/// One column's cells of the row group being built: definition levels (1 a value, 0 null), the
/// values, and the statistics of the chunk. Text is dictionary-encoded as it arrives (the codes
/// and reasons of survey data have few distinct values); a chunk whose dictionary grows past
/// `ParquetFileWriter.Limits.dictionaryBytes` is written plain instead.
struct ParquetColumnBuffer {
    /// Parquet's physical types (`Type` in parquet.thrift) that ukpanel writes.
    enum Physical: Int32 {
        case int64 = 2, double = 5, byteArray = 6
    }

    let physical: Physical
    private(set) var definitions: [UInt8] = []
    private(set) var integers: [Int64] = []
    private(set) var doubles: [Double] = []
    /// Text: each distinct value once, in order of first appearance, and each cell's index.
    private(set) var dictionary: [[UInt8]] = []
    private var dictionaryIndex: [String: Int32] = [:]
    private(set) var indices: [Int32] = []
    private(set) var dictionaryBytes = 0

    private(set) var nulls = 0
    private(set) var minInteger = Int64.max
    private(set) var maxInteger = Int64.min
    private(set) var minDouble = Double.infinity
    private(set) var maxDouble = -Double.infinity
    private(set) var minText: [UInt8]?
    private(set) var maxText: [UInt8]?

    init(physical: Physical) { self.physical = physical }

    var rows: Int { definitions.count }
    var values: Int { definitions.count - nulls }

    mutating func appendNull() {
        definitions.append(0)
        nulls += 1
    }

    mutating func append(_ value: Int64) {
        definitions.append(1)
        integers.append(value)
        minInteger = min(minInteger, value)
        maxInteger = max(maxInteger, value)
    }

    mutating func append(_ value: Double) {
        definitions.append(1)
        doubles.append(value)
        minDouble = min(minDouble, value)
        maxDouble = max(maxDouble, value)
    }

    /// Adds a text cell; returns about how many bytes it added to the chunk (more for a new
    /// dictionary entry), for the row group's bound.
    mutating func append(text value: String) -> Int {
        definitions.append(1)
        if let index = dictionaryIndex[value] {
            indices.append(index)
        } else {
            let text = Array(value.utf8)
            let index = Int32(dictionary.count)
            dictionaryIndex[value] = index
            dictionary.append(text)
            dictionaryBytes += text.count + 4
            indices.append(index)
            if minText.map({ text.lexicographicallyPrecedes($0) }) ?? true { minText = text }
            if maxText.map({ $0.lexicographicallyPrecedes(text) }) ?? true { maxText = text }
            return 2 * text.count + 53
        }
        return 5
    }

    /// Empties the buffer for the next row group.
    mutating func reset() { self = ParquetColumnBuffer(physical: physical) }
}
