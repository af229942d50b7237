/// Stata's `.dta` format, releases 117 (Stata 13), 118 (Stata 14–18) and 119 (more
/// than 32,767 variables), in either byte order. Older releases are recognised so that
/// they are refused with a clear message.
struct StataFormat: TableFormat {
    var name: String { "dta" }

    func recognises(_ prefix: UnsafeRawBufferPointer) -> Bool {
        if prefix.starts(with: "<stata_dta>".utf8) { return true }
        // Formats 102-116: a release byte, a byte order (1 or 2), file type 1, then 0.
        return prefix.count >= 4 && (102...116).contains(prefix[0]) && (prefix[1] == 1 || prefix[1] == 2)
            && prefix[2] == 1 && prefix[3] == 0
    }

    func reader(for input: DataInput, options: ReadOptions) -> any TableReader {
        StataTableReader(input: input, options: options)
    }
}
