import GRDB
import ScreenVaxCore

/// Adds record versions to the sync outbox, inside the caller's transaction, so that no record
/// changes without its entry and no entry exists without its change.
public enum Outbox {
    public static func enqueue(_ db: Database, type: String, uuid: String, version: Int, payload: String, at: String) throws {
        try Writer(db).enqueue(type: type, uuid: uuid, version: version, payload: payload, at: at)
    }

    /// The insert prepared once, for imports that enqueue a few hundred thousand entries.
    public struct Writer {
        let insert: BulkStatement

        public init(_ db: Database) throws {
            insert = try BulkStatement(db, sql: """
                INSERT INTO outbox (record_type, record_uuid, version, payload, created_at) VALUES (?, ?, ?, ?, ?)
                """)
        }

        public func enqueue(type: String, uuid: String, version: Int, payload: String, at: String) throws {
            try insert.execute([.text(type), .text(uuid), .int(Int64(version)), .text(payload), .text(at)])
        }

        /// The payload stored as the writer's bytes, never made into a String.
        public func enqueue(type: String, uuid: String, version: Int, payload: consuming JSONWriter, at: String) throws {
            try insert.execute([.text(type), .text(uuid), .int(Int64(version)), .utf8(payload.finishedUTF8()), .text(at)])
        }
    }
}
