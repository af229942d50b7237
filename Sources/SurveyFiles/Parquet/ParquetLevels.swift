/// Parquet's RLE / bit-packing hybrid (Encodings.md): the encoding of definition levels and
/// of dictionary indices. Values go in groups of eight; a run of at least eight equal values
/// (whole groups) is one RLE run (its length, then the value), anything else bit-packed
/// groups (the values' low `bitWidth` bits, first value in the lowest bits). The last group is
/// padded with zeros, which readers ignore past the page's value count.
struct RLEHybridEncoder {
    let bitWidth: Int
    private(set) var bytes: [UInt8] = []
    /// Values not yet written (fewer than 8, or a run still growing).
    private var pending: [UInt32] = []
    /// Bit-packed groups waiting for their header.
    private var packed: [[UInt32]] = []
    /// The current run of one value (a whole number of groups so far).
    private var runValue: UInt32 = 0
    private var runLength = 0

    init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth))
        self.bitWidth = bitWidth
    }

    mutating func append(_ value: UInt32) {
        pending.append(value)
        guard pending.count == 8 else { return }
        let group = pending
        pending.removeAll(keepingCapacity: true)
        let allSame = group.allSatisfy { $0 == group[0] }
        if allSame && runLength > 0 && group[0] == runValue {
            runLength += 8
        } else if allSame {
            flushPacked()
            flushRun()
            runValue = group[0]
            runLength = 8
        } else {
            flushRun()
            packed.append(group)
        }
    }

    /// Writes what is pending; the encoder holds the finished encoding in `bytes`.
    mutating func finish() {
        if !pending.isEmpty {
            if pending.allSatisfy({ $0 == runValue }) && runLength > 0 {
                runLength += pending.count
            } else if packed.isEmpty && runLength == 0 && pending.allSatisfy({ $0 == pending[0] }) {
                runValue = pending[0]
                runLength = pending.count
            } else {
                flushRun()
                packed.append(pending + Array(repeating: 0, count: 8 - pending.count))
            }
            pending.removeAll()
        }
        flushPacked()
        flushRun()
    }

    private mutating func flushRun() {
        guard runLength > 0 else { return }
        bytes.appendVarint(UInt64(runLength) << 1)
        let valueBytes = (bitWidth + 7) / 8
        for k in 0..<valueBytes { bytes.append(UInt8(truncatingIfNeeded: runValue >> (8 * k))) }
        runLength = 0
    }

    private mutating func flushPacked() {
        guard !packed.isEmpty else { return }
        bytes.appendVarint(UInt64(packed.count) << 1 | 1)
        for group in packed {
            var accumulator: UInt64 = 0
            var bits = 0
            for value in group {
                accumulator |= UInt64(value) << bits
                bits += bitWidth
                while bits >= 8 {
                    bytes.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator >>= 8
                    bits -= 8
                }
            }
        }
        packed.removeAll(keepingCapacity: true)
    }


    /// The bits needed for values up to `maximum`.
    static func bitWidth(for maximum: Int) -> Int { maximum <= 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount }
}
