import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Accounts

struct AuthenticatorTests {
    let time = ManualTime()
    let db: RegistryDatabase
    let auth: Authenticator

    init() throws {
        db = try freshDatabase()
        auth = Authenticator(database: db, policy: LoginPolicy(throttleAfter: 3, throttleSeconds: 10, lockAfter: 5, lockSeconds: 900,
                                                               idleSeconds: 1800, maxSessionSeconds: 43200),
                             clock: time.clock, bcryptCost: 4, touchSeconds: 0)
        _ = try auth.addUser(username: "nurse.liu", password: "correct horse", role: .vaccinator, area: .county("360102"), audit: testAudit)
    }

    @Test func passwordIsStoredOnlyAsBcrypt() throws {
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users")! }
        #expect(stored.hasPrefix("$2b$04$"))
        #expect(!stored.contains("correct horse"))
        let audit = try db.read { db in try AuditLog.entries(db) }
        #expect(audit.contains { $0.action == "user_add" && $0.detail.contains("nurse.liu") })
        #expect(!audit.contains { $0.detail.contains("correct horse") })
    }

    @Test func loginOpensASessionWhoseTokenIsStoredHashed() throws {
        let login = try auth.login(username: "nurse.liu", password: "correct horse")
        #expect(login.user.role == .vaccinator)
        let session = try #require(try auth.session(token: login.token))
        #expect(session.user.area == .county("360102"))
        #expect(session.csrfToken == login.csrfToken)
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT token_hash FROM sessions")! }
        #expect(stored != login.token && stored == SessionToken.hash(login.token))
        try auth.logout(token: login.token)
        #expect(try auth.session(token: login.token) == nil)
    }

    @Test(arguments: [("nurse.liu", "wrong horse"), ("nobody", "correct horse"), ("NURSE.LIU", "correct horse")])
    func wrongCredentialsFailAlike(username: String, password: String) {
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: username, password: password) }
    }

    @Test func threeFailuresThrottleFiveLock() throws {
        for _ in 0..<3 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x") }
        }
        // Throttled: even the right password is not checked.
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "nurse.liu", password: "correct horse") }
        time.advance(10)
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x") }
        time.advance(10)
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: "x") }
        #expect(throws: AccountsError.locked(retryAfter: 900)) { try auth.login(username: "nurse.liu", password: "correct horse") }
        time.advance(899)
        #expect(throws: AccountsError.locked(retryAfter: 1)) { try auth.login(username: "nurse.liu", password: "correct horse") }
        time.advance(1)
        _ = try auth.login(username: "nurse.liu", password: "correct horse")
        let left = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_attempts")! }
        #expect(left == 0)
    }

    /// Guessing across usernames from one address: after ten failures that address waits, even
    /// with a right password; another address does not; a success does not wipe the count.
    @Test func oneAddressGuessingManyNamesIsThrottled() throws {
        for i in 0..<10 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "user\(i)", password: "x", client: "10.0.0.7") }
        }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) {
            try auth.login(username: "nurse.liu", password: "correct horse", client: "10.0.0.7")
        }
        _ = try auth.login(username: "nurse.liu", password: "correct horse", client: "10.0.0.8")
        time.advance(10)
        _ = try auth.login(username: "nurse.liu", password: "correct horse", client: "10.0.0.7")
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "user10", password: "x", client: "10.0.0.7") }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "user11", password: "x", client: "10.0.0.7") }
        let kept = try db.read { db in try String.fetchAll(db, sql: "SELECT username FROM login_attempts WHERE username LIKE 'client %'") }
        #expect(kept == ["client 10.0.0.7"])
    }

    @Test func unknownNamesAreThrottledToo() {
        for _ in 0..<3 {
            #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "ghost", password: "x") }
        }
        #expect(throws: AccountsError.throttled(retryAfter: 10)) { try auth.login(username: "ghost", password: "x") }
    }

    @Test(arguments: [(1799.0, true), (1800.0, false)])
    func idleSessionCloses(idle: Double, open: Bool) throws {
        let login = try auth.login(username: "nurse.liu", password: "correct horse")
        time.advance(idle)
        #expect((try auth.session(token: login.token) != nil) == open)
    }

    @Test func useKeepsASessionOpen() throws {
        let login = try auth.login(username: "nurse.liu", password: "correct horse")
        for _ in 0..<3 {
            time.advance(1700)
            #expect(try auth.session(token: login.token) != nil)
        }
    }

    @Test(arguments: [("ab", true), ("a", false), ("刘护士", false), ("nurse liu", false)])
    func usernames(name: String, ok: Bool) {
        let result = Result { try auth.addUser(username: name, password: "long enough", role: .admin, area: .province, audit: testAudit) }
        if ok { #expect((try? result.get()) != nil) } else { #expect(throws: AccountsError.badUsername(name)) { try result.get() } }
    }

    @Test func shortPasswordsAndTakenNamesAreRefused() {
        #expect(throws: AccountsError.weakPassword(minimum: 8)) {
            try auth.addUser(username: "x1", password: "1234567", role: .admin, area: .province, audit: testAudit)
        }
        #expect(throws: AccountsError.usernameTaken("nurse.liu")) {
            try auth.addUser(username: "nurse.liu", password: "12345678", role: .admin, area: .province, audit: testAudit)
        }
    }
}
