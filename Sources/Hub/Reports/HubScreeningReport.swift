import PostgresNIO
import ScreenVaxCore
import Screening

/// `hub report screening`: the province's screening rates on the deduplicated register, computed
/// in PostgreSQL: the county's `ScreeningReport` with the county's definitions
/// (docs/screening-rates.md): prenatal services over deliveries dated in the period (产妇数),
/// newborn services over live births (活产数), `registered` beside them, `initial_positives` from
/// each subject's first effective screen, `declined` the standing refusals of subjects not screened.
///
/// One subject, counted once: a woman's pregnancy registered in several counties (LMPs within the
/// programme's same_pregnancy_tolerance_days) is the registration made last; a newborn with a
/// resident ID is the record the hub received last. Each counts in its county, and the results,
/// refusals, recall cases and claims of all its registrations count for it. A service is claimed
/// once per subject: the first subsidised result, in the county that gave it.
public enum HubScreeningReport {
    public static func run(_ database: HubDatabase, programme: ScreeningProgramme, plan: ScreeningPlan, divisions: Divisions,
                           from: CalendarDate, to: CalendarDate) async throws -> ScreeningReport {
        // county → service → figures
        var table: [String: [String: ServiceFigures]] = [:]
        func bump(_ county: String, _ service: String, _ body: (inout ServiceFigures) -> Void) {
            guard let s = programme.service(service) else { return }
            var f = table[county]?[service] ?? ServiceFigures(service: service, targetRate: s.targetRate)
            body(&f)
            table[county, default: [:]][service] = f
        }
        // The figures kept at ingest when they were kept by this programme's rules; else every
        // subject is worked out here (slower at province scale, the same figures).
        // Batches acknowledged before this report are in it: their notes are derived first.
        try await Deriver.drain(database, .screening, programmes: .init(screening: programme))
        let kept = try await ScreeningState.isKept(database, programme: programme)
        var q = SQLParameters()
        let sql = kept ? keptFigures(&q, programme: programme, from: from, to: to) : figures(&q, programme: programme, from: from, to: to)
        var r = SQLParameters()
        let registeredSQL = kept ? keptRegistered(&r, from: from, to: to) : registered(&r, programme: programme, from: from, to: to)
        var c = SQLParameters()
        let claimsSQL = kept ? keptClaims(&c, from: from, to: to) : claims(&c, programme: programme, from: from, to: to)
        // Three statements that read what the drain above left: side by side, on the pool's connections.
        async let figureRows = database.rows(q.query(sql))
        async let registeredRows = database.rows(r.query(registeredSQL))
        async let claimRows = database.rows(c.query(claimsSQL))
        for row in try await figureRows {
            let (county, service, denominator, screened, positives, initial, recalled, diagnosed, confirmed, declined) =
                try row.decode((String, String, Int, Int, Int, Int, Int, Int, Int, Int).self)
            bump(county, service) {
                $0.denominator += denominator; $0.screened += screened; $0.positives += positives; $0.initialPositives += initial
                $0.recalled += recalled; $0.diagnosed += diagnosed; $0.confirmed += confirmed; $0.declined += declined
            }
        }
        for row in try await registeredRows {
            let (county, n) = try row.decode((String, Int).self)
            for s in programme.services(for: .pregnancy) { bump(county, s.code) { $0.registered = ($0.registered ?? 0) + n } }
        }
        for row in try await claimRows {
            let (county, service, year, n) = try row.decode((String, String, Int, Int).self)
            let price = programme.service(service)?.subsidy(year: year) ?? 0
            bump(county, service) { $0.subsidy += price * Double(n) }
        }
        return ScreeningReportQuery.assemble(table, programme: programme, plan: plan, divisions: divisions, from: from, to: to)
    }

    /// Each subject's service's recall (`recall`: reached, diagnosed, confirmed) from the latest
    /// stage of each case in `cases` and the diagnoses in `diagnoses`, its results in `results`.
    static func recallCTE(_ results: String) -> String {
        """
        recall AS (
          SELECT r.s_county, r.s_uuid, c.service,
                 bool_or(c.stage_after IN ('contacted', 'referred', 'diagnosed', 'managed', 'closed')) AS recalled,
                 bool_or(coalesce(d.diagnosed, false)) AS diagnosed, bool_or(coalesce(d.confirmed, false)) AS confirmed
          FROM cases c JOIN \(results) r ON r.county_code = c.county_code AND r.uuid = c.result_uuid
          LEFT JOIN diagnoses d ON d.county_code = c.county_code AND d.case_uuid = c.case_uuid
          GROUP BY 1, 2, 3
        """
    }

    /// Each subject's service judged from its results in `results` (with `s_county`, `s_uuid`):
    /// `effective`, whether its first assessable screen was positive; `outcomes`, whether any was.
    static func outcomeCTEs(_ results: String) -> String {
        """
        effective AS (
          SELECT DISTINCT ON (s_county, s_uuid, service) s_county, s_uuid, service, outcome IN ('positive', 'rescreen') AS initial_positive
          FROM \(results) WHERE outcome <> 'not_assessable'
          ORDER BY s_county, s_uuid, service, performed_on, performed_at, county_code, uuid
        ), outcomes AS (
          SELECT s_county, s_uuid, service, bool_or(outcome = 'positive') AS positive FROM \(results) GROUP BY 1, 2, 3
        """
    }

    /// The rows of `table` whose person has one of `keys`. A person's key finds her records by
    /// index; a key of no person (county/uuid) finds the registrations whose person the hub has
    /// not received (the two never overlap).
    static func personScope(_ table: String, alias a: String, keys: String) -> String {
        """
        (SELECT \(a).* FROM unnest(\(keys)) k(key)
           \(KeyedLookup.join("hub_persons", "kp", on: "kp.person_key = k.key", keyed: true))
           \(KeyedLookup.join(table, a, on: "\(a).county_code = kp.county_code AND \(a).person_uuid = kp.uuid", keyed: true))
         UNION ALL
         SELECT \(a).* FROM (SELECT key FROM unnest(\(keys)) k(key) WHERE position('/' IN key) > 0) k
           \(KeyedLookup.join(table, a, on: "\(a).county_code = split_part(k.key, '/', 1) AND \(a).person_uuid = split_part(k.key, '/', 2)", keyed: true))
         WHERE NOT EXISTS (SELECT 1 FROM hub_persons kp WHERE kp.county_code = \(a).county_code AND kp.uuid = \(a).person_uuid OFFSET 0)) \(a)
        """
    }

    /// The subjects, each registration mapped to the one that counts (CTEs `preg`, `canon_preg`,
    /// `canon_newborn`, `subject_of`), shared by both queries.
    ///
    /// `keys` (a bound text[] of person keys) takes only the pregnancies of those women and the
    /// newborns of those people: every registration of each, so that the one that counts is the
    /// same as over the whole register.
    /// The day the hub received a registration, in the province's time: registrations are ordered
    /// by it, then county code, then uuid. By the instant received, two counties' registrations
    /// pushed at the same time would count wherever the race put them.
    static func received(_ alias: String?) -> String {
        "(\(alias.map { $0 + "." } ?? "")first_received_at AT TIME ZONE 'Asia/Shanghai')::date"
    }

    static func subjects(_ q: inout SQLParameters, programme: ScreeningProgramme, keys: String? = nil) -> String {
        let pregScope = keys.map { personScope("hub_pregnancies", alias: "g", keys: $0) } ?? "hub_pregnancies g"
        let bornScope = keys.map { personScope("hub_newborns", alias: "n", keys: $0) } ?? "hub_newborns n"
        return """
        preg AS (
          SELECT g.county_code, g.uuid, coalesce(p.resident_id, g.county_code || '/' || g.person_uuid) AS woman, g.lmp,
                 g.registered_on, g.outcome, g.closed_on, g.first_received_at
          FROM \(pregScope) \(KeyedLookup.join("hub_persons", "p", on: "p.county_code = g.county_code AND p.uuid = g.person_uuid", keyed: keys != nil, left: true))
        ), twice AS (
          SELECT woman FROM preg GROUP BY woman HAVING count(*) > 1
        ), canon_preg AS (
          SELECT DISTINCT ON (a.county_code, a.uuid) a.county_code, a.uuid, b.county_code AS c_county, b.uuid AS c_uuid
          FROM preg a JOIN preg b ON b.woman = a.woman AND abs(b.lmp - a.lmp) <= \(q.p(programme.samePregnancyToleranceDays))
          WHERE a.woman IN (SELECT woman FROM twice)
          ORDER BY a.county_code, a.uuid, b.registered_on DESC, \(received("b")) DESC, b.county_code DESC, b.uuid DESC
        ), born AS (
          SELECT n.county_code, n.uuid, p.resident_id, n.born_on, n.first_received_at
          FROM \(bornScope) \(KeyedLookup.join("hub_persons", "p", on: "p.county_code = n.county_code AND p.uuid = n.person_uuid", keyed: keys != nil, left: true))
        ), canon_newborn AS (
          SELECT a.county_code, a.uuid, b.county_code AS c_county, b.uuid AS c_uuid
          FROM born a JOIN (
            SELECT DISTINCT ON (resident_id) resident_id, county_code, uuid FROM born WHERE resident_id IS NOT NULL
            ORDER BY resident_id, \(received(nil)) DESC, county_code DESC, uuid DESC) b ON b.resident_id = a.resident_id
        ), counted_preg AS (
          SELECT g.county_code, g.uuid, g.registered_on, g.outcome, g.closed_on FROM preg g
          LEFT JOIN canon_preg c ON c.county_code = g.county_code AND c.uuid = g.uuid
          WHERE c.uuid IS NULL OR (c.c_county = g.county_code AND c.c_uuid = g.uuid)
        ), counted_newborn AS (
          SELECT n.county_code, n.uuid, n.born_on FROM born n
          LEFT JOIN canon_newborn c ON c.county_code = n.county_code AND c.uuid = n.uuid
          WHERE c.uuid IS NULL OR (c.c_county = n.county_code AND c.c_uuid = n.uuid)
        ), results AS (
          SELECT r.county_code, r.uuid, r.service, r.subject, r.outcome, r.subsidised, r.performed_on, r.data->>'performed_at' AS performed_at,
                 CASE WHEN r.subject = 'newborn' THEN coalesce(cn.c_county, r.county_code) ELSE coalesce(cp.c_county, r.county_code) END AS s_county,
                 CASE WHEN r.subject = 'newborn' THEN coalesce(cn.c_uuid, r.newborn_uuid) ELSE coalesce(cp.c_uuid, r.pregnancy_uuid) END AS s_uuid
          FROM hub_screening_results r
          LEFT JOIN canon_preg cp ON r.subject = 'pregnancy' AND cp.county_code = r.county_code AND cp.uuid = r.pregnancy_uuid
          LEFT JOIN canon_newborn cn ON r.subject = 'newborn' AND cn.county_code = r.county_code AND cn.uuid = r.newborn_uuid
        )
        """
    }

    /// The placeholders a cohort of the period is chosen by, in both ways of counting it: the services
    /// of each subject, the outcomes that count as deliveries, and the period's first and last day.
    private static func cohortParameters(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate)
        -> (prenatal: String, newborn: String, deliveries: String, first: String, last: String) {
        (q.p(programme.services(for: .pregnancy).map(\.code)), q.p(programme.services(for: .newborn).map(\.code)),
         q.p(programme.report.prenatalDenominator.outcomes), q.date(from), q.date(to))
    }

    /// Per county and service: denominator, screened, positives, initial positives, recalled,
    /// diagnosed, confirmed, declined.
    static func figures(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate) -> String {
        let (prenatal, newborn, deliveries, first, last) = cohortParameters(&q, programme: programme, from: from, to: to)
        return """
            WITH \(subjects(&q, programme: programme)),
            cohort AS (
              SELECT g.county_code, g.uuid, s.service FROM counted_preg g CROSS JOIN unnest(\(prenatal)::text[]) AS s(service)
              WHERE g.outcome = ANY(\(deliveries)::text[]) AND g.closed_on BETWEEN \(first) AND \(last)
              UNION ALL
              SELECT n.county_code, n.uuid, s.service FROM counted_newborn n CROSS JOIN unnest(\(newborn)::text[]) AS s(service)
              WHERE n.born_on BETWEEN \(first) AND \(last)
            ), \(outcomeCTEs("results"))
            ), refusals AS (
              SELECT DISTINCT
                     CASE WHEN d.subject = 'newborn' THEN coalesce(cn.c_county, d.county_code) ELSE coalesce(cp.c_county, d.county_code) END AS s_county,
                     CASE WHEN d.subject = 'newborn' THEN coalesce(cn.c_uuid, d.subject_uuid) ELSE coalesce(cp.c_uuid, d.subject_uuid) END AS s_uuid,
                     d.service
              FROM hub_screening_declines d
              LEFT JOIN canon_preg cp ON d.subject = 'pregnancy' AND cp.county_code = d.county_code AND cp.uuid = d.subject_uuid
              LEFT JOIN canon_newborn cn ON d.subject = 'newborn' AND cn.county_code = d.county_code AND cn.uuid = d.subject_uuid
              WHERE d.lifted_on IS NULL
            ), cases AS (
              SELECT DISTINCT ON (st.county_code, st.case_uuid) st.county_code, st.case_uuid, st.result_uuid, st.service, st.stage_after
              FROM hub_recall_steps st ORDER BY st.county_code, st.case_uuid, st.case_version DESC, st.on_date DESC
            ), diagnoses AS (
              SELECT county_code, case_uuid, bool_or(true) AS diagnosed, bool_or(outcome = 'confirmed') AS confirmed
              FROM hub_recall_steps WHERE step = 'diagnosed' GROUP BY 1, 2
            ), \(recallCTE("results"))
            )
            SELECT c.county_code, c.service, count(*)::bigint,
                   count(e.s_uuid)::bigint, count(*) FILTER (WHERE o.positive)::bigint,
                   count(*) FILTER (WHERE e.initial_positive)::bigint,
                   count(*) FILTER (WHERE rc.recalled)::bigint, count(*) FILTER (WHERE rc.diagnosed)::bigint,
                   count(*) FILTER (WHERE rc.confirmed)::bigint,
                   count(*) FILTER (WHERE rf.s_uuid IS NOT NULL AND e.s_uuid IS NULL)::bigint
            FROM cohort c
            LEFT JOIN effective e ON e.s_county = c.county_code AND e.s_uuid = c.uuid AND e.service = c.service
            LEFT JOIN outcomes o ON o.s_county = c.county_code AND o.s_uuid = c.uuid AND o.service = c.service
            LEFT JOIN refusals rf ON rf.s_county = c.county_code AND rf.s_uuid = c.uuid AND rf.service = c.service
            LEFT JOIN recall rc ON rc.s_county = c.county_code AND rc.s_uuid = c.uuid AND rc.service = c.service
            GROUP BY 1, 2
            """
    }

    /// Pregnancies registered in the period per county, each woman's pregnancy once: the
    /// registry's workload, shown beside the national denominator.
    static func registered(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate) -> String {
        """
        WITH \(subjects(&q, programme: programme))
        SELECT county_code, count(*)::bigint FROM counted_preg
        WHERE registered_on BETWEEN \(q.date(from)) AND \(q.date(to)) GROUP BY 1
        """
    }

    /// Claims dated in the period, per county, service and programme year: per subject and
    /// service, its first subsidised result, in the county that gave it.
    static func claims(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate) -> String {
        """
        WITH \(subjects(&q, programme: programme)),
        firsts AS (
          SELECT DISTINCT ON (s_county, s_uuid, service) county_code, service, performed_on
          FROM results WHERE subsidised ORDER BY s_county, s_uuid, service, performed_on, county_code, uuid
        )
        SELECT county_code, service, extract(year FROM performed_on)::bigint, count(*)::bigint FROM firsts
        WHERE performed_on BETWEEN \(q.date(from)) AND \(q.date(to)) GROUP BY 1, 2, 3
        """
    }

    /// `figures` from the kept subjects and figures (ScreeningState).
    static func keptFigures(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate) -> String {
        let (prenatal, newborn, deliveries, first, last) = cohortParameters(&q, programme: programme, from: from, to: to)
        return """
            WITH cohort AS (
              SELECT s.county_code, s.uuid, v.service FROM hub_screening_subjects s CROSS JOIN unnest(\(prenatal)::text[]) AS v(service)
              WHERE s.kind = 'pregnancy' AND s.counted AND s.outcome = ANY(\(deliveries)::text[]) AND s.closed_on BETWEEN \(first) AND \(last)
              UNION ALL
              SELECT s.county_code, s.uuid, v.service FROM hub_screening_subjects s CROSS JOIN unnest(\(newborn)::text[]) AS v(service)
              WHERE s.kind = 'newborn' AND s.counted AND s.born_on BETWEEN \(first) AND \(last)
            )
            SELECT c.county_code, c.service, count(*)::bigint,
                   count(*) FILTER (WHERE f.screened)::bigint, count(*) FILTER (WHERE f.positive)::bigint,
                   count(*) FILTER (WHERE f.initial_positive)::bigint,
                   count(*) FILTER (WHERE f.recalled)::bigint, count(*) FILTER (WHERE f.diagnosed)::bigint,
                   count(*) FILTER (WHERE f.confirmed)::bigint,
                   count(*) FILTER (WHERE f.refused AND NOT f.screened)::bigint
            FROM cohort c
            LEFT JOIN hub_screening_figures f ON f.s_county = c.county_code AND f.s_uuid = c.uuid AND f.service = c.service
            GROUP BY 1, 2
            """
    }

    /// `registered` from the kept subjects.
    static func keptRegistered(_ q: inout SQLParameters, from: CalendarDate, to: CalendarDate) -> String {
        """
        SELECT county_code, count(*)::bigint FROM hub_screening_subjects
        WHERE kind = 'pregnancy' AND counted AND registered_on BETWEEN \(q.date(from)) AND \(q.date(to)) GROUP BY 1
        """
    }

    /// `claims` from the kept figures: each subject's first subsidised result per service.
    static func keptClaims(_ q: inout SQLParameters, from: CalendarDate, to: CalendarDate) -> String {
        """
        SELECT claim_county, service, extract(year FROM claim_on)::bigint, count(*)::bigint FROM hub_screening_figures
        WHERE claim_on BETWEEN \(q.date(from)) AND \(q.date(to)) GROUP BY 1, 2, 3
        """
    }
}
