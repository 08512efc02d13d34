import Foundation
import PostgresNIO
import ScreenVaxCore

/// One conflict as `hub conflicts` and `GET /api/v1/conflicts` show it: the resident ID masked.
public struct HubConflict: Codable, Sendable, Equatable {
    public struct Record: Codable, Sendable, Equatable {
        public let countyCode: String
        public let type: String
        public let uuid: String

        enum CodingKeys: String, CodingKey {
            case type, uuid
            case countyCode = "county_code"
        }
    }

    public let id: Int
    public let kind: String
    public let residentIDMasked: String
    public let counties: [String]
    public let records: [Record]
    public let detectedAt: String
    public let resolvedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, counties, records
        case residentIDMasked = "resident_id_masked"
        case detectedAt = "detected_at"
        case resolvedAt = "resolved_at"
    }

    /// The contract's keys for `hub conflicts --format json`.
    public struct Listing: Encodable {
        let conflict: HubConflict

        public init(_ conflict: HubConflict) { self.conflict = conflict }

        enum CodingKeys: String, CodingKey {
            case kind, counties, records
            case residentIDMasked = "resident_id_masked"
            case detectedAt = "detected_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(conflict.kind, forKey: .kind)
            try c.encode(conflict.residentIDMasked, forKey: .residentIDMasked)
            try c.encode(conflict.counties, forKey: .counties)
            try c.encode(conflict.records, forKey: .records)
            try c.encode(conflict.detectedAt, forKey: .detectedAt)
        }
    }
}

public enum ConflictList {
    public static let kinds = ["id_conflict", "duplicate_enrolment", "duplicate_pregnancy", "duplicate_service"]
    /// Local time on the wire and in files: China Standard Time with its offset.
    static let cst = "to_char(%@ AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')"

    /// Conflicts in id order, after `after`, at most `limit`. `county` keeps those involving it
    /// (and, with `ownRecordsOnly`, only its own records: a county never learns another's ids).
    public static func read(_ database: HubDatabase, county: String? = nil, kind: String? = nil, includeResolved: Bool = false,
                            after: Int = 0, limit: Int = 1000, ownRecordsOnly: Bool = false) async throws -> [HubConflict] {
        // Batches acknowledged before this read are matched first.
        try await Deriver.drain(database, .conflicts, programmes: .init())
        let sql = """
            SELECT id, kind, resident_id, counties, records::text, \(cst.replacingOccurrences(of: "%@", with: "detected_at")),
                   CASE WHEN resolved_at IS NULL THEN NULL ELSE \(cst.replacingOccurrences(of: "%@", with: "resolved_at")) END
            FROM hub_conflicts
            WHERE id > $1 AND ($2::text IS NULL OR $2 = ANY(counties)) AND ($3::text IS NULL OR kind = $3)
              AND ($4 OR resolved_at IS NULL)
            ORDER BY id LIMIT $5
            """
        var binds = PostgresBindings()
        binds.append(after)
        binds.append(county)
        binds.append(kind)
        binds.append(includeResolved)
        binds.append(max(1, min(limit, 100_000)))
        var out: [HubConflict] = []
        for row in try await database.rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            let (id, kind, residentID, counties, recordsText, detected, resolved) =
                try row.decode((Int, String, String, [String], String, String, String?).self)
            var records = (try? JSONDecoder().decode([HubConflict.Record].self, from: Data(recordsText.utf8))) ?? []
            if ownRecordsOnly, let county { records = records.filter { $0.countyCode == county } }
            out.append(HubConflict(id: id, kind: kind, residentIDMasked: Masking.residentID(residentID), counties: counties,
                                   records: records, detectedAt: detected, resolvedAt: resolved))
        }
        return out
    }
}
