import Testing
@testable import Accounts

struct LoginPolicyTests {
    let policy = LoginPolicy(throttleAfter: 3, throttleSeconds: 10, lockAfter: 5, lockSeconds: 900, idleSeconds: 1800, maxSessionSeconds: 43200)

    func after(_ n: Int, at t: Double = 0) -> LoginPolicy.Failures? {
        var f: LoginPolicy.Failures?
        for _ in 0..<n { f = policy.failed(f, now: t) }
        return f
    }

    /// Failures so far, seconds since the last one → what the next try meets.
    @Test(arguments: [
        (0, 0.0, LoginPolicy.Gate.open),
        (1, 0.0, .open),
        (2, 0.0, .open),
        (3, 0.0, .throttled(retryAfter: 10)),
        (3, 9.5, .throttled(retryAfter: 1)),
        (3, 10.0, .open),
        (4, 3.0, .throttled(retryAfter: 7)),
        (4, 10.0, .open),
        (5, 0.0, .locked(retryAfter: 900)),
        (5, 899.0, .locked(retryAfter: 1)),
        (5, 900.0, .open),
    ])
    func gate(failures: Int, elapsed: Double, expected: LoginPolicy.Gate) {
        #expect(policy.gate(after(failures), now: elapsed) == expected)
    }

    /// Failures from one client address (10 to throttle, a 900 s window), seconds since the last one
    /// → what the next try from that address meets. Never a lock, however many.
    @Test(arguments: [
        (0, 0.0, LoginPolicy.Gate.open),
        (9, 0.0, .open),
        (10, 0.0, .throttled(retryAfter: 10)),
        (10, 9.5, .throttled(retryAfter: 1)),
        (10, 10.0, .open),
        (50, 0.0, .throttled(retryAfter: 10)),
        (50, 10.0, .open),
    ])
    func clientGate(failures: Int, elapsed: Double, expected: LoginPolicy.Gate) {
        let policy = LoginPolicy(throttleAfter: 3, throttleSeconds: 10, clientThrottleAfter: 10, clientWindowSeconds: 900)
        var f: LoginPolicy.Failures?
        for _ in 0..<failures { f = policy.clientFailed(f, now: 0) }
        #expect(policy.clientGate(f, now: elapsed) == expected)
        #expect(f?.lockedUntil == nil)
    }

    /// Failures from one address count while they come less than the window apart.
    @Test(arguments: [(899.0, 11), (900.0, 1)])
    func clientFailuresFarApartStartAgain(gap: Double, count: Int) {
        let policy = LoginPolicy(clientThrottleAfter: 10, clientWindowSeconds: 900)
        var f: LoginPolicy.Failures?
        for _ in 0..<10 { f = policy.clientFailed(f, now: 0) }
        let next = policy.clientFailed(f, now: gap)
        #expect(next.count == count)
        #expect(policy.clientGate(f, now: 900) == .open, "an old run of failures no longer throttles")
    }

    @Test func aLockThatRanOutStartsCountingAgain() {
        let locked = after(5)!
        #expect(locked.lockedUntil == 900)
        let next = policy.failed(locked, now: 900)
        #expect(next.count == 1)
        #expect(next.lockedUntil == nil)
        #expect(policy.gate(next, now: 900) == .open)
    }

    /// Seconds since login, seconds since last use → still open?
    @Test(arguments: [
        (0.0, 0.0, true),
        (1799.0, 1799.0, true),
        (1800.0, 1800.0, false),
        (1801.0, 1801.0, false),
        (5000.0, 1799.0, true),
        (43199.0, 0.0, true),
        (43200.0, 0.0, false),
    ])
    func idleTimeout(sinceLogin: Double, sinceUse: Double, open: Bool) {
        #expect(policy.sessionOpen(created: 0, lastSeen: sinceLogin - sinceUse, now: sinceLogin) == open)
    }
}
