import CMappedFile

/// The one owner of a read-only mapping of part of a file: mapped in `init`, unmapped
/// exactly once when the owner goes away.
///
/// The mapping is guarded: should the file shrink while it is read, the pages past the new
/// end read as zeros instead of ending the process with SIGBUS, and `faulted` says so, so
/// the reader can report the file as truncated (see `Sources/CMappedFile`).
struct FileMapping: ~Copyable {
    /// The start of the whole mapping (a page boundary).
    private let start: UnsafeRawPointer
    /// The size of the whole mapping.
    private let length: Int
    /// The bytes asked for, inside the mapping.
    let bytes: UnsafeRawBufferPointer

    /// Maps `count` bytes of the open file `descriptor` from byte `offset`; `nil` when the
    /// system will not map it (the caller reads the file instead).
    init?(descriptor: Int32, offset: Int, count: Int) {
        let page = ukp_page_size()
        guard count > 0, offset >= 0, page > 0 else { return nil }
        let aligned = offset - offset % page
        let lead = offset - aligned
        let (length, overflow) = count.addingReportingOverflow(lead)
        guard !overflow, let address = ukp_map(descriptor, Int64(aligned), length) else { return nil }
        start = address
        self.length = length
        bytes = UnsafeRawBufferPointer(start: address + lead, count: count)
    }

    /// Whether a read has reached a page past the file's end (the file shrank under the mapping).
    var faulted: Bool { ukp_mapping_faulted(start) != 0 }

    deinit { _ = ukp_unmap(start, length) }
}
