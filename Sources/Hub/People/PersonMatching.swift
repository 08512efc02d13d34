import HPV
import Logging
import PostgresNIO
import Screening

/// People matched across counties by resident ID, in each batch's own transaction: the resident
/// IDs its records lead to are locked (in one order, so two batches never wait on each other in
/// a circle), then their conflicts are found again: new ones recorded, gone ones resolved.
///
/// The lock is what makes two counties pushing the same girl at once find each other: the second
/// to take it waits for the first to commit, then sees its rows.
enum PersonMatching {
    /// A fixed seed for the advisory-lock keys of resident IDs.
    static let lockSeed = 7_261_016

    /// `samePregnancyDays`: the screening programme's same_pregnancy_tolerance_days. `hpv` and
    /// `screening`: the programmes whose report state (HPVGirls, ScreeningState) is kept, nil for
    /// none. The people those lead to are locked with the resident IDs, in one order, for the same
    /// reason: one person's records pushed by two counties at once are worked out by the second.
    static func afterStore(samePregnancyDays: Int, hpv: HPVProgramme?, screening: ScreeningProgramme?, logger: Logger)
        -> @Sendable (PostgresConnection, String, [BatchStore.StoredRecord], [String]) async throws -> Void {
        { connection, county, stored, keysBefore in
            let relevant = stored.filter { ["person", "roster_entry", "pregnancy", "newborn", "screening_result"].contains($0.type) }
            let touched = relevant.isEmpty ? [] : try await touchedResidentIDs(connection, county: county, kinds: relevant.map(\.type),
                                                                               uuids: relevant.map(\.uuid), logger: logger)
            var girls: [String] = []
            if hpv != nil {
                girls = Array(Set(try await HPVGirls.touched(connection, county: county, stored: stored, logger: logger) + keysBefore))
            }
            var subjects = ScreeningState.Touched()
            if screening != nil {
                subjects = try await ScreeningState.touched(connection, county: county, stored: stored, logger: logger)
                subjects.keys = Array(Set(subjects.keys + keysBefore))
            }
            let locks = touched + girls + subjects.lockKeys
            guard !locks.isEmpty else { return }
            try await lock(connection, locks, logger: logger)
            if !touched.isEmpty {
                try await detect(connection, touched: touched, samePregnancyDays: samePregnancyDays, logger: logger)
            }
            if let hpv, !girls.isEmpty { try await HPVGirls.refresh(connection, programme: hpv, keys: girls, logger: logger) }
            if let screening { try await ScreeningState.refresh(connection, programme: screening, touched: subjects, logger: logger) }
        }
    }

    static func touchedResidentIDs(_ connection: PostgresConnection, county: String, kinds: [String], uuids: [String],
                                   logger: Logger) async throws -> [String] {
        try await connection.query(
            "SELECT hub_touched_resident_ids(\(county), \(kinds), \(uuids))", logger: logger
        ).collect().first?.decode([String].self) ?? []
    }

    /// Transaction-scoped advisory locks on the keys, taken in the order of their hashes.
    static func lock(_ connection: PostgresConnection, _ keys: [String], logger: Logger) async throws {
        try await connection.run("""
            SELECT count(pg_advisory_xact_lock(k)) FROM (
              SELECT DISTINCT hashtextextended(x, \(lockSeed)) AS k FROM unnest(\(keys)::text[]) x ORDER BY 1) s
            """, logger)
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
