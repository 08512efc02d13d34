import GRDB

/// Adds record versions to the sync outbox, inside the caller's transaction, so that no record
/// changes without its entry and no entry exists without its change.
public enum Outbox {
    public static func enqueue(_ db: Database, type: String, uuid: String, version: Int, payload: String, at: String) throws {
        try BulkStatement(db, sql: """
            INSERT INTO outbox (record_type, record_uuid, version, payload, created_at) VALUES (?, ?, ?, ?, ?)
            """).execute([.text(type), .text(uuid), .int(Int64(version)), .text(payload), .text(at)])
    }
}
