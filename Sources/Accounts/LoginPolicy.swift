import ScreenVaxMacros

/// When failed logins slow a login down and when they lock it: pure rules over the failures
/// recorded so far and the time now (seconds since 1970).
///
/// Failures are counted per (username, client address): guesses from one machine slow down and
/// lock that pair only, so nobody can lock a nurse out from another machine. Every try of a pair
/// counts, also one refused because it came too soon, so a burst of concurrent guesses ends in a
/// lock after the first `throttleAfter` checked passwords. Separately, a client address that fails
/// across many usernames is throttled (never locked: a clinic's PCs may share one address).
@PublicInit
public struct LoginPolicy: Sendable, Equatable {
    /// From this many tries on, the next try of the pair must wait `throttleSeconds` after the last one.
    public var throttleAfter: Int = 3
    public var throttleSeconds: Double = 10
    /// This many tries lock the pair for `lockSeconds`.
    public var lockAfter: Int = 5
    public var lockSeconds: Double = 15 * 60
    /// A session unused for this long is closed.
    public var idleSeconds: Double = 30 * 60
    /// A session is closed this long after login, however busy.
    public var maxSessionSeconds: Double = 12 * 3600
    /// From this many failed logins from one client address, counted while they come less than
    /// `clientWindowSeconds` apart, each further try from it waits `throttleSeconds` after the last failure.
    public var clientThrottleAfter: Int = 10
    public var clientWindowSeconds: Double = 15 * 60
    /// A pair's tries count while they come less than this apart; after a longer pause the count starts again.
    public var windowSeconds: Double = 15 * 60

    public static let standard = LoginPolicy()

    /// Failed tries so far, of one (username, client) pair or of one client address.
    @PublicInit
    public struct Failures: Sendable, Equatable {
        public var count: Int
        public var lastAt: Double
        public var lockedUntil: Double?
    }

    public enum Gate: Sendable, Equatable {
        case open
        case throttled(retryAfter: Int)
        case locked(retryAfter: Int)
    }

    /// Whether a try of this pair may have its password checked now.
    public func gate(_ failures: Failures?, now: Double) -> Gate {
        guard let f = current(failures, now: now) else { return .open }
        if let until = f.lockedUntil { return .locked(retryAfter: seconds(until - now)) }
        if f.count >= throttleAfter, now < f.lastAt + throttleSeconds {
            return .throttled(retryAfter: seconds(f.lastAt + throttleSeconds - now))
        }
        return .open
    }

    /// The pair's record after one more try at `now`. A lock that ran out, or a pause of the
    /// window, starts the count again; a try during a lock is counted but does not lengthen it.
    public func tried(_ failures: Failures?, now: Double) -> Failures {
        var f = current(failures, now: now) ?? Failures(count: 0, lastAt: now)
        f.count = f.count < Int.max ? f.count + 1 : f.count
        f.lastAt = now
        if f.lockedUntil == nil, f.count >= lockAfter { f.lockedUntil = now + lockSeconds }
        return f
    }

    /// What one try meets, decided together with the record it leaves, in one transaction: the
    /// pair's gate first (a locked pair stays locked, whatever the address), then the address's.
    /// A try refused by the address's throttle is not counted against the pair: those failures
    /// are someone else's at the same address.
    public func admit(pair: Failures?, client: Failures?, now: Double) -> (gate: Gate, pair: Failures?) {
        let before = gate(pair, now: now)
        if case .open = before, case .throttled = clientGate(client, now: now) {
            return (clientGate(client, now: now), pair)
        }
        let after = tried(pair, now: now)
        switch before {
        case .open: return (.open, after)
        case .locked: return (before, after)
        case .throttled:
            // The try that reaches the limit is refused with the lock it starts.
            if let until = after.lockedUntil { return (.locked(retryAfter: seconds(until - now)), after) }
            return (before, after)
        }
    }

    /// Whether a login from a client address with these failures may be tried now.
    public func clientGate(_ failures: Failures?, now: Double) -> Gate {
        guard let f = failures, now - f.lastAt < clientWindowSeconds, f.count >= clientThrottleAfter,
              now < f.lastAt + throttleSeconds else { return .open }
        return .throttled(retryAfter: seconds(f.lastAt + throttleSeconds - now))
    }

    /// A client address's record after one more failure at `now`; failures further apart than the
    /// window start the count again.
    public func clientFailed(_ failures: Failures?, now: Double) -> Failures {
        var f = failures.flatMap { now - $0.lastAt < clientWindowSeconds ? $0 : nil } ?? Failures(count: 0, lastAt: now)
        f.count = f.count < Int.max ? f.count + 1 : f.count
        f.lastAt = now
        return f
    }

    /// Whether a session last used at `lastSeen` and opened at `created` is still open at `now`.
    /// At exactly the idle limit it is closed.
    public func sessionOpen(created: Double, lastSeen: Double, now: Double) -> Bool {
        now - lastSeen < idleSeconds && now - created < maxSessionSeconds
    }

    /// Failure records whose last try is older than this say nothing any more (they are purged).
    public var forgetSeconds: Double { max(windowSeconds, clientWindowSeconds, lockSeconds, throttleSeconds) }

    /// The record as it counts at `now`: nil once a lock ran out or the window passed without a lock.
    func current(_ failures: Failures?, now: Double) -> Failures? {
        guard let f = failures else { return nil }
        if let until = f.lockedUntil { return now < until ? f : nil }
        return now - f.lastAt < windowSeconds ? f : nil
    }

    /// Whole seconds to wait, rounded up, never below 1 or above a day.
    func seconds(_ wait: Double) -> Int {
        guard wait.isFinite else { return 1 }
        return Int(min(max(wait, 1), 86_400).rounded(.up))
    }
}
