import Foundation

/// A stop request (SIGTERM, SIGINT, a test) that the push loop checks between batches and that
/// cuts its waits short. The batch in flight is always finished and recorded first.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    public init() {}

    public func request() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    public var isRequested: Bool {
        condition.lock(); defer { condition.unlock() }
        return stopped
    }

    /// Sleeps up to `seconds`; returns early (true) when a stop is requested.
    @discardableResult
    public func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock(); defer { condition.unlock() }
        while !stopped {
            if !condition.wait(until: deadline) { break }
        }
        return stopped
    }
}
