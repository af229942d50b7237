/// The character encodings of binary survey files: UTF-8 (Stata 118 on, modern SPSS),
/// and the Windows code page of Stata 117 and older SPSS files.
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8 (invalid bytes are replaced when decoded).
    case utf8 = "UTF-8"
    /// Windows-1252, a superset of Latin-1's printable characters.
    case windows1252 = "windows-1252"
    /// ISO 8859-1.
    case latin1 = "ISO-8859-1"

    /// The encoding an SPSS encoding record (or a character code) names, when ukpanel knows it.
    public init?(name: String) {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8", "65001": self = .utf8
        case "WINDOWS-1252", "CP1252", "1252": self = .windows1252
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "28591", "US-ASCII", "ASCII", "20127":
            self = .latin1
        default: return nil
        }
    }

    /// `bytes` as a string.
    public func string(_ bytes: UnsafeRawBufferPointer) -> String {
        if self == .utf8 || !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { appendUTF8(of: byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `bytes` as a string.
    public func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { string($0) }
    }

    /// Writes `bytes` as UTF-8 into `out` (room for 3 bytes per input byte).
    ///
    /// - Returns: the bytes written.
    func transcode(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if self == .utf8 {
            if let base = bytes.baseAddress {
                out.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            }
            return bytes.count
        }
        var n = 0
        for byte in bytes {
            let (utf8, count) = Self.utf8(of: codePoint(of: byte))
            for k in 0..<count { out[n + k] = UInt8(truncatingIfNeeded: utf8 >> (8 * k)) }
            n += count
        }
        return n
    }

    /// The UTF-8 bytes of a code point below 0x10000, packed low byte first, and how many there are.
    @inline(__always)
    static func utf8(of scalar: UInt32) -> (UInt32, Int) {
        if scalar < 0x80 { return (scalar, 1) }
        if scalar < 0x800 { return ((0xC0 | (scalar >> 6)) | (0x80 | (scalar & 0x3F)) << 8, 2) }
        return ((0xE0 | (scalar >> 12)) | (0x80 | ((scalar >> 6) & 0x3F)) << 8 | (0x80 | (scalar & 0x3F)) << 16, 3)
    }

    /// The encoded bytes of `text`; characters the encoding lacks become `?`.
    public func encode(_ text: String) -> [UInt8] {
        if self == .utf8 { return Array(text.utf8) }
        return text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 || (self == .latin1 && scalar.value < 0x100) { return UInt8(scalar.value) }
            if scalar.value >= 0xA0 && scalar.value < 0x100 { return UInt8(scalar.value) }
            if let i = Self.windows1252High.firstIndex(of: UInt16(scalar.value)) { return UInt8(0x80 + i) }
            return UInt8(ascii: "?")
        }
    }

    private func appendUTF8(of byte: UInt8, to out: inout [UInt8]) {
        let (utf8, count) = Self.utf8(of: codePoint(of: byte))
        for k in 0..<count { out.append(UInt8(truncatingIfNeeded: utf8 >> (8 * k))) }
    }

    @inline(__always)
    private func codePoint(of byte: UInt8) -> UInt32 {
        if byte < 0x80 || byte >= 0xA0 || self == .latin1 { return UInt32(byte) }
        return UInt32(Self.windows1252High[Int(byte) - 0x80])
    }

    /// Windows-1252's characters for 0x80–0x9F (the five unassigned bytes map to the
    /// C1 controls of the same value, as the WHATWG encoding standard does).
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
