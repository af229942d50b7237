/// Writes a zip archive, streaming each member through deflate (the layout of the
/// UK Data Service's downloads). Sizes follow each member in a data descriptor,
/// so members of any size stream through; ZIP64 records are written when an
/// archive needs them (or when forced, for tests).
public final class ZipWriter {
    private let sink: ByteSink
    private let forceZip64: Bool
    private var offset = 0
    private var central: [ZipEntry] = []
    private var open: (entry: ZipEntry, counter: CountingSink, deflater: DeflatingSink)?

    /// Writes an archive into `sink`.
    public init(sink: ByteSink, forceZip64: Bool = false) {
        self.sink = sink
        self.forceZip64 = forceZip64
    }

    /// Starts a member at `path`; write its bytes to the returned sink, then call `closeMember()`.
    public func beginMember(_ path: String, level: Int32 = 6) throws(SurveyError) -> ByteSink {
        if open != nil { try closeMember() }
        let entry = ZipEntry(
            path: path, method: 8, flags: 0x0008, crc32: 0, compressedSize: 0, uncompressedSize: 0,
            localHeaderOffset: offset)
        try emit(localHeader(entry, zip64: forceZip64))
        let counter = CountingSink(downstream: sink)
        let deflater = try DeflatingSink(downstream: counter, format: .rawDeflate, level: level)
        open = (entry, counter, deflater)
        return deflater
    }

    /// Adds a member whose raw deflate data is already made (compressed elsewhere,
    /// for instance on another thread), copying it from `source`.
    public func addPrecompressedMember(
        _ path: String, source: ByteSource, crc32: UInt32, compressedSize: Int, uncompressedSize: Int
    ) throws(SurveyError) {
        if open != nil { try closeMember() }
        let entry = ZipEntry(
            path: path, method: 8, flags: 0, crc32: crc32, compressedSize: compressedSize,
            uncompressedSize: uncompressedSize, localHeaderOffset: offset)
        try emit(localHeader(entry, zip64: needsZip64(entry)))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var copied = 0
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            try sink.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            copied += n
        }
        offset += copied
        guard copied == compressedSize else {
            throw SurveyError(
                .outputFailure, file: path,
                reason: "copied \(copied) bytes of compressed data, expected \(compressedSize)")
        }
        central.append(entry)
    }

    /// Ends the member being written.
    public func closeMember() throws(SurveyError) {
        guard let current = open else { return }
        open = nil
        var entry = current.entry
        let counter = current.counter
        let deflater = current.deflater
        try deflater.finish()
        offset += counter.count
        entry.crc32 = deflater.crc
        entry.compressedSize = counter.count
        entry.uncompressedSize = deflater.bytesIn
        var descriptor = ZipBytes()
        descriptor.u32(0x0807_4b50)
        descriptor.u32(entry.crc32)
        if needsZip64(entry) {
            descriptor.u64(UInt64(entry.compressedSize))
            descriptor.u64(UInt64(entry.uncompressedSize))
        } else {
            descriptor.u32(UInt32(entry.compressedSize))
            descriptor.u32(UInt32(entry.uncompressedSize))
        }
        try emit(descriptor.bytes)
        central.append(entry)
    }

    /// Writes the central directory and ends the archive.
    public func finish() throws(SurveyError) {
        try closeMember()
        let directoryOffset = offset
        for entry in central {
            let zip64 = needsZip64(entry)
            var record = ZipBytes()
            record.u32(0x0201_4b50)
            record.u16(zip64 ? 45 : 20)  // made by
            record.u16(zip64 ? 45 : 20)  // needed
            record.u16(entry.flags)
            record.u16(entry.method)
            record.u16(0)
            record.u16(0x21)
            record.u32(entry.crc32)
            record.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.compressedSize))
            record.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.uncompressedSize))
            let name = Array(entry.path.utf8)
            record.u16(UInt16(name.count))
            record.u16(zip64 ? 28 : 0)
            record.u16(0)  // comment
            record.u16(0)  // disk
            record.u16(0)  // internal attributes
            record.u32(0)  // external attributes
            record.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.localHeaderOffset))
            record.bytes += name
            if zip64 {
                record.u16(0x0001)
                record.u16(24)
                record.u64(UInt64(entry.uncompressedSize))
                record.u64(UInt64(entry.compressedSize))
                record.u64(UInt64(entry.localHeaderOffset))
            }
            try emit(record.bytes)
        }
        let directorySize = offset - directoryOffset
        let zip64 = forceZip64 || directoryOffset >= 0xFFFF_FFFF || central.count >= 0xFFFF
        var end = ZipBytes()
        if zip64 {
            let recordOffset = offset
            end.u32(0x0606_4b50)
            end.u64(44)
            end.u16(45)
            end.u16(45)
            end.u32(0)
            end.u32(0)
            end.u64(UInt64(central.count))
            end.u64(UInt64(central.count))
            end.u64(UInt64(directorySize))
            end.u64(UInt64(directoryOffset))
            end.u32(0x0706_4b50)
            end.u32(0)
            end.u64(UInt64(recordOffset))
            end.u32(1)
        }
        end.u32(0x0605_4b50)
        end.u16(0)
        end.u16(0)
        end.u16(zip64 ? 0xFFFF : UInt16(central.count))
        end.u16(zip64 ? 0xFFFF : UInt16(central.count))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.u16(0)
        try emit(end.bytes)
        try sink.finish()
    }

    /// A local file header. With a data descriptor (flag bit 3) the CRC and sizes are zero here;
    /// with ZIP64 the sizes move to the extra field.
    private func localHeader(_ entry: ZipEntry, zip64: Bool) -> [UInt8] {
        var header = ZipBytes()
        header.u32(0x0403_4b50)
        header.u16(zip64 ? 45 : 20)
        header.u16(entry.flags)
        header.u16(entry.method)
        header.u16(0)  // time
        header.u16(0x21)  // date: 1980-01-01
        header.u32(entry.crc32)
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.compressedSize))
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.uncompressedSize))
        let name = Array(entry.path.utf8)
        header.u16(UInt16(name.count))
        header.u16(zip64 ? 20 : 0)
        header.bytes += name
        if zip64 {
            header.u16(0x0001)
            header.u16(16)
            header.u64(UInt64(entry.uncompressedSize))
            header.u64(UInt64(entry.compressedSize))
        }
        return header.bytes
    }

    private func needsZip64(_ entry: ZipEntry) -> Bool {
        forceZip64 || entry.compressedSize >= 0xFFFF_FFFF || entry.uncompressedSize >= 0xFFFF_FFFF
            || entry.localHeaderOffset >= 0xFFFF_FFFF
    }

    private func emit(_ bytes: [UInt8]) throws(SurveyError) {
        try sink.write(bytes)
        offset += bytes.count
    }
}

/// Little-endian byte building for zip records.
struct ZipBytes {
    var bytes: [UInt8] = []
    mutating func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    mutating func u32(_ v: UInt32) {
        for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(s)) & 0xFF)) }
    }
    mutating func u64(_ v: UInt64) {
        for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((v >> UInt64(s)) & 0xFF)) }
    }
}

/// Passes bytes on and counts them; `finish()` does not finish the downstream sink.
final class CountingSink: ByteSink {
    private let downstream: ByteSink
    private(set) var count = 0
    init(downstream: ByteSink) { self.downstream = downstream }
    func write(_ bytes: UnsafeRawBufferPointer) throws(SurveyError) {
        try downstream.write(bytes)
        count += bytes.count
    }
    func finish() throws(SurveyError) {}
}
