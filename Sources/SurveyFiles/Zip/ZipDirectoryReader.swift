/// Parses the end-of-central-directory records (classic and ZIP64) and the
/// central directory itself.
struct ZipDirectoryReader {
    let file: FileByteSource
    let path: String
    let size: Int

    func readEntries() throws(SurveyError) -> [ZipEntry] {
        let (directoryOffset, directorySize, count) = try locateDirectory()
        // Checked without overflow: each value may be anything up to 2^63 - 1.
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= size, directorySize <= size - directoryOffset
        else {
            throw corrupt(
                at: min(directoryOffset, size), "central directory lies outside the file (archive truncated?)")
        }
        // Every entry takes at least 46 bytes: a count the directory cannot hold is damage, not a size to reserve.
        guard count >= 0, count <= directorySize / 46 else {
            throw corrupt(
                at: directoryOffset,
                "the end record claims \(count) members, more than a central directory of \(directorySize) bytes can hold"
            )
        }
        let directory = try file.readExactly(count: directorySize, at: directoryOffset)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var i = 0
        while entries.count < count {
            guard i + 46 <= directory.count, LittleEndianBytes.uint32(directory, i) == 0x0201_4b50 else {
                throw corrupt(at: directoryOffset + i, "bad central directory entry \(entries.count + 1) of \(count)")
            }
            let nameLength = Int(LittleEndianBytes.uint16(directory, i + 28))
            let extraLength = Int(LittleEndianBytes.uint16(directory, i + 30))
            let commentLength = Int(LittleEndianBytes.uint16(directory, i + 32))
            let end = i + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else {
                throw corrupt(
                    at: directoryOffset + i, "central directory entry \(entries.count + 1) runs past the directory")
            }
            let name = String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            var entry = ZipEntry(
                path: String(name.map { $0 == "\\" ? "/" : $0 }),
                method: LittleEndianBytes.uint16(directory, i + 10),
                flags: LittleEndianBytes.uint16(directory, i + 8),
                crc32: LittleEndianBytes.uint32(directory, i + 16),
                compressedSize: Int(LittleEndianBytes.uint32(directory, i + 20)),
                uncompressedSize: Int(LittleEndianBytes.uint32(directory, i + 24)),
                localHeaderOffset: Int(LittleEndianBytes.uint32(directory, i + 42)))
            let extra = Array(directory[(i + 46 + nameLength)..<(i + 46 + nameLength + extraLength)])
            try applyZip64Extra(extra, to: &entry, at: directoryOffset + i)
            guard entry.localHeaderOffset >= 0, entry.compressedSize >= 0, entry.uncompressedSize >= 0,
                entry.localHeaderOffset <= size - 30, entry.compressedSize <= size - entry.localHeaderOffset
            else {
                throw corrupt(
                    at: directoryOffset + i, "member \(entry.path) lies past the end of the archive (truncated?)")
            }
            entries.append(entry)
            i = end
        }
        return entries
    }

    /// Finds the central directory from the end records.
    private func locateDirectory() throws(SurveyError) -> (offset: Int, size: Int, count: Int) {
        let tailLength = min(size, 22 + 65_535)
        guard tailLength >= 22 else { throw corrupt(at: 0, "too short to be a zip archive (\(size) bytes)") }
        let tailStart = size - tailLength
        let tail = try file.readExactly(count: tailLength, at: tailStart)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && LittleEndianBytes.uint32(tail, i) == 0x0605_4b50 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else {
            throw SurveyError(
                .corrupt, file: path, byteOffset: size,
                reason: "no end-of-central-directory record: not a zip archive, or truncated",
                hint: "a partly downloaded archive ends like this; download it again")
        }
        var count = Int(LittleEndianBytes.uint16(tail, eocd + 10))
        var directorySize = Int(LittleEndianBytes.uint32(tail, eocd + 12))
        var directoryOffset = Int(LittleEndianBytes.uint32(tail, eocd + 16))
        // A ZIP64 locator sits just before the classic record.
        let locator = eocd - 20
        if locator >= 0 && LittleEndianBytes.uint32(tail, locator) == 0x0706_4b50 {
            let recordOffset = Int(clamping: LittleEndianBytes.uint64(tail, locator + 8))
            guard size >= 56, recordOffset <= size - 56 else {
                throw corrupt(at: tailStart + locator, "ZIP64 locator points outside the file")
            }
            let record = try file.readExactly(count: 56, at: recordOffset)
            guard LittleEndianBytes.uint32(record, 0) == 0x0606_4b50 else {
                throw corrupt(at: recordOffset, "no ZIP64 end-of-central-directory record where the locator points")
            }
            count = Int(clamping: LittleEndianBytes.uint64(record, 32))
            directorySize = Int(clamping: LittleEndianBytes.uint64(record, 40))
            directoryOffset = Int(clamping: LittleEndianBytes.uint64(record, 48))
        }
        return (directoryOffset, directorySize, count)
    }

    /// Replaces 0xFFFFFFFF sizes and offsets with their ZIP64 values.
    private func applyZip64Extra(_ extra: [UInt8], to entry: inout ZipEntry, at offset: Int) throws(SurveyError) {
        var j = 0
        while j + 4 <= extra.count {
            let id = LittleEndianBytes.uint16(extra, j)
            let length = Int(LittleEndianBytes.uint16(extra, j + 2))
            let body = j + 4
            guard body + length <= extra.count else { break }
            if id == 0x0001 {
                var k = body
                func next() throws(SurveyError) -> Int {
                    guard k + 8 <= body + length else {
                        throw corrupt(at: offset, "ZIP64 extra field of \(entry.path) is too short")
                    }
                    defer { k += 8 }
                    return Int(clamping: LittleEndianBytes.uint64(extra, k))
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
                return
            }
            j = body + length
        }
    }

    private func corrupt(at offset: Int, _ reason: String) -> SurveyError {
        SurveyError(.corrupt, file: path, byteOffset: offset, reason: reason)
    }
}
