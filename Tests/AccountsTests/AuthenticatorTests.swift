import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Accounts

struct AuthenticatorTests {
    static let password = "correct horse battery"
    let time = ManualTime()
    let db: RegistryDatabase
    let auth: Authenticator

    init() throws {
        db = try freshDatabase()
        auth = Authenticator(database: db, policy: LoginPolicy(throttleAfter: 3, throttleSeconds: 10, lockAfter: 5, lockSeconds: 900,
                                                               idleSeconds: 1800, maxSessionSeconds: 43200),
                             clock: time.clock, bcryptCost: 4, touchSeconds: 0)
        _ = try auth.addUser(username: "nurse.liu", password: Self.password, role: .vaccinator, area: .county("360102"), audit: testAudit)
    }

    func count(_ sql: String) throws -> Int { try db.read { db in try Int.fetchOne(db, sql: sql) ?? -1 } }

    @Test func passwordIsStoredOnlyAsBcrypt() throws {
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users") }
        #expect(stored?.hasPrefix("$2b$04$") == true)
        #expect(stored?.contains(Self.password) == false)
        let audit = try db.read { db in try AuditLog.entries(db) }
        #expect(audit.contains { $0.action == "user_add" && $0.detail.contains("nurse.liu") })
        #expect(!audit.contains { $0.detail.contains(Self.password) })
    }

    @Test func loginOpensASessionWhoseTokenIsStoredHashed() throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(login.user.role == .vaccinator)
        let session = try #require(try auth.session(token: login.token))
        #expect(session.user.area == .county("360102"))
        #expect(session.csrfToken == login.csrfToken)
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT token_hash FROM sessions") }
        #expect(stored != login.token && stored == SessionToken.hash(login.token))
        try auth.logout(token: login.token)
        #expect(try auth.session(token: login.token) == nil)
    }

    @Test(arguments: [("nurse.liu", "wrong horse battery"), ("nobody", password), ("NURSE.LIU", password),
                      ("nurse.liu", password + String(repeating: "x", count: 60))])
    func wrongCredentialsFailAlike(username: String, password: String) {
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: username, password: password) }
    }

    /// Three tries are checked; a fourth too soon is refused and counted; the fifth try locks the
    /// pair, the lock runs out after 900 s, and a success clears the count.
    @Test func threeFailuresThrottleFiveLock() throws {
        for _ in 0..<3 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x") }
        }
        // Throttled: even the right password is not checked (and the try counts: 4).
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "nurse.liu", password: Self.password) }
        time.advance(10)
        // The 5th try is checked, wrong, and leaves the pair locked.
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x") }
        #expect(throws: AccountsError.locked(retryAfter: 900)) { try auth.login(username: "nurse.liu", password: Self.password) }
        time.advance(899)
        #expect(throws: AccountsError.locked(retryAfter: 1)) { try auth.login(username: "nurse.liu", password: Self.password) }
        time.advance(1)
        _ = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(try count("SELECT COUNT(*) FROM login_failures") == 0)
        let actions = try db.read { db in try AuditLog.entries(db) }.map(\.action)
        #expect(actions.filter { $0 == "login_failed" }.count == 3 && actions.filter { $0 == "login_locked" }.count == 1)
    }

    /// Client X's failures never block client Y's correct login, even while X is locked.
    @Test func anotherClientsFailuresDoNotBlockACorrectLogin() throws {
        for _ in 0..<3 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x", client: "10.0.0.66") }
        }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "nurse.liu", password: "x", client: "10.0.0.66") }
        #expect(throws: AccountsError.locked(retryAfter: 900)) { try auth.login(username: "nurse.liu", password: "x", client: "10.0.0.66") }
        // Her own PC, the same instant: in at once.
        _ = try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.8")
        // The attacker's pair is still locked, even with the right password; her success did not clear it.
        #expect(throws: AccountsError.locked(retryAfter: 900)) {
            try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.66")
        }
        let pairs = try db.read { db in try String.fetchAll(db, sql: "SELECT client FROM login_failures WHERE username = 'nurse.liu'") }
        #expect(pairs == ["10.0.0.66"])
    }

    /// 60 wrong passwords from one client at the same time: every try is counted (one write
    /// transaction each), three passwords are checked, and the pair ends locked.
    @Test func sixtyConcurrentWrongLoginsLock() async throws {
        let auth = self.auth
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<60 {
                group.addTask {
                    await Task.detached {
                        do { _ = try auth.login(username: "nurse.liu", password: "wrong password!", client: "10.1.1.1"); return "ok" } catch let e as AccountsError {
                            return e.code
                        } catch { return "other" }
                    }.value
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.count == 60)
        #expect(outcomes.filter { $0 == "wrong_credentials" }.count == 3)
        #expect(outcomes.allSatisfy { ["wrong_credentials", "login_throttled", "account_locked"].contains($0) })
        #expect(try count("SELECT failures FROM login_failures WHERE username = 'nurse.liu' AND client = '10.1.1.1'") == 60)
        #expect(throws: AccountsError.locked(retryAfter: 900)) { try auth.login(username: "nurse.liu", password: Self.password, client: "10.1.1.1") }
    }

    /// Guessing across usernames from one address: after ten failures that address waits, even
    /// with a right password; another address does not; a success does not wipe the count.
    @Test func oneAddressGuessingManyNamesIsThrottled() throws {
        for i in 0..<10 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "user\(i)", password: "x", client: "10.0.0.7") }
        }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) {
            try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.7")
        }
        _ = try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.8")
        time.advance(10)
        _ = try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.7")
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "user10", password: "x", client: "10.0.0.7") }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "user11", password: "x", client: "10.0.0.7") }
        let kept = try db.read { db in try String.fetchAll(db, sql: "SELECT client FROM login_client_failures") }
        #expect(kept == ["10.0.0.7"])
    }

    @Test func unknownNamesAreThrottledToo() {
        for _ in 0..<3 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "ghost", password: "x") }
        }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "ghost", password: "x") }
    }

    /// A malformed username (900 KB, control characters) is refused like a wrong password and
    /// reaches neither the pair counters nor the audit log; the address still counts it.
    @Test(arguments: [String(repeating: "a", count: 900_000), "nurse\u{0}liu", "刘护士", "a b"])
    func malformedNamesAreWrittenNowhere(name: String) throws {
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: name, password: "x", client: "10.9.9.9") }
        #expect(try count("SELECT COUNT(*) FROM login_failures") == 0)
        #expect(try count("SELECT MAX(LENGTH(operator) + LENGTH(detail)) FROM audit_log") < 200)
        #expect(try count("SELECT failures FROM login_client_failures WHERE client = '10.9.9.9'") == 1)
    }

    /// A hash of a lower cost than configured is made again at the next successful login.
    @Test func aLoginRenewsAHashOfALowerCost() throws {
        let stronger = Authenticator(database: db, clock: time.clock, bcryptCost: 5)
        _ = try stronger.login(username: "nurse.liu", password: Self.password)
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users") }
        #expect(stored?.hasPrefix("$2b$05$") == true)
        _ = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(try db.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users") } == stored, "a higher cost is kept")
        let audit = try db.read { db in try AuditLog.entries(db) }
        #expect(audit.contains { $0.action == "login" && $0.detail.contains("renewed at cost 5") })
    }

    @Test(arguments: [(1799.0, true), (1800.0, false)])
    func idleSessionCloses(idle: Double, open: Bool) throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        time.advance(idle)
        #expect((try auth.session(token: login.token) != nil) == open)
    }

    @Test func useKeepsASessionOpen() throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        for _ in 0..<3 {
            time.advance(1700)
            #expect(try auth.session(token: login.token) != nil)
        }
    }

    /// Expired sessions are deleted at the next login, at `purgeExpired` (serve's start) and
    /// while other sessions are used, at most every `purgeSeconds`.
    @Test func expiredSessionsArePurged() throws {
        _ = try auth.login(username: "nurse.liu", password: Self.password)
        time.advance(1800)
        #expect(try count("SELECT COUNT(*) FROM sessions") == 1)
        let fresh = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(try count("SELECT COUNT(*) FROM sessions") == 1, "the login purged the idle one")
        _ = try auth.login(username: "nurse.liu", password: Self.password)
        time.advance(1800)
        #expect(try auth.purgeExpired() == 2)
        let periodic = Authenticator(database: db, clock: time.clock, bcryptCost: 4, touchSeconds: 0, purgeSeconds: 300)
        let a = try periodic.login(username: "nurse.liu", password: Self.password)
        time.advance(1000)
        let b = try periodic.login(username: "nurse.liu", password: Self.password)
        time.advance(900)
        // a is idle (1900 s); b was used 900 s ago: using b purges a.
        #expect(try periodic.session(token: b.token) != nil)
        #expect(try count("SELECT COUNT(*) FROM sessions") == 1)
        #expect(try periodic.session(token: a.token) == nil)
        _ = fresh
    }

    @Test(arguments: [("ab", true), ("a", false), ("刘护士", false), ("nurse liu", false),
                      (String(repeating: "n", count: 64), true), (String(repeating: "n", count: 65), false)])
    func usernames(name: String, ok: Bool) {
        let result = Result { try auth.addUser(username: name, password: "long enough password", role: .admin, area: .province, audit: testAudit) }
        if ok { #expect((try? result.get()) != nil) } else { #expect(throws: AccountsError.badUsername(name)) { try result.get() } }
    }

    @Test func takenNamesAreRefusedAndLongNamesAreNotEchoed() {
        #expect(throws: AccountsError.usernameTaken("nurse.liu")) {
            try auth.addUser(username: "nurse.liu", password: "123456789012", role: .admin, area: .province, audit: testAudit)
        }
        #expect(AccountsError.badUsername(String(repeating: "z", count: 10_000)).message.count < 200)
    }
}
