/// A plain file's bytes (or a stored zip member's) as windows of a read-only mapping: the
/// reader decodes in place from the page cache, with no copy into a buffer and no second
/// thread. Each window is unmapped before the next is mapped, so memory stays at one window.
///
/// A file cut short while it is read is reported as `.truncated` (the guarded mapping reads
/// zeros past the new end instead of ending the process, and the file's size is checked
/// after every window).
final class MappedChunks: ChunkSource {
    private let file: FileByteSource
    private let total: Int
    private let windowSize: Int
    private var window: FileMapping?
    /// The current window's bytes (valid while `window` holds its mapping).
    private var windowBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    private var windowEnd = 0

    /// The bytes of one window: large enough that mapping costs little, small enough that a
    /// window's pages leave memory soon after they are read.
    static let defaultWindow = 8 << 20

    /// Maps the first window of `file`; `nil` when the system will not map it.
    init?(file: FileByteSource, windowSize: Int = MappedChunks.defaultWindow) {
        self.file = file
        total = file.totalBytes ?? 0
        self.windowSize = max(windowSize, 1 << 16)
        if file.remaining > 0 {
            guard let first = file.mapNext(self.windowSize) else { return nil }
            windowBytes = first.bytes
            windowEnd = windowBytes.count
            window = consume first
        }
        pending = window != nil
    }

    /// Whether the first window is mapped and not handed out yet.
    private var pending: Bool
    /// Bytes at the start of the pending window skipped before it was handed out.
    private var pendingSkip = 0

    func next() throws(SurveyError) -> UnsafeRawBufferPointer? {
        if pending {
            pending = false
            return UnsafeRawBufferPointer(rebasing: windowBytes[pendingSkip...])
        }
        try retire()  // checks the file still holds what was read
        guard file.remaining > 0 else { return nil }
        guard let mapping = file.mapNext(windowSize) else {
            throw SurveyError(
                .ioFailure, file: file.name, byteOffset: windowEnd,
                reason: "cannot map the file's bytes from \(windowEnd) (out of address space?)")
        }
        windowBytes = mapping.bytes
        windowEnd += windowBytes.count
        window = consume mapping
        return windowBytes
    }

    /// Unmaps the current window, after checking the file still held its bytes.
    private func retire() throws(SurveyError) {
        guard let current = window.take() else { return }
        let faulted = current.faulted
        _ = consume current
        try file.checkNotShrunk()
        if faulted {
            throw SurveyError(
                .truncated, file: file.name, byteOffset: windowEnd,
                reason: "the file was cut short while it was being read (before byte \(windowEnd))",
                hint: "another program is rewriting it: run again when it is complete")
        }
    }

    var progress: (consumed: Int, total: Int?) { (total - file.remaining, total) }

    func skipAhead(_ count: Int) -> Bool {
        guard count >= 0 else { return false }
        if pending {
            let inWindow = windowEnd - pendingSkip
            if count < inWindow {
                pendingSkip += count
                return true
            }
            guard file.skip(count - inWindow) else { return false }
            pending = false
            window = nil
            windowEnd += count - inWindow
            return true
        }
        guard file.skip(count) else { return false }
        windowEnd += count
        return true
    }
}
