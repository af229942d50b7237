/// Expands SPSS bytecode compression into fixed-width cases: groups of eight one-byte
/// codes, each followed by the 8-byte literals they call for. Only the elements a
/// projection wants are written; the others are passed over. A group may end inside
/// a case and a case inside a group.
struct BytecodeExpander {
    let caseSize: Int
    let bias: Double
    let order: ByteOrder
    /// Per element: whether it is written.
    let wanted: [Bool]
    private var codes: UInt64 = 0
    private var remaining = 0
    private var ended = false
    /// Which element of the case is being expanded (for messages).
    private(set) var element = 0

    /// `wantedBefore[e]`: how many of the elements before `e` are wanted.
    private let wantedBefore: [Int]

    init(caseSize: Int, bias: Double, order: ByteOrder, wanted: [Bool]) {
        self.caseSize = caseSize
        self.bias = bias
        self.order = order
        self.wanted = wanted
        var counts = [0]
        counts.reserveCapacity(wanted.count + 1)
        for w in wanted { counts.append((counts.last ?? 0) + (w ? 1 : 0)) }
        wantedBefore = counts
    }

    /// Whether none of the elements `from..<from + 8` is wanted (all inside the case).
    @inline(__always)
    private func noneWanted(from: Int) -> Bool {
        from + 8 <= caseSize && wantedBefore[from + 8] == wantedBefore[from]
    }

    /// Expands the next case into `row` (8 × `caseSize` bytes, in the file's byte order).
    ///
    /// - Returns: `false` at the end of the data (an end code, or the stream's end between cases).
    /// - Throws: `.truncated` when the data ends inside a case.
    mutating func nextCase(into row: UnsafeMutableRawPointer, from cursor: ChunkCursor) throws(SurveyError) -> Bool {
        if ended { return false }
        element = 0
        while element < caseSize {
            if remaining == 0 {
                if element == 0 {
                    guard try cursor.hasMore() else {
                        ended = true
                        return false
                    }
                }
                // The codes in file order, the first in the high byte.
                if let group = cursor.takeInPlace(8) {
                    codes = UInt64(bigEndian: group.loadUnaligned(as: UInt64.self))
                } else {
                    codes = try cursor.take(8, "a group of compression codes").unsigned(at: 0, bytes: 8, .bigEndian)
                }
                remaining = 8
                // A whole group of elements nobody reads: skip its literals without looking at each code.
                if noneWanted(from: element), let literals = Self.literalCount(codes) {
                    if cursor.takeInPlace(8 * literals) == nil { try cursor.skip(8 * literals, "values in case data") }
                    element += 8
                    remaining = 0
                    continue
                }
            }
            let code = UInt8(truncatingIfNeeded: codes >> 56)
            codes <<= 8
            remaining -= 1
            let at = row + 8 * element
            switch code {
            case 0:
                continue
            case 252:
                guard element == 0 else {
                    throw SurveyError(
                        .truncated, file: cursor.file, byteOffset: cursor.offset,
                        reason: "the data end (code 252) inside a case, at element \(element + 1) of \(caseSize)")
                }
                ended = true
                return false
            case 253:
                var from = cursor.takeInPlace(8)
                if from == nil { from = try cursor.take(8, "a value in case data").baseAddress }
                if wanted[element], let from { at.copyMemory(from: from, byteCount: 8) }
            case 254:
                if wanted[element] { at.initializeMemory(as: UInt8.self, repeating: 0x20, count: 8) }
            case 255:
                if wanted[element] { store(SPSSRowDecoder.systemMissingBits, at) }
            default:
                if wanted[element] { store((Double(code) - bias).bitPattern, at) }
            }
            element += 1
        }
        return true
    }

    /// How many of the 8 codes in `group` are 253 (an 8-byte value follows), or `nil` when one
    /// is 0 or 252 (padding or the end), which the code-by-code path handles.
    @inline(__always)
    static func literalCount(_ group: UInt64) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        if zeroBytes(group) != 0 || zeroBytes(group ^ (252 &* ones)) != 0 { return nil }
        // Exact count of bytes equal to 253: a byte is zero in y exactly when it was 253.
        let y = group ^ (253 &* ones)
        let nonzero = ((y & ~high) &+ ~high | y) & high
        return 8 - nonzero.nonzeroBitCount
    }

    @inline(__always)
    private func store(_ bits: UInt64, _ at: UnsafeMutableRawPointer) {
        at.storeBytes(of: order == .littleEndian ? bits.littleEndian : bits.bigEndian, as: UInt64.self)
    }
}
