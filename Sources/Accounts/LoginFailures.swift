import GRDB

/// The failure counters of `LoginPolicy`: per (username, client address) and per client address.
enum LoginFailures {
    static func pair(_ db: Database, username: String, client: String) throws -> LoginPolicy.Failures? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT failures, last_failure_at, locked_until FROM login_failures WHERE username = ? AND client = ?"),
                         arguments: [username, client]).map { LoginPolicy.Failures(count: $0[0], lastAt: $0[1], lockedUntil: $0[2]) }
    }

    static func savePair(_ db: Database, username: String, client: String, _ f: LoginPolicy.Failures) throws {
        try db.cachedStatement(sql: """
            INSERT INTO login_failures (username, client, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(username, client) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """).execute(arguments: [username, client, f.count, f.lastAt, f.lockedUntil])
    }

    static func clearPair(_ db: Database, username: String, client: String) throws {
        try db.cachedStatement(sql: "DELETE FROM login_failures WHERE username = ? AND client = ?").execute(arguments: [username, client])
    }

    /// Every client's counter of one username (`user unlock`); how many there were.
    static func clearUser(_ db: Database, username: String) throws -> Int {
        try db.execute(sql: "DELETE FROM login_failures WHERE username = ?", arguments: [username])
        return db.changesCount
    }

    static func client(_ db: Database, client: String) throws -> LoginPolicy.Failures? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT failures, last_failure_at FROM login_client_failures WHERE client = ?"),
                         arguments: [client]).map { LoginPolicy.Failures(count: $0[0], lastAt: $0[1]) }
    }

    static func saveClient(_ db: Database, client: String, _ f: LoginPolicy.Failures) throws {
        try db.cachedStatement(sql: """
            INSERT INTO login_client_failures (client, failures, last_failure_at) VALUES (?, ?, ?)
            ON CONFLICT(client) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at
            """).execute(arguments: [client, f.count, f.lastAt])
    }

    /// Forgets counters that no longer say anything (the last try older than the policy's longest
    /// window, no lock running), so guesses at many names from many addresses do not pile up.
    static func purge(_ db: Database, policy: LoginPolicy, now: Double) throws {
        let before = now - policy.forgetSeconds
        try db.cachedStatement(sql: "DELETE FROM login_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)")
            .execute(arguments: [before, now])
        try db.cachedStatement(sql: "DELETE FROM login_client_failures WHERE last_failure_at < ?").execute(arguments: [before])
    }
}
