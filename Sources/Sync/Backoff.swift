/// Exponential backoff with full jitter: the n-th consecutive failure waits a random time in
/// 0...min(cap, base·2ⁿ), so many clinics coming back after an outage do not all knock at once.
/// The platform's `Retry-After` is a floor: never sooner than it asked.
public struct Backoff: Sendable, Equatable {
    public var base: Double
    public var cap: Double
    /// A `Retry-After` longer than this is cut to it, so a bad header cannot stall sync for days.
    public var retryAfterLimit: Double = 3600

    public init(base: Double = 1, cap: Double = 300) {
        self.base = base
        self.cap = cap
    }

    /// Seconds to wait after `failures` consecutive failures (1 = the first).
    public func delay(failures: Int, retryAfter: Int?, random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> Double {
        let exponent = min(max(failures - 1, 0), 30)
        let ceiling = min(cap, base * Double(1 << exponent))
        var wait = random(0...max(ceiling, 0))
        if let retryAfter { wait = max(wait, min(Double(retryAfter), retryAfterLimit)) }
        return wait
    }
}
