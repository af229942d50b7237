import Synchronization

/// The formats ukpanel can read, and the choice among them for a file: by its
/// first bytes (after gzip or zip is taken off), never by its name. A format is
/// added by one call to `register(_:)`; the delimited format is the fallback for
/// any text that no other format recognises.
public enum TableFormats {
    private static let formats = Mutex<[any TableFormat]>([])

    /// How many leading bytes are handed to `TableFormat.recognises`.
    public static let prefixLength = 4096

    /// The delimited (tab) format, which reads whatever no other format claims.
    public static let delimited: any TableFormat = DelimitedFormat()

    /// The binary formats built into ukpanel, asked after those registered at run time and
    /// before the delimited fallback. A new built-in format is one entry here.
    static let builtIn: [any TableFormat] = [StataFormat(), SPSSFormat()]

    /// Adds `format`; it is asked before the formats added earlier, and before the delimited fallback.
    /// A format of the same name is replaced.
    public static func register(_ format: any TableFormat) {
        formats.withLock { list in
            list.removeAll { $0.name == format.name }
            list.insert(format, at: 0)
        }
    }

    /// The formats registered at run time (most recent first), the built-in ones, then the delimited fallback.
    public static var all: [any TableFormat] {
        formats.withLock { $0 } + builtIn + [delimited]
    }

    /// The format of `input`: `options.format` when set, else the first that recognises its first bytes.
    ///
    /// - Throws: `SurveyError` when the file cannot be opened, or `options.format` names no format.
    public static func format(of input: DataInput, options: ReadOptions = ReadOptions()) throws(SurveyError)
        -> any TableFormat
    {
        let candidates = all
        if let name = options.format {
            guard let chosen = candidates.first(where: { $0.name == name }) else {
                throw SurveyError(
                    .unsupported, file: input.description, reason: "no file format named '\(name)'",
                    hint: "known formats: \(candidates.map(\.name).joined(separator: ", "))")
            }
            return chosen
        }
        let source = try input.open(limits: options.limits)
        let prefix = RawBuffer(byteCount: prefixLength)
        let n = try source.readFully(into: prefix.bytes)
        let head = UnsafeRawBufferPointer(start: prefix.baseAddress, count: n)
        if let found = candidates.first(where: { $0.recognises(head) }) { return found }
        throw SurveyError(
            .unsupported, file: input.description, byteOffset: head.firstIndex(of: 0) ?? 0,
            reason: "holds binary data: it is not a delimited text file, and no format ukpanel reads recognises it",
            hint: binaryHint(head))
    }

    /// What to say about a binary file no format recognises.
    static func binaryHint(_ head: UnsafeRawBufferPointer) -> String {
        "ukpanel reads the UK Data Service's tab-delimited, Stata (.dta 117-119) and SPSS (.sav, .zsav) files, "
            + "plain, gzipped or inside the zip"
    }

    /// A reader of `input` in its format.
    ///
    /// - Throws: `SurveyError` when the file cannot be opened to recognise its format.
    public static func reader(for input: DataInput, options: ReadOptions = ReadOptions()) throws(SurveyError)
        -> any TableReader
    {
        try format(of: input, options: options).reader(for: input, options: options)
    }
}
