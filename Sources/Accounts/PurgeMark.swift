import Synchronization

/// When expired sessions were last purged in this process: the purge rides on a session's touch
/// (already a write) at most once per interval.
final class PurgeMark: Sendable {
    private let last = Mutex<Double>(-.infinity)

    /// True (and the mark moved to `now`) when the last purge is at least `every` seconds old.
    func due(now: Double, every: Double) -> Bool {
        last.withLock { last in
            guard now - last >= every else { return false }
            last = now
            return true
        }
    }
}
