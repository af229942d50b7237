import Foundation

/// Results of jobs run in parallel (`DispatchQueue.concurrentPerform`), one slot a job,
/// filled from any thread and read once all have run.
public final class ParallelResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, any Error>?]

    /// Room for `count` results.
    public init(count: Int) { results = Array(repeating: nil, count: count) }

    /// Records job `index`'s outcome.
    public func set(_ index: Int, _ body: () throws -> Value) {
        let result = Result { try body() }
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    /// Every job's value, in job order; throws the first job's error.
    public func values() throws -> [Value] {
        lock.lock()
        let all = results
        lock.unlock()
        return try all.map { result in
            guard let result else {
                throw SurveyError(.ioFailure, file: "(parallel jobs)", reason: "a job did not run")
            }
            return try result.get()
        }
    }
}
