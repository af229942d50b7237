import CZlib

/// Passes bytes through and, at the end, checks their count and CRC-32 (a stored zip member).
final class CRCCheckingSource: ByteSource {
    private let upstream: ByteSource
    private let name: String
    private let expectedSize: Int
    private let expectedCRC: UInt32
    private var crc: UInt32 = 0
    private var produced = 0

    init(upstream: ByteSource, name: String, expectedSize: Int, expectedCRC: UInt32) {
        self.upstream = upstream
        self.name = name
        self.expectedSize = expectedSize
        self.expectedCRC = expectedCRC
    }

    var bytesConsumed: Int { upstream.bytesConsumed }
    var totalBytes: Int? { upstream.totalBytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SurveyError) -> Int {
        let n = try upstream.read(into: buffer)
        if n > 0, let base = buffer.baseAddress {
            crc = UInt32(crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(n)))
            produced += n
        } else if n == 0 {
            guard produced == expectedSize, crc == expectedCRC else {
                throw SurveyError(
                    .corrupt, file: name, byteOffset: produced,
                    reason: "stored member fails its size or CRC-32 check: data is corrupt")
            }
        }
        return n
    }
}
