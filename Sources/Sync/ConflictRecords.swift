import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxMacros

/// A conflict the provincial hub found between this county's records and another county's, as
/// the county keeps it (`sync_conflicts`, migration 0014): its own records only, the other
/// counties by code.
public struct CountyConflict: Codable, Sendable, Equatable {
    public struct Record: Codable, Sendable, Equatable {
        public let type: String
        public let uuid: String
    }

    public let hubID: Int
    public let kind: String
    public let residentIDMasked: String
    public let counties: [String]
    public let records: [Record]
    public let detectedAt: String
    // Null, not an absent key, while the conflict is open.
    @NullWhenAbsent public private(set) var resolvedAt: String?
}

/// The county's copy of its conflicts: replaced by each pull, read by lists and pages.
public enum ConflictRecords {
    /// What a pull changed.
    @PublicInit
    public struct Change: Codable, Sendable, Equatable {
        public let open: Int
        public let new: Int
        public let resolved: Int
    }

    /// Stores a complete pull in one transaction: listed conflicts are open (new ones added,
    /// known ones refreshed, resolved ones opened again); open ones not listed are resolved now.
    public static func replace(_ db: Database, with pulled: [CountyConflict], at now: String) throws -> Change {
        let known = Set(try Int.fetchAll(db, sql: "SELECT hub_id FROM sync_conflicts"))
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO sync_conflicts (hub_id, kind, resident_id_masked, counties, detected_at, first_pulled_at, last_pulled_at, resolved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT (hub_id) DO UPDATE SET kind = excluded.kind, resident_id_masked = excluded.resident_id_masked,
              counties = excluded.counties, detected_at = excluded.detected_at, last_pulled_at = excluded.last_pulled_at, resolved_at = NULL
            """)
        let clear = try db.cachedStatement(sql: "DELETE FROM sync_conflict_records WHERE hub_id = ?")
        let record = try db.cachedStatement(sql: "INSERT OR IGNORE INTO sync_conflict_records (hub_id, record_type, record_uuid) VALUES (?, ?, ?)")
        for c in pulled {
            try upsert.execute(arguments: [c.hubID, c.kind, c.residentIDMasked, c.counties.joined(separator: ","), c.detectedAt, now, now])
            try clear.execute(arguments: [c.hubID])
            for r in c.records { try record.execute(arguments: [c.hubID, r.type, r.uuid]) }
        }
        let listed = Set(pulled.map(\.hubID))
        let stillOpen = try Int.fetchAll(db, sql: "SELECT hub_id FROM sync_conflicts WHERE resolved_at IS NULL")
        let resolve = try db.cachedStatement(sql: "UPDATE sync_conflicts SET resolved_at = ? WHERE hub_id = ?")
        var resolved = 0
        for id in stillOpen where !listed.contains(id) {
            try resolve.execute(arguments: [now, id])
            resolved += 1
        }
        return Change(open: listed.count, new: listed.subtracting(known).count, resolved: resolved)
    }

    /// Open conflicts (and, with `includeResolved`, the resolved ones too), newest first.
    public static func list(_ db: Database, includeResolved: Bool = false, limit: Int = 1000) throws -> [CountyConflict] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM sync_conflicts \(includeResolved ? "" : "WHERE resolved_at IS NULL")
            ORDER BY detected_at DESC, hub_id DESC LIMIT ?
            """, arguments: [max(1, min(limit, 100_000))])
        return try rows.map { try conflict(db, $0) }
    }

    /// The open conflicts naming one of this county's records (a person, an enrolment, a
    /// pregnancy, a result): what a work list or a page shows beside it.
    public static func open(_ db: Database, record uuid: String) throws -> [CountyConflict] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.* FROM sync_conflicts c JOIN sync_conflict_records r ON r.hub_id = c.hub_id
            WHERE r.record_uuid = ? AND c.resolved_at IS NULL ORDER BY c.hub_id
            """, arguments: [uuid])
        return try rows.map { try conflict(db, $0) }
    }

    private static func conflict(_ db: Database, _ row: Row) throws -> CountyConflict {
        let id: Int = row["hub_id"]
        let records = try Row.fetchAll(db, sql: "SELECT record_type, record_uuid FROM sync_conflict_records WHERE hub_id = ? ORDER BY record_uuid",
                                       arguments: [id]).map { CountyConflict.Record(type: $0["record_type"], uuid: $0["record_uuid"]) }
        let counties: String = row["counties"]
        return CountyConflict(hubID: id, kind: row["kind"], residentIDMasked: row["resident_id_masked"],
                              counties: counties.split(separator: ",").map(String.init), records: records,
                              detectedAt: row["detected_at"], resolvedAt: row["resolved_at"])
    }
}
