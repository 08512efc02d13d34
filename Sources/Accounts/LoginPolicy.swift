/// When failed logins slow a username down and when they lock it. A pure rule over the
/// failures recorded so far and the time now (seconds since 1970).
public struct LoginPolicy: Sendable, Equatable {
    /// From this many consecutive failures on, the next try must wait `throttleSeconds` after the last failure.
    public var throttleAfter: Int
    public var throttleSeconds: Double
    /// This many consecutive failures lock the username for `lockSeconds`.
    public var lockAfter: Int
    public var lockSeconds: Double
    /// From this many failed logins from one client address, counted while they come less than
    /// `clientWindowSeconds` apart, each further try from it waits `throttleSeconds` after the last
    /// failure: guessing across many usernames from one machine is slowed too. A client address is
    /// never locked: a clinic's PCs may share one.
    public var clientThrottleAfter: Int
    public var clientWindowSeconds: Double
    /// A session unused for this long is closed.
    public var idleSeconds: Double
    /// A session is closed this long after login, however busy.
    public var maxSessionSeconds: Double

    public init(throttleAfter: Int = 3, throttleSeconds: Double = 10, lockAfter: Int = 5, lockSeconds: Double = 15 * 60,
                idleSeconds: Double = 30 * 60, maxSessionSeconds: Double = 12 * 3600, clientThrottleAfter: Int = 10,
                clientWindowSeconds: Double = 15 * 60) {
        self.throttleAfter = throttleAfter
        self.throttleSeconds = throttleSeconds
        self.lockAfter = lockAfter
        self.lockSeconds = lockSeconds
        self.idleSeconds = idleSeconds
        self.maxSessionSeconds = maxSessionSeconds
        self.clientThrottleAfter = clientThrottleAfter
        self.clientWindowSeconds = clientWindowSeconds
    }

    public static let standard = LoginPolicy()

    /// Failed logins so far for one username.
    public struct Failures: Sendable, Equatable {
        public var count: Int
        public var lastAt: Double
        public var lockedUntil: Double?
        public init(count: Int, lastAt: Double, lockedUntil: Double? = nil) {
            self.count = count
            self.lastAt = lastAt
            self.lockedUntil = lockedUntil
        }
    }

    public enum Gate: Sendable, Equatable {
        case open
        case throttled(retryAfter: Int)
        case locked(retryAfter: Int)
    }

    /// Whether a login may be tried now; the password is not even checked when it may not.
    public func gate(_ failures: Failures?, now: Double) -> Gate {
        guard let f = failures else { return .open }
        if let until = f.lockedUntil, now < until { return .locked(retryAfter: Int((until - now).rounded(.up))) }
        if let until = f.lockedUntil, now >= until { return .open }
        if f.count >= throttleAfter, now < f.lastAt + throttleSeconds {
            return .throttled(retryAfter: Int((f.lastAt + throttleSeconds - now).rounded(.up)))
        }
        return .open
    }

    /// The record after one more failure at `now`; a lock that ran out starts the count again.
    public func failed(_ failures: Failures?, now: Double) -> Failures {
        var f = failures ?? Failures(count: 0, lastAt: now)
        if let until = f.lockedUntil, now >= until { f = Failures(count: 0, lastAt: now) }
        f.count += 1
        f.lastAt = now
        if f.count >= lockAfter { f.lockedUntil = now + lockSeconds }
        return f
    }

    /// Whether a login from a client address with these failures may be tried now.
    public func clientGate(_ failures: Failures?, now: Double) -> Gate {
        guard let f = failures, now - f.lastAt < clientWindowSeconds, f.count >= clientThrottleAfter,
              now < f.lastAt + throttleSeconds else { return .open }
        return .throttled(retryAfter: Int((f.lastAt + throttleSeconds - now).rounded(.up)))
    }

    /// A client address's record after one more failure at `now`; failures further apart than the
    /// window start the count again.
    public func clientFailed(_ failures: Failures?, now: Double) -> Failures {
        var f = failures.flatMap { now - $0.lastAt < clientWindowSeconds ? $0 : nil } ?? Failures(count: 0, lastAt: now)
        f.count += 1
        f.lastAt = now
        return f
    }

    /// Whether a session last used at `lastSeen` and opened at `created` is still open at `now`.
    /// At exactly the idle limit it is closed.
    public func sessionOpen(created: Double, lastSeen: Double, now: Double) -> Bool {
        now - lastSeen < idleSeconds && now - created < maxSessionSeconds
    }
}
