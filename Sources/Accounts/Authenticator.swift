import Foundation
import GRDB
import HummingbirdBcrypt
import ScreenVaxCore
import Store

/// Logs users in and out and resolves session tokens, under a `LoginPolicy` and a `Clock`
/// (tests move the clock to the boundaries).
public struct Authenticator: Sendable {
    public let database: RegistryDatabase
    public let policy: LoginPolicy
    public let clock: Clock
    /// bcrypt's cost: 2^cost rounds. 10 takes about 60 ms here; tests use 4.
    public let bcryptCost: UInt8
    /// A session's last use is written at most this often, so that reads do not all become writes.
    public let touchSeconds: Double

    public init(database: RegistryDatabase, policy: LoginPolicy = .standard, clock: Clock = .system,
                bcryptCost: UInt8 = 10, touchSeconds: Double = 15) {
        self.database = database
        self.policy = policy
        self.clock = clock
        self.bcryptCost = bcryptCost
        self.touchSeconds = touchSeconds
    }

    public static let minimumPasswordLength = 8

    var now: Double { clock.now().timeIntervalSince1970 }

    /// Adds a user. The password is hashed with bcrypt before it reaches the database.
    public func addUser(username: String, password: String, role: Role, area: Jurisdiction, audit: AuditLog) throws -> User {
        guard UserRecords.isValidUsername(username) else { throw AccountsError.badUsername(username) }
        guard password.count >= Authenticator.minimumPasswordLength else {
            throw AccountsError.weakPassword(minimum: Authenticator.minimumPasswordLength)
        }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        return try database.write { db in
            try UserRecords.insert(db, username: username, passwordHash: hash, role: role, area: area, audit: audit)
        }
    }

    public struct Login: Sendable {
        public let token: String
        public let csrfToken: String
        public let user: User
    }

    /// Checks a username and password. Throttled or locked usernames, and client addresses throttled
    /// after many failures, are refused before the password is checked; an unknown username fails
    /// exactly like a wrong password.
    /// - Parameter client: the caller's network address, when the server knows it.
    public func login(username: String, password: String, client: String? = nil) throws -> Login {
        let start = now
        // Failures from an address are kept under a key no username can take (usernames have no spaces).
        let clientKey = client.map { "client " + $0 }
        let (failures, clientFailures, found) = try database.read { db in
            (try SessionRecords.failures(db, username: username), try clientKey.flatMap { try SessionRecords.failures(db, username: $0) },
             try UserRecords.find(db, username: username))
        }
        if case .throttled(let s) = policy.clientGate(clientFailures, now: start) { throw AccountsError.throttled(retryAfter: s) }
        switch policy.gate(failures, now: start) {
        case .open: break
        case .throttled(let s): throw AccountsError.throttled(retryAfter: s)
        case .locked(let s): throw AccountsError.locked(retryAfter: s)
        }
        // An unknown name still costs one bcrypt check, so timing does not tell names apart.
        let ok = Bcrypt.verify(password, hash: found?.passwordHash ?? Authenticator.decoyHash) && found != nil
        let audit = AuditLog(operatorName: username, timestamp: Clock.timestamp(clock.now()))
        guard ok, let user = found?.user else {
            let after = policy.failed(failures, now: start)
            try database.write { db in
                try SessionRecords.saveFailures(db, username: username, after)
                if let clientKey { try SessionRecords.saveFailures(db, username: clientKey, policy.clientFailed(clientFailures, now: start)) }
                try audit.record(db, action: after.lockedUntil != nil ? "login_locked" : "login_failed", entity: "user", uuid: nil)
            }
            throw AccountsError.wrongCredentials
        }
        let token = SessionToken.make()
        let csrf = SessionToken.make()
        try database.write { db in
            try SessionRecords.clearFailures(db, username: username)
            try SessionRecords.insert(db, tokenHash: SessionToken.hash(token), userID: user.id, csrf: csrf, now: start)
            try audit.record(db, action: "login", entity: "user", uuid: nil)
        }
        return Login(token: token, csrfToken: csrf, user: user)
    }

    private static let decoyHash = Bcrypt.hash("decoy password that matches nothing", cost: 10)

    /// The session a token opens, or nil when unknown, idle too long or too old.
    public func session(token: String) throws -> Session? {
        let hash = SessionToken.hash(token)
        let t = now
        guard let found = try database.read({ db in try SessionRecords.find(db, tokenHash: hash) }) else { return nil }
        let created = found.created
        let lastSeen = found.lastSeen
        guard policy.sessionOpen(created: created, lastSeen: lastSeen, now: t) else {
            _ = try? database.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [hash]) }
            return nil
        }
        if t - lastSeen >= touchSeconds {
            try database.write { db in
                try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [t, hash])
            }
        }
        return found.session
    }

    /// Closes a session (logout).
    public func logout(token: String) throws {
        let hash = SessionToken.hash(token)
        try database.write { db in
            if let found = try SessionRecords.find(db, tokenHash: hash) {
                let audit = AuditLog(operatorName: found.session.user.username, timestamp: Clock.timestamp(clock.now()))
                try audit.record(db, action: "logout", entity: "user", uuid: nil)
            }
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [hash])
        }
    }

    /// Keeps the product, lot and expiry of a dose just recorded, inside the same transaction.
    public static func rememberDose(_ db: Database, token: String, product: String, lot: String, expiry: String) throws {
        try db.execute(sql: "UPDATE sessions SET last_product = ?, last_lot = ?, last_expiry = ? WHERE token_hash = ?",
                       arguments: [product, lot, expiry, SessionToken.hash(token)])
    }
}
