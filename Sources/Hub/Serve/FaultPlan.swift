/// Faults the hub injects when asked (tests and demos only), so the sync client's retry rules meet
/// real failures and a kill lands inside an open batch.
public struct FaultPlan: Sendable, Equatable {
    public enum Fault: String, Sendable, CaseIterable {
        /// 500 Internal Server Error.
        case error500 = "500"
        /// 503 with `Retry-After`.
        case unavailable503 = "503"
        /// 429 Too Many Requests with `Retry-After`.
        case tooMany429 = "429"
        /// The batch is stored, then the connection is closed without an answer: the client
        /// cannot tell whether it arrived, the case idempotency exists for.
        case drop
    }

    /// Share of requests (0...1) that fail, chosen at random.
    public var failRate: Double = 0
    /// The first N requests fail whatever the rate: deterministic faults for tests.
    public var failFirst: Int = 0
    /// Which faults to draw from.
    public var faults: [Fault] = Fault.allCases
    /// Seconds announced in `Retry-After` on 503 and 429.
    public var retryAfter: Int = 1
    /// Added to every request before it is handled.
    public var delayMilliseconds: Int = 0
    /// A batch's transaction is held open this long before COMMIT.
    public var holdMilliseconds: Int = 0
    /// The server's deriver does not run: batches leave their notes as a crash right after COMMIT
    /// leaves them (readers still derive what they read).
    public var deriverPaused = false

    public init(failRate: Double = 0, failFirst: Int = 0, faults: [Fault] = Fault.allCases,
                retryAfter: Int = 1, delayMilliseconds: Int = 0, holdMilliseconds: Int = 0) {
        self.failRate = failRate
        self.failFirst = failFirst
        self.faults = faults
        self.retryAfter = retryAfter
        self.delayMilliseconds = delayMilliseconds
        self.holdMilliseconds = holdMilliseconds
    }

    /// No faults at all: what `hub serve` runs with unless told otherwise.
    public var isEmpty: Bool { failRate == 0 && failFirst == 0 && delayMilliseconds == 0 && holdMilliseconds == 0 && !deriverPaused }

    /// The fault for the request numbered `index` (0-based), or nil to answer normally.
    func fault(forRequest index: Int) -> Fault? {
        guard !faults.isEmpty else { return nil }
        if index < failFirst || (failRate > 0 && Double.random(in: 0..<1) < failRate) {
            return faults.randomElement()
        }
        return nil
    }
}
