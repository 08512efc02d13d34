import GRDB

/// Token ids (a JWT's jti) seen before, kept until their token expires: a replay cache that a
/// restart does not empty.
public enum SeenTokens {
    /// True the first time `id` is offered before it expires; false when it was seen before.
    /// Forgets the ids of expired tokens on the way.
    public static func firstUse(_ db: Database, id: String, expires: Int, now: Int) throws -> Bool {
        try db.execute(sql: "DELETE FROM cds_jwt_seen WHERE expires_at <= ?", arguments: [now])
        try db.execute(sql: "INSERT OR IGNORE INTO cds_jwt_seen (jti, expires_at) VALUES (?, ?)", arguments: [id, expires])
        return db.changesCount == 1
    }
}
