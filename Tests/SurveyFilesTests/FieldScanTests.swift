import CFieldScan
import Testing

/// The wide field scanner (`ukp_split_fields`: 64 bytes at a time, whole blocks skipped by their
/// delimiter count) against the plainest split there is, `split(separator:)`, on random lines:
/// every length around the 64-byte blocks, sparse and dense delimiters, any projection.
@Suite struct FieldScanTests {
    @Test func theScannerFindsWhatSplitFinds() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<4000 {
            let length = Int.random(in: 0...300, using: &generator)
            let density = Double.random(in: 0...0.6, using: &generator)
            let line: [UInt8] = (0..<length).map { _ in
                Double.random(in: 0..<1, using: &generator) < density ? 0x09 : UInt8.random(in: 0x30...0x7A, using: &generator)
            }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            // Offsets of each field in the line, from the plain split.
            var ranges: [Range<Int>] = []
            var at = 0
            for field in fields {
                ranges.append(at..<(at + field.count))
                at += field.count + 1
            }
            let wanted = (0..<(fields.count + 3)).filter { _ in Bool.random(using: &generator) }.map(Int32.init)
            var starts = [Int64](repeating: -1, count: wanted.count)
            var ends = [Int64](repeating: -1, count: wanted.count)
            let count = line.withUnsafeBufferPointer { l in
                wanted.withUnsafeBufferPointer { w in
                    ukp_split_fields(l.baseAddress, length, 0x09, w.baseAddress, w.count, &starts, &ends)
                }
            }
            #expect(count == fields.count, "line of \(length) bytes")
            for (k, field) in wanted.enumerated() {
                let expected = Int(field) < ranges.count ? ranges[Int(field)] : length..<length
                #expect(Int(starts[k])..<Int(ends[k]) == expected, "field \(field) of a \(length)-byte line")
            }
            checked += 1
        }
        #expect(checked == 4000)
    }
}
