import Foundation
import GRDB
import ScreenVaxCore
import Store
import Synchronization

/// Logs users in and out and resolves session tokens, under a `LoginPolicy` and a `Clock`
/// (tests move the clock to the boundaries).
///
/// Every method is synchronous and may block (bcrypt, SQLite waits): the server calls it from
/// its blocking-work pool, never on the request threads.
public struct Authenticator: Sendable {
    public let database: RegistryDatabase
    public let policy: LoginPolicy
    public let clock: Clock
    /// bcrypt's cost: 2^cost rounds, 4 to 31. 10 takes about 60 ms here; tests use 4. A stored hash
    /// of a lower cost is made again at the user's next login.
    public let bcryptCost: UInt8
    /// A session's last use is written at most this often, so that reads do not all become writes.
    public let touchSeconds: Double
    /// Expired sessions and stale failure counters are deleted at most this often while sessions are used.
    public let purgeSeconds: Double
    private let lastPurge = PurgeMark()

    public init(database: RegistryDatabase, policy: LoginPolicy = .standard, clock: Clock = .system,
                bcryptCost: UInt8 = 10, touchSeconds: Double = 15, purgeSeconds: Double = 300) {
        self.database = database
        self.policy = policy
        self.clock = clock
        self.bcryptCost = min(max(bcryptCost, 4), 31)
        self.touchSeconds = touchSeconds
        self.purgeSeconds = purgeSeconds
    }

    var now: Double { clock.now().timeIntervalSince1970 }

    /// Adds a user. The password is checked against `PasswordRule` and hashed with bcrypt before it
    /// reaches the database.
    public func addUser(username: String, password: String, role: Role, area: Jurisdiction, audit: AuditLog) throws -> User {
        guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
        try PasswordRule.check(password)
        let hash = PasswordHash.make(password, cost: bcryptCost)
        return try database.write { db in
            try UserRecords.insert(db, username: username, passwordHash: hash, role: role, area: area, audit: audit)
        }
    }

    public struct Login: Sendable {
        public let token: String
        public let csrfToken: String
        public let user: User
    }

    /// Checks a username and password from a client address (nil when the server does not know it).
    ///
    /// The try is admitted and counted against its (username, client) pair in one write
    /// transaction before the password is checked, so concurrent guesses cannot slip past the
    /// count; a success clears the pair. A locked or throttled pair, or a throttled address, is
    /// refused before the password is checked. An unknown or disabled username fails exactly like
    /// a wrong password; a malformed one is never written anywhere but the address's counter.
    public func login(username: String, password: String, client: String? = nil) throws -> Login {
        let start = now
        let clientKey = ClientKey.of(client)
        let wellFormed = Username.isValid(username)
        let (gate, found, startedLock) = try database.write { db -> (LoginPolicy.Gate, (user: User, passwordHash: String)?, Bool) in
            let clientFailures = try LoginFailures.client(db, client: clientKey)
            guard wellFormed else { return (policy.clientGate(clientFailures, now: start), nil, false) }
            let pair = try LoginFailures.pair(db, username: username, client: clientKey)
            let (gate, after) = policy.admit(pair: pair, client: clientFailures, now: start)
            if let after { try LoginFailures.savePair(db, username: username, client: clientKey, after) }
            let startedLock = policy.current(pair, now: start)?.lockedUntil == nil && after?.lockedUntil != nil
            if startedLock, gate != .open {
                try audit(username).record(db, action: "login_locked", entity: "user", uuid: nil, detail: "from \(ClientKey.shown(clientKey))")
            }
            return (gate, try UserRecords.find(db, username: username), startedLock)
        }
        switch gate {
        case .open: break
        case .throttled(let s): throw AccountsError.throttled(retryAfter: s)
        case .locked(let s): throw AccountsError.locked(retryAfter: s)
        }
        // bcrypt reads 72 bytes at most: no stored password is longer, so a longer one is wrong.
        // An unknown name still costs one bcrypt check, so timing does not tell names apart.
        let checkable = wellFormed && password.utf8.count <= PasswordRule.maximumBytes
        let ok = checkable && PasswordHash.verify(password, hash: found?.passwordHash ?? PasswordHash.decoy(cost: bcryptCost)) && found != nil
        guard ok, let found else {
            // Guesses at many names from many addresses leave counters behind: forget stale ones now and then.
            let purgeNow = lastPurge.due(now: start, every: purgeSeconds)
            try database.write { db in
                if purgeNow { try purge(db, now: start) }
                let f = try LoginFailures.client(db, client: clientKey)
                try LoginFailures.saveClient(db, client: clientKey, policy.clientFailed(f, now: start))
                if wellFormed {
                    try audit(username).record(db, action: startedLock ? "login_locked" : "login_failed", entity: "user", uuid: nil,
                                               detail: "from \(ClientKey.shown(clientKey))")
                }
            }
            throw AccountsError.wrongCredentials
        }
        let user = found.user
        let rehash = PasswordHash.needsRenewal(found.passwordHash, cost: bcryptCost) ? PasswordHash.make(password, cost: bcryptCost) : nil
        let token = SessionToken.make()
        let csrf = SessionToken.make()
        try database.write { db in
            try LoginFailures.clearPair(db, username: username, client: clientKey)
            if let rehash { try UserRecords.setPasswordHash(db, userID: user.id, rehash) }
            try SessionRecords.insert(db, tokenHash: SessionToken.hash(token), userID: user.id, csrf: csrf, now: start)
            try audit(username).record(db, action: "login", entity: "user", uuid: nil,
                                       detail: "from \(ClientKey.shown(clientKey))" + (rehash != nil ? "; password hash renewed at cost \(bcryptCost)" : ""))
            try purge(db, now: start)
        }
        return Login(token: token, csrfToken: csrf, user: user)
    }

    /// The session a token opens, or nil when unknown, idle too long, too old, or its user disabled.
    public func session(token: String) throws -> Session? {
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let hash = SessionToken.hash(token)
        let t = now
        guard let found = try database.read({ db in try SessionRecords.find(db, tokenHash: hash) }) else { return nil }
        guard policy.sessionOpen(created: found.created, lastSeen: found.lastSeen, now: t) else {
            _ = try? database.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [hash]) }
            return nil
        }
        if t - found.lastSeen >= touchSeconds {
            let purgeNow = lastPurge.due(now: t, every: purgeSeconds)
            try database.write { db in
                try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [t, hash])
                if purgeNow { try purge(db, now: t) }
            }
        }
        return found.session
    }

    /// Closes a session (logout).
    public func logout(token: String) throws {
        let hash = SessionToken.hash(token)
        try database.write { db in
            if let found = try SessionRecords.find(db, tokenHash: hash) {
                try audit(found.session.user.username).record(db, action: "logout", entity: "user", uuid: nil)
            }
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [hash])
        }
    }

    /// Deletes expired sessions and stale failure counters now (`serve` at start); how many sessions.
    @discardableResult
    public func purgeExpired() throws -> Int {
        let t = now
        return try database.write { db in try purge(db, now: t) }
    }

    @discardableResult
    func purge(_ db: Database, now: Double) throws -> Int {
        try LoginFailures.purge(db, policy: policy, now: now)
        return try SessionRecords.purge(db, policy: policy, now: now)
    }

    func audit(_ operatorName: String) -> AuditLog {
        AuditLog(operatorName: operatorName, timestamp: Clock.timestamp(clock.now()))
    }

    /// Keeps the product, lot and expiry of a dose just recorded, inside the same transaction.
    public static func rememberDose(_ db: Database, token: String, product: String, lot: String, expiry: String) throws {
        try db.execute(sql: "UPDATE sessions SET last_product = ?, last_lot = ?, last_expiry = ? WHERE token_hash = ?",
                       arguments: [product, lot, expiry, SessionToken.hash(token)])
    }
}
