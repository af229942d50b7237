import Testing

@testable import SurveyFiles

/// Every C resource and raw buffer has one owner that frees it once, on every path:
/// a failed start included (before, `DeflatingSink(level: 42)` freed its buffers, threw,
/// and freed them again in `deinit`: "free(): double free detected").
@Suite("Ownership of zlib streams and buffers")
struct OwnershipTests {
    @Test("a compressor that zlib refuses throws a clear error, and frees its memory once", arguments: [42, -7, 10])
    func deflaterRefused(level: Int32) throws {
        let sink = BytesSink()
        #expect {
            _ = try DeflatingSink(downstream: sink, format: .gzip, level: level)
        } throws: { error in
            (error as? SurveyError)?.code == .unsupported
        }
        // The sink is untouched and still usable by a valid compressor.
        let good = try DeflatingSink(downstream: sink, format: .gzip, level: 1)
        try good.write([UInt8]("still fine".utf8))
        try good.finish()
        #expect(sink.bytes.starts(with: [0x1f, 0x8b]))
    }

    @Test("an inflater that zlib refuses throws, and frees its stream once", arguments: [Int32(99), 3, -3])
    func inflaterRefused(windowBits: Int32) {
        #expect {
            _ = try ZlibStream(.inflate(windowBits: windowBits), name: "test")
        } throws: { error in
            guard let e = error as? SurveyError else { return false }
            return e.code == .unsupported && e.file == "test"
        }
    }

    @Test("many sources and sinks made and dropped: each stream ended once (no crash, no leak of state)")
    func repeatedLifetimes() throws {
        for level in Int32(1)...9 {
            let packed = BytesSink()
            let deflater = try DeflatingSink(downstream: packed, format: .gzip, level: level)
            try deflater.write([UInt8](repeating: UInt8(level), count: 10_000))
            try deflater.finish()
            let source = try InflatingByteSource(
                upstream: BytesSource(packed.bytes, readLimit: 7), format: .gzip, name: "x")
            var out = [UInt8](repeating: 0, count: 20_000)
            let n = try out.withUnsafeMutableBytes { (raw) throws(SurveyError) in try source.readFully(into: raw) }
            #expect(n == 10_000 && out[0..<n].allSatisfy { $0 == UInt8(level) })
        }
    }
}
