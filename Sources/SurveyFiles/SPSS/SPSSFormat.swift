/// SPSS system files: `.sav` (uncompressed or bytecode-compressed, `$FL2`) and `.zsav`
/// (zlib-compressed blocks, `$FL3`), in either byte order.
struct SPSSFormat: TableFormat {
    var name: String { "sav" }

    func recognises(_ prefix: UnsafeRawBufferPointer) -> Bool {
        prefix.starts(with: "$FL2".utf8) || prefix.starts(with: "$FL3".utf8)
    }

    func reader(for input: DataInput, options: ReadOptions) -> any TableReader {
        SPSSTableReader(input: input, options: options)
    }
}
