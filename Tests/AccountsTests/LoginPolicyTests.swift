import Testing
@testable import Accounts

struct LoginPolicyTests {
    let policy = LoginPolicy(throttleAfter: 3, throttleSeconds: 10, lockAfter: 5, lockSeconds: 900, idleSeconds: 1800,
                             maxSessionSeconds: 43200, windowSeconds: 900)

    func after(_ n: Int, at t: Double = 0) -> LoginPolicy.Failures? {
        var f: LoginPolicy.Failures?
        for _ in 0..<n { f = policy.tried(f, now: t) }
        return f
    }

    /// Tries so far (all at 0), seconds since the last one → what the next try of the pair meets.
    @Test(arguments: [
        (0, 0.0, LoginPolicy.Gate.open),
        (1, 0.0, .open),
        (2, 0.0, .open),
        (2, 899.0, .open),
        (3, 0.0, .throttled(retryAfter: 10)),
        (3, 9.5, .throttled(retryAfter: 1)),
        (3, 10.0, .open),
        (4, 3.0, .throttled(retryAfter: 7)),
        (4, 10.0, .open),
        (5, 0.0, .locked(retryAfter: 900)),
        (5, 899.0, .locked(retryAfter: 1)),
        (5, 900.0, .open),
        (60, 0.0, .locked(retryAfter: 900)),
    ])
    func gate(tries: Int, elapsed: Double, expected: LoginPolicy.Gate) {
        #expect(policy.gate(after(tries), now: elapsed) == expected)
    }

    /// A pair's tries count while they come less than the window (900 s) apart; a lock runs out
    /// after 900 s whatever came during it.
    @Test(arguments: [(899.0, 3), (900.0, 1), (901.0, 1)])
    func pairWindow(gap: Double, count: Int) {
        let next = policy.tried(after(2), now: gap)
        #expect(next.count == count)
    }

    /// Tries during a lock are counted but never lengthen it; the first try after it starts over.
    @Test func triesDuringALockDoNotLengthenIt() {
        var f = after(5)
        #expect(f?.lockedUntil == 900)
        for t in [1.0, 500.0, 899.0] { f = policy.tried(f, now: t) }
        #expect(f?.count == 8 && f?.lockedUntil == 900)
        let next = policy.tried(f, now: 900)
        #expect(next.count == 1 && next.lockedUntil == nil)
        #expect(policy.gate(next, now: 900) == .open)
    }

    /// One try decided with both counters: (pair tries, address failures, seconds since both) →
    /// gate, and the pair's count after it.
    @Test(arguments: [
        (0, 0, 0.0, LoginPolicy.Gate.open, 1),
        (2, 0, 0.0, .open, 3),
        (3, 0, 0.0, .throttled(retryAfter: 10), 4),   // too soon: refused and counted
        (3, 0, 10.0, .open, 4),
        (4, 0, 0.0, .locked(retryAfter: 900), 5),     // the refused try that reaches 5 starts the lock
        (4, 0, 10.0, .open, 5),                       // checked: a right password still clears the lock
        (5, 0, 0.0, .locked(retryAfter: 900), 6),
        (0, 9, 0.0, .open, 1),
        (0, 10, 0.0, .throttled(retryAfter: 10), 0),  // the address's throttle: not counted for this pair
        (0, 10, 10.0, .open, 1),
        (5, 10, 0.0, .locked(retryAfter: 900), 6),    // a locked pair stays locked, whatever the address
    ])
    func admit(pairTries: Int, addressFailures: Int, elapsed: Double, gate: LoginPolicy.Gate, countAfter: Int) {
        var client: LoginPolicy.Failures?
        for _ in 0..<addressFailures { client = policy.clientFailed(client, now: 0) }
        let (g, pair) = policy.admit(pair: after(pairTries), client: client, now: elapsed)
        #expect(g == gate)
        #expect((pair?.count ?? 0) == countAfter)
    }

    /// 60 tries in the same instant, each admitted against the record the one before left (as the
    /// write transaction does): three are checked, all 60 are counted, the pair ends locked.
    @Test func aBurstOfSixtyEndsLockedAfterThreeChecks() {
        var pair: LoginPolicy.Failures?
        var checked = 0
        for _ in 0..<60 {
            let (g, after) = policy.admit(pair: pair, client: nil, now: 0)
            if g == .open { checked += 1 }
            pair = after
        }
        #expect(checked == 3)
        #expect(pair?.count == 60)
        #expect(policy.gate(pair, now: 0) == .locked(retryAfter: 900))
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
