import Accounts
import Curl
import Foundation
import GRDB
import Store
import Testing
@testable import Server

/// Logins and accounts over the real server: concurrent guesses are all counted and end in a
/// lock; an administrator's changes take effect on the next request.
@Suite(.serialized)
struct LoginTrustTests {
    /// Runs `body` on `n` threads of its own at once: libdispatch's shared pool (which Swift's
    /// executor also uses on Linux) grows by about a thread a second, so 60 blocking requests
    /// queued there would be sent one by one.
    static func onThreads(_ n: Int, _ body: @escaping @Sendable () -> Int) async -> [Int] {
        await withCheckedContinuation { continuation in
            let lock = NSLock()
            nonisolated(unsafe) var results: [Int] = []
            let group = DispatchGroup()
            for _ in 0..<n {
                group.enter()
                Thread {
                    let r = body()
                    lock.withLock { results.append(r) }
                    group.leave()
                }.start()
            }
            group.notify(queue: .global()) { continuation.resume(returning: lock.withLock { results }) }
        }
    }

    /// 60 wrong passwords at once from one client: every try is counted (each in one write
    /// transaction), three are checked, the rest answered 429; afterwards even the right password
    /// meets the lock from that client.
    @Test func sixtyConcurrentWrongLoginsLockTheName() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let url = clinic.base + "/api/v1/session"
        let statuses = await Self.onThreads(60) {
            let handle = try? EasyHandle(options: TransferOptions(connectTimeout: 5, totalTimeout: 30))
            let body = Array(#"{"username":"liu","password":"not the password"}"#.utf8)
            return (try? handle?.request(method: "POST", url: url, headers: ["Content-Type: application/json"], body: body))?.status ?? -1
        }
        #expect(statuses.count == 60)
        #expect(statuses.filter { $0 == 401 }.count == 3)
        #expect(statuses.filter { $0 == 429 }.count == 57)
        let counted = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT failures FROM login_failures WHERE username = 'liu'") }
        #expect(counted == 60)
        let right = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"\#(TestClinic.password)"}"#)
        #expect(right.status == 429 && right.bodyText.contains("account_locked"))
        #expect(right.header("Retry-After") == "900")
        // The administrator unlocks her; she is in at once.
        try clinic.services.authenticator.unlock(username: "liu", audit: AuditLog(operatorName: "admin", timestamp: "2024-04-15T10:00:00+08:00"))
        _ = try await clinic.token("liu")
    }

    /// Disabling a user or changing her password ends her tokens at the next request.
    @Test func disableAndPasswdEndTokensAtTheNextRequest() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let admin = AuditLog(operatorName: "admin", timestamp: "2024-04-15T10:00:00+08:00")
        let token = try await clinic.token("liu")
        #expect(try await clinic.json("GET", "/api/v1/me", token: token).status == 200)
        try clinic.services.authenticator.disable(username: "liu", audit: admin)
        #expect(try await clinic.json("GET", "/api/v1/me", token: token).status == 401)
        let refused = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"\#(TestClinic.password)"}"#)
        #expect(refused.status == 401 && refused.bodyText.contains("wrong_credentials"))
        try clinic.services.authenticator.enable(username: "liu", audit: admin)
        let again = try await clinic.token("liu")
        try clinic.services.authenticator.setPassword(username: "liu", password: "another long password", audit: admin)
        #expect(try await clinic.json("GET", "/api/v1/me", token: again).status == 401)
    }

    /// A 100 KB username is refused like any wrong login and written nowhere but the address's counter.
    @Test func aGarbageUsernameNeverReachesTheAudit() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let name = String(repeating: "q", count: 100_000)
        let r = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"\#(name)","password":"x"}"#)
        #expect(r.status == 401)
        let longest = try clinic.database.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(LENGTH(operator) + LENGTH(detail)) FROM audit_log")
        }
        #expect((longest ?? 0) < 300)
        #expect(try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_failures") } == 0)
    }
}
