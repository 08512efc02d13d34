import HPV
import Logging
import PostgresNIO
import Screening

/// People matched across counties by resident ID: the resident IDs stored records lead to, and
/// their conflicts found again (new ones recorded, gone ones resolved). The `Deriver` runs it for
/// many batches at once, one deriver at a time, so two counties' records of one person are always
/// seen together.
enum PersonMatching {
    static func touchedResidentIDs(_ connection: PostgresConnection, county: String, kinds: [String], uuids: [String],
                                   logger: Logger) async throws -> [String] {
        try await connection.query(
            "SELECT hub_touched_resident_ids(\(county), \(kinds), \(uuids))", logger: logger
        ).collect().first?.decode([String].self) ?? []
    }

    static func detect(_ connection: PostgresConnection, touched: [String], samePregnancyDays: Int, logger: Logger) async throws {
        try await connection.run("""
            WITH found AS (SELECT * FROM hub_detect_conflicts(\(touched), \(samePregnancyDays)::integer)),
            up AS (
              INSERT INTO hub_conflicts (conflict_key, kind, resident_id, counties, records, record_uuids, detected_at, updated_at)
              SELECT conflict_key, kind, resident_id, counties, records, record_uuids, now(), now() FROM found
              ON CONFLICT (conflict_key) DO UPDATE SET counties = EXCLUDED.counties, records = EXCLUDED.records,
                record_uuids = EXCLUDED.record_uuids, updated_at = now(),
                detected_at = CASE WHEN hub_conflicts.resolved_at IS NULL THEN hub_conflicts.detected_at ELSE now() END,
                resolved_at = NULL
              WHERE hub_conflicts.resolved_at IS NOT NULL OR hub_conflicts.records IS DISTINCT FROM EXCLUDED.records)
            UPDATE hub_conflicts SET resolved_at = now(), updated_at = now()
            WHERE resolved_at IS NULL AND resident_id = ANY(\(touched)) AND conflict_key NOT IN (SELECT conflict_key FROM found)
            """, logger)
    }
}
