/// The one owner of a block of raw memory: allocated in `init`, released exactly
/// once when the owner goes away. Being `~Copyable`, it cannot be duplicated, so no
/// path can free it twice; a class that holds one releases it with itself, even
/// when the class's own initialiser throws.
public struct RawBuffer: ~Copyable {
    /// The start of the memory, valid for the owner's lifetime.
    public let baseAddress: UnsafeMutableRawPointer
    /// The size in bytes.
    public let count: Int

    /// Allocates `byteCount` bytes (at least one) aligned to `alignment`.
    public init(byteCount: Int, alignment: Int = 16) {
        count = max(byteCount, 1)
        baseAddress = .allocate(byteCount: count, alignment: alignment)
    }

    /// The memory as a buffer.
    public var bytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: baseAddress, count: count) }

    deinit { baseAddress.deallocate() }
}

/// The one owner of `count` typed values, initialised to `value` and released exactly once.
public struct TypedBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// The values, valid for the owner's lifetime.
    public let pointer: UnsafeMutablePointer<Element>
    /// How many values.
    public let count: Int

    /// `count` copies of `value` (room for at least one).
    public init(repeating value: Element, count: Int) {
        self.count = max(count, 1)
        pointer = .allocate(capacity: self.count)
        pointer.initialize(repeating: value, count: self.count)
    }

    deinit { pointer.deallocate() }
}
