import HPV
import Logging
import PostgresNIO
import ScreenVaxCore

/// The HPV report's register kept at ingest (`hub_hpv_girls`): each girl's enrolment that counts
/// and her series judged over all her doses, by `HubHPVReport.judging`, the report's own SQL.
///
/// `hub serve` judges every girl again when the register was judged by other rules (or never),
/// then, through the `Deriver` after batches commit, the girls their people, enrolments and doses lead to.
/// The report reads the register only when its programme judges by the rules it was judged by.
enum HPVGirls {
    static let stateName = "hpv"

    /// What the judging depends on: the programme, its date rule, each target's ages and
    /// interval, and the products it funds. Not the cohort, prices or as-of date: the report
    /// applies those itself.
    static func rules(_ programme: HPVProgramme) -> String {
        var parts = [programme.id, "\(programme.rule)"]
        for (i, t) in programme.series.doses.enumerated() {
            let floor = (t.absoluteMinimumAge ?? t.minimumAge).map(\.description) ?? "-"
            let ceiling = HubHPVReport.earlier(t.maximumAge, programme.series.seriesAgeLimit, rule: programme.rule).description
            let interval = i > 0 ? ((t.absoluteMinimumInterval ?? t.minimumInterval).map(\.description) ?? "-") : "-"
            parts.append("\(i + 1):\(floor)/\(ceiling)/\(interval)")
        }
        parts.append(programme.products.map(\.code).joined(separator: ","))
        // Which enrolment counts is part of what is kept: a register kept by another order is judged again.
        parts.append("enrolled:day,county,uuid")
        return parts.joined(separator: "|")
    }

    static func isKept(_ database: HubDatabase, programme: HPVProgramme) async throws -> Bool {
        try await ReportState.isKept(database, name: stateName, rules: rules(programme))
    }

    /// Judges every girl again unless the register was judged by these rules.
    static func prepare(_ database: HubDatabase, programme: HPVProgramme) async throws {
        let logger = database.logger
        try await ReportState.prepare(database, name: stateName, rules: rules(programme), lock: HubMigrations.lockKey + 1) { connection in
            try await connection.run("DELETE FROM hub_hpv_girls WHERE programme = \(programme.id)", logger)
            var q = SQLParameters()
            let sql = upsert(&q, programme: programme, keys: nil)
            try await connection.run(q.query(sql), logger)
        }
    }

    /// The person keys of the girls whose rows a batch's stored records can change: a person's
    /// own, an enrolment's and a dose's through their person.
    static func touched(_ connection: PostgresConnection, county: String, stored: [BatchStore.StoredRecord],
                        logger: Logger) async throws -> [String] {
        let relevant = stored.filter { ["person", "roster_entry", "dose"].contains($0.type) }
        guard !relevant.isEmpty else { return [] }
        let kinds = relevant.map(\.type), uuids = relevant.map(\.uuid)
        return try await connection.query("""
            WITH r AS (SELECT k, u FROM unnest(\(kinds)::text[], \(uuids)::text[]) AS x(k, u))
            SELECT coalesce(array_agg(DISTINCT key), '{}') FROM (
              SELECT p.person_key AS key FROM r JOIN hub_persons p ON p.county_code = \(county) AND p.uuid = r.u WHERE r.k = 'person'
              UNION ALL
              SELECT p.person_key FROM r JOIN hub_roster_entries e ON e.county_code = \(county) AND e.uuid = r.u
                JOIN hub_persons p ON p.county_code = \(county) AND p.uuid = e.person_uuid WHERE r.k = 'roster_entry'
              UNION ALL
              SELECT p.person_key FROM r JOIN hub_doses d ON d.county_code = \(county) AND d.uuid = r.u
                JOIN hub_persons p ON p.county_code = \(county) AND p.uuid = d.person_uuid WHERE r.k = 'dose') t
            """, logger: logger).collect().first?.decode([String].self) ?? []
    }

    /// Judges the girls of `keys` again (the caller, the `Deriver`, holds the register's lock): their rows replaced, a
    /// girl no longer enrolled removed.
    static func refresh(_ connection: PostgresConnection, programme: HPVProgramme, keys: [String], logger: Logger) async throws {
        guard !keys.isEmpty else { return }
        var q = SQLParameters()
        let sql = upsert(&q, programme: programme, keys: keys)
        try await connection.run(q.query(sql), logger)
    }

    /// The statement that writes the judged rows of all girls (`keys` nil) or of some, and
    /// removes the rows of those among `keys` with no enrolment left.
    static func upsert(_ q: inout SQLParameters, programme: HPVProgramme, keys: [String]?) -> String {
        let keyList = keys.map { q.p($0) + "::text[]" }
        let judging = HubHPVReport.judging(&q, programme: programme, asOf: nil, keys: keyList)
        let id = q.p(programme.id)
        let removed = keyList.map { list in
            """
            DELETE FROM hub_hpv_girls h USING unnest(\(list)) k(key)
            WHERE h.programme = \(id) AND h.girl_key = k.key AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.girl = k.key)
            """
        } ?? "SELECT 1"
        return """
            WITH \(judging),
            fresh AS (
              SELECT e.girl, e.county_code, e.birth_date, e.sex, e.consent, e.prior, f.first_dose,
                     coalesce(v.dates, '{}') AS dates, coalesce(v.historical, '{}') AS historical, coalesce(v.products, '{}') AS products
              FROM enrolled e
              LEFT JOIN (SELECT girl, min(dose_date) AS first_dose FROM doses GROUP BY girl) f ON f.girl = e.girl
              LEFT JOIN (SELECT girl, array_agg(dose_date ORDER BY k) AS dates, array_agg(historical ORDER BY k) AS historical,
                                array_agg(product ORDER BY k) AS products
                         FROM valid GROUP BY girl) v ON v.girl = e.girl
            ), written AS (
              INSERT INTO hub_hpv_girls (programme, girl_key, county_code, birth_date, sex, consent, prior, first_dose,
                                         valid_dates, valid_historical, valid_products)
              SELECT \(id), girl, county_code, birth_date, sex, consent, prior, first_dose, dates, historical, products FROM fresh
              ON CONFLICT (programme, girl_key) DO UPDATE SET county_code = EXCLUDED.county_code, birth_date = EXCLUDED.birth_date,
                sex = EXCLUDED.sex, consent = EXCLUDED.consent, prior = EXCLUDED.prior, first_dose = EXCLUDED.first_dose,
                valid_dates = EXCLUDED.valid_dates, valid_historical = EXCLUDED.valid_historical, valid_products = EXCLUDED.valid_products)
            \(removed)
            """
    }
}
