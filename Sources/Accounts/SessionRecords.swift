import GRDB

/// The sessions table.
enum SessionRecords {
    static func insert(_ db: Database, tokenHash: String, userID: Int64, csrf: String, now: Double) throws {
        try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [tokenHash, userID, csrf, now, now])
    }

    struct Found: Sendable {
        let created: Double
        let lastSeen: Double
        let session: Session
    }

    /// The session of a token hash, only while its user is enabled.
    static func find(_ db: Database, tokenHash: String) throws -> Found? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT s.created_at, s.last_seen_at, s.csrf_token, s.last_product, s.last_lot, s.last_expiry,
                   u.id, u.username, u.role, u.area_code
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0
            """), arguments: [tokenHash]).map { row in
            let user = User(id: row[6], username: row[7], role: Role(rawValue: row[8]) ?? .officer, area: Jurisdiction(storedCode: row[9]))
            return Found(created: row[0], lastSeen: row[1],
                         session: Session(user: user, csrfToken: row[2], lastProduct: row[3], lastLot: row[4], lastExpiry: row[5]))
        }
    }

    /// One user's sessions, the latest first: when each was opened and last used, never its token.
    static func of(_ db: Database, userID: Int64) throws -> [(created: Double, lastSeen: Double)] {
        try Row.fetchAll(db, sql: "SELECT created_at, last_seen_at FROM sessions WHERE user_id = ? ORDER BY created_at DESC, last_seen_at DESC",
                         arguments: [userID]).map { (created: $0[0], lastSeen: $0[1]) }
    }

    /// Ends every session of a user; how many there were.
    static func end(_ db: Database, userID: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
        return db.changesCount
    }

    /// Deletes sessions that can no longer open (idle or too old at `now`); how many.
    static func purge(_ db: Database, policy: LoginPolicy, now: Double) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?")
            .execute(arguments: [now - policy.idleSeconds, now - policy.maxSessionSeconds])
        return db.changesCount
    }
}
