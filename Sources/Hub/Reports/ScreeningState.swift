import Logging
import PostgresNIO
import ScreenVaxCore
import Screening

/// The screening report's figures kept at ingest (`hub_screening_subjects`,
/// `hub_screening_figures`): every registration mapped to the one that counts, by
/// `HubScreeningReport.subjects`, the report's own SQL, and per subject and service what the
/// report counts over all of its results, refusals and recall cases.
///
/// A batch's pregnancies, newborns, results, refusals, recall steps and people lead to people
/// (a woman, a newborn); all the registrations of those people are mapped again and their
/// subjects' figures written again, by the `Deriver` for many batches at once. A result or refusal whose
/// registration the hub has not received counts for that registration alone, as in the report.
enum ScreeningState {
    static let stateName = "screening"

    /// The only rule the kept figures depend on: which registrations are one pregnancy.
    /// The tolerance, and which registration counts (a state kept by another order is worked out again).
    static func rules(_ programme: ScreeningProgramme) -> String {
        "same_pregnancy_days=\(programme.samePregnancyToleranceDays)|registered:day,county,uuid"
    }

    static func isKept(_ database: HubDatabase, programme: ScreeningProgramme) async throws -> Bool {
        try await ReportState.isKept(database, name: stateName, rules: rules(programme))
    }

    /// Writes every figure again unless they were kept by these rules.
    static func prepare(_ database: HubDatabase, programme: ScreeningProgramme) async throws {
        let logger = database.logger
        try await ReportState.prepare(database, name: stateName, rules: rules(programme), lock: HubMigrations.lockKey + 2) { connection in
            try await connection.run("DELETE FROM hub_screening_subjects", logger)
            try await connection.run("DELETE FROM hub_screening_figures", logger)
            var q = SQLParameters()
            let sql = write(&q, programme: programme, scope: nil)
            try await connection.run(q.query(sql), logger)
        }
    }

    /// A registration as results and refusals name it.
    struct Registration: Hashable, Sendable {
        let kind: String
        let county: String
        let uuid: String
    }

    /// What a batch's stored records lead to: the keys of the people whose registrations are
    /// mapped again, and the registrations named that the hub has not received.
    struct Touched: Sendable {
        var keys: [String] = []
        var unreceived: [Registration] = []

        /// The advisory-lock keys: the people, and each unreceived registration.
        var lockKeys: [String] { keys + unreceived.map { "\($0.county)/\($0.uuid)" } }
    }

    static func touched(_ connection: PostgresConnection, county: String, stored: [BatchStore.StoredRecord],
                        logger: Logger) async throws -> Touched {
        let relevant = stored.filter {
            ["person", "pregnancy", "newborn", "screening_result", "screening_decline", "recall_step"].contains($0.type)
        }
        guard !relevant.isEmpty else { return Touched() }
        let kinds = relevant.map(\.type), uuids = relevant.map(\.uuid)
        let rows = try await connection.query("""
            WITH r AS (SELECT k, u FROM unnest(\(kinds)::text[], \(uuids)::text[]) AS x(k, u)),
            refs AS (
              SELECT 'pregnancy' AS kind, \(county)::text AS county_code, r.u AS uuid FROM r WHERE r.k = 'pregnancy'
              UNION SELECT 'newborn', \(county)::text, r.u FROM r WHERE r.k = 'newborn'
              UNION SELECT CASE WHEN s.subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END, s.county_code,
                           CASE WHEN s.subject = 'newborn' THEN s.newborn_uuid ELSE s.pregnancy_uuid END
                    FROM r JOIN hub_screening_results s ON s.county_code = \(county) AND s.uuid = r.u WHERE r.k = 'screening_result'
              UNION SELECT CASE WHEN d.subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END, d.county_code, d.subject_uuid
                    FROM r JOIN hub_screening_declines d ON d.county_code = \(county) AND d.uuid = r.u WHERE r.k = 'screening_decline'
              -- A case's every result: a step naming another result moves the case from one subject to another.
              UNION SELECT CASE WHEN s.subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END, s.county_code,
                           CASE WHEN s.subject = 'newborn' THEN s.newborn_uuid ELSE s.pregnancy_uuid END
                    FROM r JOIN hub_recall_steps st ON st.county_code = \(county) AND st.uuid = r.u
                    JOIN hub_recall_steps o ON o.county_code = \(county) AND o.case_uuid = st.case_uuid
                    JOIN hub_screening_results s ON s.county_code = \(county) AND s.uuid = o.result_uuid WHERE r.k = 'recall_step'
              UNION SELECT 'pregnancy', g.county_code, g.uuid
                    FROM r JOIN hub_pregnancies g ON g.county_code = \(county) AND g.person_uuid = r.u WHERE r.k = 'person'
              UNION SELECT 'newborn', n.county_code, n.uuid
                    FROM r JOIN hub_newborns n ON n.county_code = \(county) AND n.person_uuid = r.u WHERE r.k = 'person'
            ), keyed AS (
              -- Every record named is the pushing county's own: the county as a constant keeps
              -- each lookup in one partition, by index.
              SELECT f.kind, f.county_code, f.uuid,
                     CASE WHEN g.uuid IS NOT NULL THEN coalesce(p.person_key, g.county_code || '/' || g.person_uuid)
                          WHEN n.uuid IS NOT NULL THEN coalesce(p.person_key, n.county_code || '/' || n.person_uuid) END AS key
              FROM refs f
              LEFT JOIN hub_pregnancies g ON f.kind = 'pregnancy' AND g.county_code = \(county) AND g.uuid = f.uuid
              LEFT JOIN hub_newborns n ON f.kind = 'newborn' AND n.county_code = \(county) AND n.uuid = f.uuid
              LEFT JOIN hub_persons p ON p.county_code = \(county) AND p.uuid = coalesce(g.person_uuid, n.person_uuid)
              WHERE f.uuid IS NOT NULL
            )
            SELECT kind, county_code, uuid, key FROM keyed
            """, logger: logger).collect()
        var keys = Set<String>(), unreceived = Set<Registration>()
        for row in rows {
            let (kind, county, uuid, key) = try row.decode((String, String, String, String?).self)
            if let key { keys.insert(key) } else { unreceived.insert(Registration(kind: kind, county: county, uuid: uuid)) }
        }
        return Touched(keys: Array(keys), unreceived: Array(unreceived))
    }

    /// Maps the registrations of `touched`'s people again and writes their subjects' figures
    /// (the caller, the `Deriver`, holds the screening state's lock).
    static func refresh(_ connection: PostgresConnection, programme: ScreeningProgramme, touched: Touched,
                        logger: Logger) async throws {
        guard !touched.keys.isEmpty || !touched.unreceived.isEmpty else { return }
        var q = SQLParameters()
        let sql = write(&q, programme: programme, scope: touched)
        // The tables are read by index through the scope's lookups; what is left joins the
        // statement's own steps, whose sizes PostgreSQL cannot know: by hash, never a loop
        // over one step for each row of another.
        try await connection.run("SET LOCAL enable_nestloop = off", logger)
        try await connection.run(q.query(sql), logger)
    }

    /// The statement that writes the subjects and figures of every registration (`scope` nil,
    /// into empty tables) or of the people and unreceived registrations of `scope`.
    static func write(_ q: inout SQLParameters, programme: ScreeningProgramme, scope: Touched?) -> String {
        let keys = scope.map { q.p(Array(Set($0.keys))) + "::text[]" }
        func lookup(_ table: String, _ alias: String, on condition: String) -> String {
            KeyedLookup.join(table, alias, on: condition, keyed: scope != nil)
        }
        let subjects = HubScreeningReport.subjects(&q, programme: programme, keys: keys)
        let named: String
        if let scope {
            named = """
                SELECT * FROM unnest(\(q.p(scope.unreceived.map(\.kind)))::text[], \(q.p(scope.unreceived.map(\.county)))::text[],
                                     \(q.p(scope.unreceived.map(\.uuid)))::text[]) AS o(kind, county_code, uuid)
                """
        } else {
            named = """
                SELECT DISTINCT CASE WHEN subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END AS kind, county_code,
                       CASE WHEN subject = 'newborn' THEN newborn_uuid ELSE pregnancy_uuid END AS uuid FROM hub_screening_results
                UNION
                SELECT CASE WHEN subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END, county_code, subject_uuid FROM hub_screening_declines
                """
        }
        return """
            WITH \(subjects),
            subj AS (
              SELECT 'pregnancy' AS kind, g.county_code, g.uuid, coalesce(c.c_county, g.county_code) AS c_county,
                     coalesce(c.c_uuid, g.uuid) AS c_uuid, (c.uuid IS NULL OR (c.c_county = g.county_code AND c.c_uuid = g.uuid)) AS counted,
                     g.registered_on, g.outcome, g.closed_on, NULL::date AS born_on
              FROM preg g LEFT JOIN canon_preg c ON c.county_code = g.county_code AND c.uuid = g.uuid
              UNION ALL
              SELECT 'newborn', n.county_code, n.uuid, coalesce(c.c_county, n.county_code), coalesce(c.c_uuid, n.uuid),
                     (c.uuid IS NULL OR (c.c_county = n.county_code AND c.c_uuid = n.uuid)), NULL, NULL, NULL, n.born_on
              FROM born n LEFT JOIN canon_newborn c ON c.county_code = n.county_code AND c.uuid = n.uuid
            ), named AS (\(named)
            ), m AS (
              SELECT kind, county_code, uuid, c_county, c_uuid FROM subj
              UNION ALL
              SELECT o.kind, o.county_code, o.uuid, o.county_code, o.uuid FROM named o
              WHERE o.uuid IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM hub_pregnancies g WHERE o.kind = 'pregnancy' AND g.county_code = o.county_code AND g.uuid = o.uuid)
                AND NOT EXISTS (SELECT 1 FROM hub_newborns n WHERE o.kind = 'newborn' AND n.county_code = o.county_code AND n.uuid = o.uuid)
            ), res AS (
              SELECT r.county_code, r.uuid, r.service, r.outcome, r.subsidised, r.performed_on, r.data->>'performed_at' AS performed_at,
                     m.c_county AS s_county, m.c_uuid AS s_uuid
              FROM m \(lookup("hub_screening_results", "r", on: "r.county_code = m.county_code AND r.pregnancy_uuid = m.uuid AND r.subject <> 'newborn'"))
              WHERE m.kind = 'pregnancy'
              UNION ALL
              SELECT r.county_code, r.uuid, r.service, r.outcome, r.subsidised, r.performed_on, r.data->>'performed_at',
                     m.c_county, m.c_uuid
              FROM m \(lookup("hub_screening_results", "r", on: "r.county_code = m.county_code AND r.newborn_uuid = m.uuid AND r.subject = 'newborn'"))
              WHERE m.kind = 'newborn'
            ), \(HubScreeningReport.outcomeCTEs("res"))
            ), firsts AS (
              SELECT DISTINCT ON (s_county, s_uuid, service) s_county, s_uuid, service, county_code, performed_on
              FROM res WHERE subsidised ORDER BY s_county, s_uuid, service, performed_on, county_code, uuid
            ), refusals AS (
              SELECT DISTINCT m.c_county AS s_county, m.c_uuid AS s_uuid, d.service
              FROM m \(lookup("hub_screening_declines", "d", on: "d.county_code = m.county_code AND d.subject_uuid = m.uuid"))
              WHERE d.lifted_on IS NULL AND m.kind = CASE WHEN d.subject = 'newborn' THEN 'newborn' ELSE 'pregnancy' END
            ), touched_cases AS (
              SELECT DISTINCT st.county_code, st.case_uuid
              FROM res r \(lookup("hub_recall_steps", "st", on: "st.county_code = r.county_code AND st.result_uuid = r.uuid"))
            ), cases AS (
              SELECT DISTINCT ON (st.county_code, st.case_uuid) st.county_code, st.case_uuid, st.result_uuid, st.service, st.stage_after
              FROM touched_cases t \(lookup("hub_recall_steps", "st", on: "st.county_code = t.county_code AND st.case_uuid = t.case_uuid"))
              ORDER BY st.county_code, st.case_uuid, st.case_version DESC, st.on_date DESC
            ), diagnoses AS (
              SELECT st.county_code, st.case_uuid, bool_or(true) AS diagnosed, bool_or(st.outcome = 'confirmed') AS confirmed
              FROM touched_cases t \(lookup("hub_recall_steps", "st", on: "st.county_code = t.county_code AND st.case_uuid = t.case_uuid"))
              WHERE st.step = 'diagnosed' GROUP BY 1, 2
            ), \(HubScreeningReport.recallCTE("res"))
            ), fig AS (
              SELECT k.s_county, k.s_uuid, k.service, e.s_uuid IS NOT NULL AS screened, coalesce(e.initial_positive, false) AS initial_positive,
                     coalesce(o.positive, false) AS positive, rf.s_uuid IS NOT NULL AS refused, coalesce(rc.recalled, false) AS recalled,
                     coalesce(rc.diagnosed, false) AS diagnosed, coalesce(rc.confirmed, false) AS confirmed,
                     f.county_code AS claim_county, f.performed_on AS claim_on
              FROM (SELECT s_county, s_uuid, service FROM outcomes UNION SELECT s_county, s_uuid, service FROM refusals
                    UNION SELECT s_county, s_uuid, service FROM recall) k
              LEFT JOIN effective e ON e.s_county = k.s_county AND e.s_uuid = k.s_uuid AND e.service = k.service
              LEFT JOIN outcomes o ON o.s_county = k.s_county AND o.s_uuid = k.s_uuid AND o.service = k.service
              LEFT JOIN refusals rf ON rf.s_county = k.s_county AND rf.s_uuid = k.s_uuid AND rf.service = k.service
              LEFT JOIN recall rc ON rc.s_county = k.s_county AND rc.s_uuid = k.s_uuid AND rc.service = k.service
              LEFT JOIN firsts f ON f.s_county = k.s_county AND f.s_uuid = k.s_uuid AND f.service = k.service
            ), written_subjects AS (
              INSERT INTO hub_screening_subjects (kind, county_code, uuid, c_county, c_uuid, counted, registered_on, outcome, closed_on, born_on)
              SELECT kind, county_code, uuid, c_county, c_uuid, counted, registered_on, outcome, closed_on, born_on FROM subj
              ON CONFLICT (kind, county_code, uuid) DO UPDATE SET c_county = EXCLUDED.c_county, c_uuid = EXCLUDED.c_uuid,
                counted = EXCLUDED.counted, registered_on = EXCLUDED.registered_on, outcome = EXCLUDED.outcome,
                closed_on = EXCLUDED.closed_on, born_on = EXCLUDED.born_on
            ), removed AS (
              -- By row address: the figures gone are found through the scope's own, and the
              -- table is not joined again (a join with hashing allowed would read all of it).
              DELETE FROM hub_screening_figures x WHERE x.ctid = ANY (ARRAY(
                SELECT f.row_id FROM m CROSS JOIN LATERAL (
                  SELECT f.ctid AS row_id, f.s_county, f.s_uuid, f.service FROM hub_screening_figures f
                  WHERE f.s_county = m.county_code AND f.s_uuid = m.uuid OFFSET 0) f
                WHERE NOT EXISTS (SELECT 1 FROM fig WHERE fig.s_county = f.s_county AND fig.s_uuid = f.s_uuid AND fig.service = f.service)))
            )
            INSERT INTO hub_screening_figures (s_county, s_uuid, service, screened, initial_positive, positive, refused, recalled,
                                               diagnosed, confirmed, claim_county, claim_on)
            SELECT * FROM fig
            ON CONFLICT (s_county, s_uuid, service) DO UPDATE SET screened = EXCLUDED.screened, initial_positive = EXCLUDED.initial_positive,
              positive = EXCLUDED.positive, refused = EXCLUDED.refused, recalled = EXCLUDED.recalled, diagnosed = EXCLUDED.diagnosed,
              confirmed = EXCLUDED.confirmed, claim_county = EXCLUDED.claim_county, claim_on = EXCLUDED.claim_on
            """
    }
}
