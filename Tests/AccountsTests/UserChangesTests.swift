import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Accounts

/// The administrator's commands: each one's effect, and its audit row (operator, action, username;
/// never a password).
struct UserChangesTests {
    static let password = "correct horse battery"
    let time = ManualTime()
    let db: RegistryDatabase
    let auth: Authenticator
    let admin = AuditLog(operatorName: "admin.wu", timestamp: "2026-11-29T09:00:00+08:00")

    init() throws {
        db = try freshDatabase()
        auth = Authenticator(database: db, clock: time.clock, bcryptCost: 4, touchSeconds: 0)
        _ = try auth.addUser(username: "nurse.liu", password: Self.password, role: .vaccinator, area: .county("360102"), audit: testAudit)
    }

    func lastAudit() throws -> AuditLog.Entry? { try db.read { db in try AuditLog.entries(db, limit: 1).first } }

    func expectAudited(_ action: String, _ detail: String) throws {
        let entry = try #require(try lastAudit())
        #expect(entry.operator == "admin.wu" && entry.action == action && entry.entity == "user")
        #expect(entry.detail.hasPrefix("nurse.liu") && entry.detail.contains(detail), "\(entry.detail)")
        #expect(!entry.detail.contains(Self.password))
    }

    @Test func unlockClearsTheLockAtEveryClient() throws {
        for client in ["10.0.0.1", "10.0.0.2"] {
            for _ in 0..<5 { _ = try? auth.login(username: "nurse.liu", password: "nope", client: client) }
            #expect(throws: AccountsError.self) { try auth.login(username: "nurse.liu", password: Self.password, client: client) }
        }
        #expect(try auth.unlock(username: "nurse.liu", audit: admin) == 2)
        try expectAudited("user_unlock", "2 failure counters cleared")
        _ = try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.1")
        _ = try auth.login(username: "nurse.liu", password: Self.password, client: "10.0.0.2")
    }

    @Test func disableEndsHerSessionsAndLoginsEnableLetsHerBackIn() throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(try auth.disable(username: "nurse.liu", audit: admin) == 1)
        try expectAudited("user_disable", "1 sessions ended")
        #expect(try auth.session(token: login.token) == nil)
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: Self.password) }
        try auth.enable(username: "nurse.liu", audit: admin)
        try expectAudited("user_enable", "enabled")
        _ = try auth.login(username: "nurse.liu", password: Self.password)
    }

    /// A token whose user is disabled stops at its next request, even if its row survived (a
    /// session opened by another process between the update and the delete).
    @Test func aDisabledUsersTokenStopsWorking() throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        try db.write { db in try db.execute(sql: "UPDATE users SET disabled = 1") }
        #expect(try auth.session(token: login.token) == nil)
    }

    @Test func passwdChangesThePasswordAndEndsHerSessions() throws {
        let login = try auth.login(username: "nurse.liu", password: Self.password)
        #expect(try auth.setPassword(username: "nurse.liu", password: "a new long password", audit: admin) == 1)
        try expectAudited("user_passwd", "password changed, 1 sessions ended")
        #expect(try auth.session(token: login.token) == nil)
        #expect(throws: AccountsError.wrongCredentials) { try auth.login(username: "nurse.liu", password: Self.password) }
        _ = try auth.login(username: "nurse.liu", password: "a new long password")
        #expect(throws: AccountsError.blankPassword) { try auth.setPassword(username: "nurse.liu", password: "            ", audit: admin) }
        #expect(throws: AccountsError.weakPassword(minimum: 12)) { try auth.setPassword(username: "nurse.liu", password: "short", audit: admin) }
    }

    @Test func sessionsListsWithoutTokensAndRevokeEndsThem() throws {
        let first = try auth.login(username: "nurse.liu", password: Self.password)
        time.advance(60)
        let second = try auth.login(username: "nurse.liu", password: Self.password)
        let listed = try auth.sessions(username: "nurse.liu")
        #expect(listed.count == 2)
        #expect(listed[0].created == Clock.timestamp(time.clock.now()))
        #expect(listed[0].closesBy == Clock.timestamp(time.clock.now().addingTimeInterval(1800)))
        let printed = "\(listed)"
        #expect(!printed.contains(first.token) && !printed.contains(SessionToken.hash(second.token).prefix(16)))
        #expect(try auth.revokeSessions(username: "nurse.liu", audit: admin) == 2)
        try expectAudited("user_sessions_revoke", "2 sessions ended")
        #expect(try auth.session(token: first.token) == nil && auth.session(token: second.token) == nil)
        #expect(try auth.sessions(username: "nurse.liu").isEmpty)
    }

    /// Every command checks the name first: a malformed one is refused before any write (nothing
    /// reaches the audit log), an unknown one says so.
    @Test(arguments: [String(repeating: "x", count: 900_000), "nurse\nliu", "a"])
    func badNamesAreRefusedBeforeAnyWrite(name: String) throws {
        let before = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") }
        #expect(throws: AccountsError.badUsername(name)) { try auth.unlock(username: name, audit: admin) }
        #expect(throws: AccountsError.badUsername(name)) { try auth.disable(username: name, audit: admin) }
        #expect(throws: AccountsError.badUsername(name)) { try auth.enable(username: name, audit: admin) }
        #expect(throws: AccountsError.badUsername(name)) { try auth.setPassword(username: name, password: Self.password, audit: admin) }
        #expect(throws: AccountsError.badUsername(name)) { try auth.sessions(username: name) }
        #expect(throws: AccountsError.badUsername(name)) { try auth.revokeSessions(username: name, audit: admin) }
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") } == before)
        #expect(AccountsError.badUsername(name).message.count < 200)
        #expect(throws: AccountsError.unknownUser("ghost")) { try auth.disable(username: "ghost", audit: admin) }
    }
}
