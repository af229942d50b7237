/// ukpanel's one error type: a survey file that cannot be read or written, a
/// schema, job file or table specification with a mistake, or an argument that
/// asks for something impossible.
///
/// Every error says where it happened, as precisely as it is known: the file
/// (and the archive member; for a schema or job file the file; for an argument
/// the option), the line or the byte offset, and the variable. Errors are equal
/// when their codes are equal, so tests can match on the kind of failure without
/// pinning the wording.
public struct SurveyError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is; stable across releases.
    public enum Code: String, Sendable {
        case cannotOpen
        case ioFailure
        case truncated
        case corrupt
        case decompressionLimit
        /// A line, a header or a column count over its limit (`ReadOptions`).
        case limitExceeded
        case unsupported
        case notFound
        case wrongFieldCount
        case missingVariable
        case invalidValue
        case outputFailure
        /// A schema file or a `--map` mapping with a mistake.
        case invalidSchema
        /// A batch job file with a mistake.
        case invalidJob
        /// A table specification (a cross-tab) naming something that cannot be tabulated.
        case invalidSpec
        /// A command-line argument that asks for something impossible.
        case invalidArgument
    }

    /// What kind of failure this is.
    public var code: Code
    /// The file (for an archive member: `archive.zip//member/path`; for a schema or job file, its path; for an
    /// argument, the option), or empty when there is no place to name.
    public var file: String
    /// The 1-based line of the decompressed text, when known.
    public var line: Int?
    /// The byte offset, in the file's own (compressed) bytes or, with `line`, in the decompressed text.
    public var byteOffset: Int?
    /// The variable (column) concerned, when there is one.
    public var variable: String?
    /// What went wrong, in words.
    public var reason: String
    /// What the user can do about it, when there is something to say.
    public var hint: String?

    /// Creates an error; only `code`, `file` and `reason` are required.
    public init(
        _ code: Code, file: String, line: Int? = nil, byteOffset: Int? = nil,
        variable: String? = nil, reason: String, hint: String? = nil
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.variable = variable
        self.reason = reason
        self.hint = hint
    }

    /// An error with no file to name (an argument's mistake, said in full by `reason`).
    public init(_ code: Code, reason: String, hint: String? = nil) {
        self.init(code, file: "", reason: reason, hint: hint)
    }

    /// `file, line N: variable 'x': reason (byte N) — hint`, in the order a person reads it.
    /// Text that came from a file (a column name, a cell) is shown with control characters
    /// escaped (`\u{1B}`), so a binary file cannot garble the terminal or forge lines.
    public var description: String {
        var location = Self.printable(file)
        if let line { location += ", line \(line)" }
        if let byteOffset { location += line == nil ? ", byte offset \(byteOffset)" : " (byte \(byteOffset))" }
        var text = location.isEmpty ? "" : "\(location): "
        if let variable { text += "variable '\(Self.printable(variable))': " }
        text += Self.printable(reason, keepingNewlines: true)
        if let hint { text += "\n  hint: \(Self.printable(hint, keepingNewlines: true))" }
        return text
    }

    /// `text` with control characters (C0 but tab, DEL, C1) written as `\u{XX}` escapes.
    public static func printable(_ text: String, keepingNewlines: Bool = false) -> String {
        let needsEscape = { (scalar: Unicode.Scalar) -> Bool in
            let v = scalar.value
            if v == 0x09 || (keepingNewlines && v == 0x0A) { return false }
            return v < 0x20 || (v >= 0x7F && v < 0xA0)
        }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func == (lhs: SurveyError, rhs: SurveyError) -> Bool {
        lhs.code == rhs.code
    }
}
