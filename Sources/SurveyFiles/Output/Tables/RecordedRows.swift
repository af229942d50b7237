/// Rows kept compactly in memory to be written later, in the order they came, to any `RowWriter`:
/// a wide export holds each person's cells of each wave until the last wave is read. A cell is a
/// tag byte and its value: a whole number as a zigzag varint, a real as its 8 bytes, text as its
/// length and UTF-8 bytes, a missing cell as its letter.
public struct RecordedRow: Sendable, Equatable {
    fileprivate(set) var bytes: [UInt8] = []

    /// An empty row.
    public init() {}

    fileprivate enum Tag: UInt8 { case integer = 0, real = 1, text = 2, missing = 3 }

    /// Writes the row's cells (not its end) to `writer`.
    public func replay(into writer: some RowWriter) throws(SurveyError) {
        var at = 0
        while at < bytes.count {
            let tag = bytes[at]
            at += 1
            switch Tag(rawValue: tag) {
            case .integer:
                let z = varint(&at)
                try writer.integer(Int(bitPattern: UInt(z >> 1)) ^ -Int(z & 1))
            case .real:
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(bytes[at + k]) << (8 * k) }
                at += 8
                try writer.real(Double(bitPattern: bits))
            case .text:
                let count = Int(varint(&at))
                try writer.text(String(decoding: bytes[at..<(at + count)], as: UTF8.self))
                at += count
            case .missing:
                try writer.missing(letter: bytes[at])
                at += 1
            case nil:
                return
            }
        }
    }

    private func varint(_ at: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

/// A `RowWriter` that records one row's cells into a `RecordedRow` (`take()` hands it over).
public final class RowRecorder: RowWriter {
    private var row = RecordedRow()
    /// Whether the rows will be replayed into a writer that keeps missing letters.
    public let keepsMissingLetters: Bool

    /// A recorder for rows to be replayed into a writer whose `keepsMissingLetters` is `keepsMissingLetters`.
    public init(keepsMissingLetters: Bool) { self.keepsMissingLetters = keepsMissingLetters }

    /// The cells recorded since the last `take()`.
    public func take() -> RecordedRow {
        defer { row = RecordedRow() }
        return row
    }


    public func integer(_ value: Int) throws(SurveyError) {
        row.bytes.append(RecordedRow.Tag.integer.rawValue)
        row.bytes.appendVarint(UInt64(UInt(bitPattern: (value << 1) ^ (value >> (Int.bitWidth - 1)))))
    }

    public func real(_ value: Double) throws(SurveyError) {
        row.bytes.append(RecordedRow.Tag.real.rawValue)
        let bits = value.bitPattern
        for k in 0..<8 { row.bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * k))) }
    }

    public func text(_ value: String) throws(SurveyError) {
        row.bytes.append(RecordedRow.Tag.text.rawValue)
        row.bytes.appendVarint(UInt64(value.utf8.count))
        row.bytes.append(contentsOf: value.utf8)
    }

    public func missing(letter: UInt8) throws(SurveyError) {
        row.bytes.append(RecordedRow.Tag.missing.rawValue)
        row.bytes.append(letter)
    }

    /// Rows are taken whole with `take()`: ending one records nothing.
    public func endRow() throws(SurveyError) {}

    public func finish() throws(SurveyError) {}
}
