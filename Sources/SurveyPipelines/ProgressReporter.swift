/// Where a pipeline reports how far it has read: the command line draws a line
/// on a terminal; a test or a quiet run passes `SilentProgress`.
public protocol ProgressReporter: AnyObject {
    /// `consumed` of `total` bytes of the file `item` have been read.
    func update(consumed: Int, total: Int?, item: String?)
    /// The work is done: clear whatever was drawn.
    func end()
}

/// Progress that goes nowhere.
public final class SilentProgress: ProgressReporter {
    public init() {}
    public func update(consumed: Int, total: Int?, item: String?) {}
    public func end() {}
}
