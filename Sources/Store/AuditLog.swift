import GRDB
import ScreenVaxMacros

/// Appends to the audit log: who changed what and when. Details never hold a full ID or phone.
@PublicInit
public struct AuditLog: Sendable {
    public let operatorName: String
    public let timestamp: String

    public func record(_ db: Database, action: String, entity: String, uuid: String?, detail: String = "") throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_log (at, operator, action, entity, entity_uuid, detail) VALUES (?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [timestamp, operatorName, action, entity, uuid, detail])
    }

    public struct Entry: Codable, Sendable, FetchableRecord {
        public let at: String
        public let `operator`: String
        public let action: String
        public let entity: String
        public let entityUUID: String?
        public let detail: String

        public init(row: Row) {
            at = row["at"]; `operator` = row["operator"]; action = row["action"]
            entity = row["entity"]; entityUUID = row["entity_uuid"]; detail = row["detail"]
        }
    }

    public static func entries(_ db: Database, uuid: String? = nil, limit: Int = 100) throws -> [Entry] {
        if let uuid {
            return try Entry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE entity_uuid = ? ORDER BY id DESC LIMIT ?", arguments: [uuid, limit])
        }
        return try Entry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit])
    }
}
