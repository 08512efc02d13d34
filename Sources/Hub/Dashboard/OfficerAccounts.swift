import Accounts
import Foundation
import NIOPosix
import PostgresNIO
import ScreenVaxCore

/// The province dashboard's officer accounts, kept in the hub's PostgreSQL under the clinic app's
/// rules from Accounts: `Username` and `PasswordRule`, bcrypt (`PasswordHash`), random session and
/// CSRF tokens of which only the SHA-256 is stored (`SessionToken`), and `LoginPolicy`'s
/// throttling and locking per (username, client address) and per address.
///
/// bcrypt runs on NIO's thread pool, never on the cooperative pool that serves requests.
public struct OfficerAccounts: Sendable {
    public let database: HubDatabase
    public let policy: LoginPolicy
    /// bcrypt's cost, 4 to 31 (tests use 4).
    public let bcryptCost: UInt8
    /// Seconds since 1970, now; tests move it.
    let now: @Sendable () -> Double

    public init(database: HubDatabase, policy: LoginPolicy = .standard, bcryptCost: UInt8 = 10,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.database = database
        self.policy = policy
        self.bcryptCost = min(max(bcryptCost, 4), 31)
        self.now = now
    }

    public struct Officer: Sendable, Equatable {
        public let username: String
        public let area: Jurisdiction
    }

    public struct Session: Sendable {
        public let officer: Officer
        public let csrfToken: String
        public let token: String
    }

    /// Adds an officer, or gives an existing one a new password and area (her sessions end).
    /// Returns true when she is new.
    @discardableResult
    public func add(username: String, password: String, area: Jurisdiction) async throws -> Bool {
        guard Username.isValid(username) else { throw AccountsError.badUsername(username) }
        try PasswordRule.check(password)
        let cost = bcryptCost
        let hash = try await NIOThreadPool.singleton.runIfActive { PasswordHash.make(password, cost: cost) }
        return try await database.transaction { c in
            try await c.run("DELETE FROM hub_sessions WHERE username = \(username)", database.logger)
            let rows = try await c.query("""
                INSERT INTO hub_users (username, password_hash, role, area) VALUES (\(username), \(hash), 'officer', \(area.code))
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, area = EXCLUDED.area,
                  disabled = false, updated_at = now()
                RETURNING (xmax = 0)
                """, logger: database.logger).collect()
            return try rows.first?.decode(Bool.self) ?? false
        }
    }

    /// Checks a username and password from a client address. The try is admitted and counted
    /// under an advisory lock of its (username, client) pair before the password is checked, so
    /// concurrent guesses cannot slip past the count; an unknown username fails exactly like a
    /// wrong password and costs the same bcrypt check.
    public func login(username: String, password: String, client: String?) async throws -> Session {
        let start = now()
        let key = ClientKey.of(client)
        let wellFormed = Username.isValid(username)
        let policy = self.policy, logger = database.logger
        let (gate, found) = try await database.transaction { c -> (LoginPolicy.Gate, (hash: String, area: String)?) in
            try await c.run("SELECT pg_advisory_xact_lock(hashtext('client/' || \(key)))", logger)
            let clientFailures = try await OfficerAccounts.failures(c, PostgresQuery(
                "SELECT failures, last_failure_at, NULL::float8 FROM hub_login_client_failures WHERE client = \(key)"), logger)
            guard wellFormed else { return (policy.clientGate(clientFailures, now: start), nil) }
            try await c.run("SELECT pg_advisory_xact_lock(hashtext('pair/' || \(username) || '/' || \(key)))", logger)
            let pair = try await OfficerAccounts.failures(c, PostgresQuery(
                "SELECT failures, last_failure_at, locked_until FROM hub_login_failures WHERE username = \(username) AND client = \(key)"), logger)
            let (gate, after) = policy.admit(pair: pair, client: clientFailures, now: start)
            if let after {
                try await c.run("""
                    INSERT INTO hub_login_failures (username, client, failures, last_failure_at, locked_until)
                    VALUES (\(username), \(key), \(after.count), \(after.lastAt), \(after.lockedUntil))
                    ON CONFLICT (username, client) DO UPDATE SET failures = EXCLUDED.failures,
                      last_failure_at = EXCLUDED.last_failure_at, locked_until = EXCLUDED.locked_until
                    """, logger)
            }
            let user = try await c.query("SELECT password_hash, area FROM hub_users WHERE username = \(username) AND NOT disabled",
                                         logger: logger).collect().first?.decode((String, String).self)
            return (gate, user.map { (hash: $0.0, area: $0.1) })
        }
        switch gate {
        case .open: break
        case .throttled(let s): throw AccountsError.throttled(retryAfter: s)
        case .locked(let s): throw AccountsError.locked(retryAfter: s)
        }
        // bcrypt reads 72 bytes at most: no stored password is longer, so a longer one is wrong.
        let checkable = wellFormed && password.utf8.count <= PasswordRule.maximumBytes
        let cost = bcryptCost
        let stored = found?.hash
        let ok = try await NIOThreadPool.singleton.runIfActive {
            checkable && PasswordHash.verify(password, hash: stored ?? PasswordHash.decoy(cost: cost)) && stored != nil
        }
        guard ok, let found else {
            try await database.transaction { c in
                try await c.run("SELECT pg_advisory_xact_lock(hashtext('client/' || \(key)))", logger)
                let f = try await OfficerAccounts.failures(c, PostgresQuery(
                    "SELECT failures, last_failure_at, NULL::float8 FROM hub_login_client_failures WHERE client = \(key)"), logger)
                let after = policy.clientFailed(f, now: start)
                try await c.run("""
                    INSERT INTO hub_login_client_failures (client, failures, last_failure_at) VALUES (\(key), \(after.count), \(after.lastAt))
                    ON CONFLICT (client) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at
                    """, logger)
            }
            throw AccountsError.wrongCredentials
        }
        let token = SessionToken.make(), csrf = SessionToken.make()
        let forget = start - policy.forgetSeconds, idle = start - policy.idleSeconds, old = start - policy.maxSessionSeconds
        try await database.transaction { c in
            try await c.run("DELETE FROM hub_login_failures WHERE username = \(username) AND client = \(key)", logger)
            try await c.run("""
                INSERT INTO hub_sessions (token_hash, username, csrf, created_at, last_seen_at)
                VALUES (\(SessionToken.hash(token)), \(username), \(csrf), \(start), \(start))
                """, logger)
            // Old sessions and counters that no longer say anything go at each login.
            try await c.run("DELETE FROM hub_sessions WHERE last_seen_at <= \(idle) OR created_at <= \(old)", logger)
            try await c.run("""
                DELETE FROM hub_login_failures WHERE last_failure_at < \(forget) AND (locked_until IS NULL OR locked_until <= \(start))
                """, logger)
            try await c.run("DELETE FROM hub_login_client_failures WHERE last_failure_at < \(forget)", logger)
        }
        return Session(officer: Officer(username: username, area: Jurisdiction(storedCode: found.area)), csrfToken: csrf, token: token)
    }

    /// The session a cookie token opens, or nil: unknown, idle too long, too old, or its officer disabled.
    public func session(token: String) async throws -> Session? {
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let hash = SessionToken.hash(token)
        let t = now()
        let row = try await database.rows("""
            SELECT s.csrf, s.created_at, s.last_seen_at, u.username, u.area FROM hub_sessions s
            JOIN hub_users u ON u.username = s.username WHERE s.token_hash = \(hash) AND NOT u.disabled
            """).first
        guard let found = try row?.decode((String, Double, Double, String, String).self) else { return nil }
        let (csrf, created, lastSeen, username, area) = found
        guard policy.sessionOpen(created: created, lastSeen: lastSeen, now: t) else {
            try await database.rows("DELETE FROM hub_sessions WHERE token_hash = \(hash)")
            return nil
        }
        // A session's last use is written at most every 15 seconds, so that reads stay reads.
        if t - lastSeen >= 15 { try await database.rows("UPDATE hub_sessions SET last_seen_at = \(t) WHERE token_hash = \(hash)") }
        return Session(officer: Officer(username: username, area: Jurisdiction(storedCode: area)), csrfToken: csrf, token: token)
    }

    /// Ends a session (logout).
    public func logout(token: String) async throws {
        try await database.rows("DELETE FROM hub_sessions WHERE token_hash = \(SessionToken.hash(token))")
    }

    static func failures(_ c: PostgresConnection, _ query: PostgresQuery, _ logger: Logger) async throws -> LoginPolicy.Failures? {
        guard let row = try await c.query(query, logger: logger).collect().first else { return nil }
        let (count, lastAt, lockedUntil) = try row.decode((Int, Double, Double?).self)
        return LoginPolicy.Failures(count: count, lastAt: lastAt, lockedUntil: lockedUntil)
    }
}
