import GRDB

/// Sessions and failed-login counts.
enum SessionRecords {
    static func failures(_ db: Database, username: String) throws -> LoginPolicy.Failures? {
        try Row.fetchOne(db, sql: "SELECT failures, last_failure_at, locked_until FROM login_attempts WHERE username = ?",
                         arguments: [username]).map { LoginPolicy.Failures(count: $0[0], lastAt: $0[1], lockedUntil: $0[2]) }
    }

    static func saveFailures(_ db: Database, username: String, _ f: LoginPolicy.Failures) throws {
        try db.execute(sql: """
            INSERT INTO login_attempts (username, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
            ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """, arguments: [username, f.count, f.lastAt, f.lockedUntil])
    }

    static func clearFailures(_ db: Database, username: String) throws {
        try db.execute(sql: "DELETE FROM login_attempts WHERE username = ?", arguments: [username])
    }

    static func insert(_ db: Database, tokenHash: String, userID: Int64, csrf: String, now: Double) throws {
        try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [tokenHash, userID, csrf, now, now])
    }

    struct Found: Sendable {
        let created: Double
        let lastSeen: Double
        let session: Session
    }

    static func find(_ db: Database, tokenHash: String) throws -> Found? {
        try Row.fetchOne(db, sql: """
            SELECT s.created_at, s.last_seen_at, s.csrf_token, s.last_product, s.last_lot, s.last_expiry,
                   u.id, u.username, u.role, u.area_code
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0
            """, arguments: [tokenHash]).map { row in
            let user = User(id: row[6], username: row[7], role: Role(rawValue: row[8]) ?? .officer, area: Jurisdiction(storedCode: row[9]))
            return Found(created: row[0], lastSeen: row[1],
                         session: Session(user: user, csrfToken: row[2], lastProduct: row[3], lastLot: row[4], lastExpiry: row[5]))
        }
    }
}
