import HPV
import PostgresNIO
import ScreenVaxCore

/// `hub report hpv`: the province's coverage on the deduplicated register, computed in
/// PostgreSQL: the county's `CoverageReport`, assembled the same way from the county lines.
///
/// A girl is one resident ID province-wide (a person without one stays her county's own), counted
/// once, where she was enrolled last (`enrolledOrder`: the day the hub received it, then county
/// code, then uuid). Her doses are all her linked records' doses, one per day. Each dose is judged
/// by the programme's series as the county judges it (HPV's DoseEvaluator on the programme
/// schedule): target dose k is the first dose after target k-1's that is of a funded product,
/// within its lot's expiry, inside target k's ages (absolute minimum up to the earlier of its
/// maximum and the series limit) and, from the second, at least the absolute minimum interval
/// after the dose before it.
public enum HubHPVReport {
    public static func run(_ database: HubDatabase, programme: HPVProgramme, plan: [String: Int], divisions: Divisions,
                           asOf: CalendarDate) async throws -> CoverageReport {
        // Batches acknowledged before this report are in it: their notes are derived first.
        try await Deriver.drain(database, .hpv, programmes: .init(hpv: programme))
        var q = SQLParameters()
        // The register kept at ingest when it was judged by this programme's rules; else every
        // girl is judged here (slower at province scale, the same figures).
        let sql = try await HPVGirls.isKept(database, programme: programme)
            ? keptQuery(&q, programme: programme, asOf: asOf) : query(&q, programme: programme, asOf: asOf)
        var counties: [CoverageReport.Line] = []
        for row in try await database.rows(q.query(sql)) {
            let (code, roster, eligible, consented, dose1, complete, doses, cost, aefi, serious) =
                try row.decode((String, Int, Int, Int, Int, Int, Int, Double, Int, Int).self)
            let county = divisions.county(code: code)
            let cityCode = county?.cityCode ?? String(code.prefix(4)) + "00"
            var line = CoverageReport.Line(cityCode: cityCode, city: divisions.cityName(code: cityCode) ?? cityCode,
                                           countyCode: code, county: county?.name ?? code)
            line.roster = roster; line.eligible = eligible; line.consented = consented; line.dose1 = dose1
            line.complete = complete; line.programmeDoses = doses; line.cost = cost; line.aefi = aefi; line.aefiSerious = serious
            let split = programme.split(county: code)
            line.provinceShare = cost * Double(split.province) / Double(split.province + split.local)
            line.localShare = cost * Double(split.local) / Double(split.province + split.local)
            counties.append(line)
        }
        return CoverageReport.assemble(counties: counties, plan: plan, divisions: divisions, programme: programme.id, asOf: asOf)
    }

    /// The CTEs that judge girls' doses, `enrolled` to `valid`: each girl's enrolment that counts
    /// and her eligibility (`girls`), her doses one per day (`doses`) and her valid target doses
    /// (`valid`, k = 1…). `asOf` nil takes every dose; `keys` (a bound text[]) only those girls.
    ///
    /// Every date a rule needs is computed once per distinct birth date (the ages) or per distinct
    /// date of a previous dose (the intervals), not once per girl or dose: those CTEs are
    /// MATERIALIZED, as PostgreSQL would otherwise inline them and do the arithmetic on every row.
    static func judging(_ q: inout SQLParameters, programme: HPVProgramme, asOf: CalendarDate?, keys: String?) -> String {
        let rule = programme.rule
        let doseCount = programme.series.doses.count
        var limits: [String] = []
        var gaps: [String] = []
        var okColumns: [String] = []
        for (i, target) in programme.series.doses.enumerated() {
            let k = i + 1
            let floor = (target.absoluteMinimumAge ?? target.minimumAge).map { q.adding($0, to: "b", rule: rule) } ?? "NULL::date"
            let ceiling = q.adding(earlier(target.maximumAge, programme.series.seriesAgeLimit, rule: rule), to: "b", rule: rule)
            limits.append("\(floor) AS floor\(k), \(ceiling) AS ceiling\(k)")
            var tests = ["s.allowed", "s.in_date", "(s.floor\(k) IS NULL OR s.dose_date >= s.floor\(k))", "s.dose_date < s.ceiling\(k)"]
            if i > 0, let interval = target.absoluteMinimumInterval ?? target.minimumInterval {
                gaps.append("\(q.adding(interval, to: "pd", rule: rule)) AS after\(k)")
                tests.append("gp.after\(k) IS NOT NULL AND s.dose_date >= gp.after\(k)")
            }
            okColumns.append("(\(tests.joined(separator: " AND "))) AS ok\(k)")
        }
        if gaps.isEmpty { gaps.append("NULL::date AS after0") }
        var targets = """
            v1 AS (SELECT DISTINCT ON (girl) girl, 1 AS k, dose_date, historical, product FROM ok WHERE ok1 ORDER BY girl, dose_date)
            """
        for k in stride(from: 2, through: doseCount, by: 1) {
            targets += """
                ,
                v\(k) AS (SELECT DISTINCT ON (o.girl) o.girl, \(k) AS k, o.dose_date, o.historical, o.product FROM ok o
                  JOIN v\(k - 1) p ON p.girl = o.girl WHERE o.ok\(k) AND o.dose_date > p.dose_date ORDER BY o.girl, o.dose_date)
                """
        }
        let valid = (1...max(1, doseCount)).map { "SELECT * FROM v\($0)" }.joined(separator: " UNION ALL ")
        let floors = (1...max(1, doseCount)).map { "l.floor\($0), l.ceiling\($0)" }.joined(separator: ", ")
        let products = q.p(programme.products.map(\.code))
        let upTo = asOf.map { "AND d.dose_date <= \(q.date($0))" } ?? ""
        // A few girls: from their people by index, each one's records by index too (a join would
        // hash a whole table, the planner guessing the people in every partition; OFFSET 0 keeps
        // the lateral lookup from being flattened into that join).
        let enrolments: String, givenDoses: String
        if let keys {
            enrolments = """
                hub_persons p \(KeyedLookup.join("hub_roster_entries", "e", on: "e.county_code = p.county_code AND e.person_uuid = p.uuid", keyed: true))
                WHERE p.person_key = ANY(\(keys)) AND
                """
            givenDoses = """
                hub_persons p \(KeyedLookup.join("hub_doses", "d", on: "d.county_code = p.county_code AND d.person_uuid = p.uuid", keyed: true))
                WHERE p.person_key = ANY(\(keys))
                """
        } else {
            enrolments = "hub_roster_entries e JOIN hub_persons p ON p.county_code = e.county_code AND p.uuid = e.person_uuid WHERE"
            givenDoses = "hub_doses d JOIN hub_persons p ON p.county_code = d.county_code AND p.uuid = d.person_uuid WHERE true"
        }
        return """
            enrolled AS (
              SELECT DISTINCT ON (p.person_key) p.person_key AS girl, e.county_code, p.birth_date, p.sex, e.consent,
                     coalesce(e.prior_vaccination, false) AS prior
              FROM \(enrolments) e.programme = \(q.p(programme.id))
              ORDER BY p.person_key, \(enrolledOrder)
            ), limits AS MATERIALIZED (
              SELECT b, \(limits.joined(separator: ", ")) FROM (SELECT DISTINCT birth_date AS b FROM enrolled) x
            ), girls AS (
              SELECT g.girl, g.county_code, g.consent, \(floors), (\(eligible(&q, programme: programme, girl: "g"))) AS eligible
              FROM enrolled g JOIN limits l ON l.b = g.birth_date
            ), doses AS (
              SELECT p.person_key AS girl, d.dose_date, bool_and(coalesce(d.historical, false)) AS historical,
                     min(d.product) AS product, max(d.expiry) AS expiry
              FROM \(givenDoses) \(upTo)
              GROUP BY 1, 2
            ), seq AS (
              SELECT d.girl, d.dose_date, d.historical, d.product, \((1...max(1, doseCount)).map { "g.floor\($0), g.ceiling\($0)" }.joined(separator: ", ")),
                     lag(d.dose_date) OVER (PARTITION BY d.girl ORDER BY d.dose_date) AS previous,
                     d.product = ANY(\(products)) AS allowed, (d.expiry IS NULL OR d.dose_date <= d.expiry) AS in_date
              FROM doses d JOIN girls g ON g.girl = d.girl
            ), gaps AS MATERIALIZED (
              SELECT pd, \(gaps.joined(separator: ", ")) FROM (SELECT DISTINCT previous AS pd FROM seq WHERE previous IS NOT NULL) x
            ), ok AS (
              SELECT s.girl, s.dose_date, s.historical, s.product, \(okColumns.joined(separator: ", "))
              FROM seq s LEFT JOIN gaps gp ON gp.pd = s.previous
            ), \(targets),
            valid AS (\(valid))
            """
    }

    /// Which of a girl's enrolments counts, first to last: the latest day the hub received one,
    /// then the higher county code, then the higher uuid. A total order: by the instant received,
    /// two counties' enrolments pushed at the same time would be counted wherever the race
    /// put them, and the kept register and every report would depend on arrival order.
    static let enrolledOrder = "(e.first_received_at AT TIME ZONE 'Asia/Shanghai')::date DESC, e.county_code DESC, e.uuid DESC"

    /// The cohort's test on a girl's sex, age, prior vaccination and consent. Her age is a
    /// comparison of her birth date with the rule's threshold, worked out once by the county's rule.
    static func eligible(_ q: inout SQLParameters, programme: HPVProgramme, girl g: String) -> String {
        let cohort = programme.cohort
        let bornFrom = q.date(Eligibility.earliestBirthDateInCohortAge(programme: programme))
        return """
            \(g).sex = \(q.p(cohort.sex.rawValue)) AND \(g).birth_date >= \(bornFrom)
            AND NOT (\(q.p(cohort.requiresNoPriorHPVVaccination)) AND \(g).prior)
            AND NOT (\(q.p(cohort.requiresConsent)) AND \(g).consent = 'declined')
            """
    }

    /// AEFI with onset up to the as-of date, per girl.
    static func aefi(asOf: String) -> String {
        """
        SELECT p.person_key AS girl, count(*) AS n, count(*) FILTER (WHERE a.serious) AS serious
        FROM hub_aefi a
        JOIN hub_persons p ON p.county_code = a.county_code AND p.uuid = a.person_uuid
        WHERE a.onset_date <= \(asOf)
        GROUP BY 1
        """
    }

    /// One row per county: roster, eligible, consented, dose1, complete, programme doses, cost,
    /// AEFI; every girl judged here.
    static func query(_ q: inout SQLParameters, programme: HPVProgramme, asOf: CalendarDate) -> String {
        let doseCount = programme.series.doses.count
        let judging = judging(&q, programme: programme, asOf: asOf, keys: nil)
        let products = q.p(programme.products.map(\.code))
        let prices = q.p(programme.products.map { $0.price + programme.serviceFee })
        let asOfDate = q.date(asOf)
        return """
            WITH \(judging),
            judged AS (
              SELECT v.girl, bool_or(v.k = 1 AND NOT v.historical) AS dose1,
                     count(*) FILTER (WHERE NOT v.historical) AS counted,
                     coalesce(sum((\(prices))[array_position(\(products), v.product)]) FILTER (WHERE NOT v.historical), 0) AS cost
              FROM valid v GROUP BY v.girl
            ), dosed AS (
              SELECT DISTINCT girl FROM doses
            ), aefi AS (\(aefi(asOf: asOfDate)))
            SELECT g.county_code, count(*)::bigint,
                   count(*) FILTER (WHERE g.eligible)::bigint,
                   count(*) FILTER (WHERE g.eligible AND (g.consent = 'given' OR d.girl IS NOT NULL))::bigint,
                   count(*) FILTER (WHERE g.eligible AND coalesce(j.dose1, false))::bigint,
                   count(*) FILTER (WHERE g.eligible AND coalesce(j.counted, 0) >= \(q.p(doseCount)))::bigint,
                   coalesce(sum(j.counted) FILTER (WHERE g.eligible), 0)::bigint,
                   coalesce(sum(j.cost) FILTER (WHERE g.eligible), 0)::float8,
                   coalesce(sum(a.n), 0)::bigint, coalesce(sum(a.serious), 0)::bigint
            FROM girls g
            LEFT JOIN judged j ON j.girl = g.girl
            LEFT JOIN dosed d ON d.girl = g.girl
            LEFT JOIN aefi a ON a.girl = g.girl
            GROUP BY g.county_code
            """
    }

    /// The same rows from the register kept at ingest (`hub_hpv_girls`): a girl's target doses
    /// up to the as-of date are those of her series dated on or before it.
    static func keptQuery(_ q: inout SQLParameters, programme: HPVProgramme, asOf: CalendarDate) -> String {
        let doseCount = programme.series.doses.count
        let asOfDate = q.date(asOf)
        let products = q.p(programme.products.map(\.code))
        let prices = q.p(programme.products.map { $0.price + programme.serviceFee })
        let id = q.p(programme.id)
        let targets = 1...max(1, doseCount)
        // Whether target dose k counts by the as-of date: worked out once per girl (each read of
        // an array element copies the array), then read by name.
        let counts = targets.map { k in
            "coalesce(h.valid_dates[\(k)] <= \(asOfDate) AND NOT h.valid_historical[\(k)], false) AS c\(k)"
        }
        let counted = targets.map { "h.c\($0)::integer" }.joined(separator: " + ")
        let cost = targets.map { k in
            "CASE WHEN h.c\(k) THEN coalesce((\(prices))[array_position(\(products), h.valid_products[\(k)])], 0) ELSE 0 END"
        }.joined(separator: " + ")
        // Each step a subquery of its own (OFFSET 0): pulled up, each of these would be worked
        // out again in every expression and aggregate that reads it.
        return """
            WITH counting AS (
              SELECT h.girl_key, h.county_code, h.consent, h.first_dose, h.sex, h.birth_date, h.prior, h.valid_products,
                     \(counts.joined(separator: ", "))
              FROM hub_hpv_girls h
              WHERE h.programme = \(id)
              OFFSET 0
            ), girls AS (
              SELECT h.girl_key AS girl, h.county_code, h.consent, coalesce(h.first_dose <= \(asOfDate), false) AS dosed,
                     (\(eligible(&q, programme: programme, girl: "h"))) AS eligible,
                     h.c1 AS dose1, \(counted) AS counted, (\(cost))::float8 AS cost
              FROM counting h
              OFFSET 0
            ), aefi AS (\(aefi(asOf: asOfDate)))
            SELECT g.county_code, count(*)::bigint,
                   count(*) FILTER (WHERE g.eligible)::bigint,
                   count(*) FILTER (WHERE g.eligible AND (g.consent = 'given' OR g.dosed))::bigint,
                   count(*) FILTER (WHERE g.eligible AND g.dose1)::bigint,
                   count(*) FILTER (WHERE g.eligible AND g.counted >= \(q.p(doseCount)))::bigint,
                   coalesce(sum(g.counted) FILTER (WHERE g.eligible), 0)::bigint,
                   coalesce(sum(g.cost) FILTER (WHERE g.eligible), 0)::float8,
                   coalesce(sum(a.n), 0)::bigint, coalesce(sum(a.serious), 0)::bigint
            FROM girls g
            LEFT JOIN aefi a ON a.girl = g.girl
            GROUP BY g.county_code
            """
    }

    /// The earlier of a dose's own maximum age and the series age limit (as ProgrammeSchedule reads them).
    static func earlier(_ own: Period?, _ limit: Period, rule: MonthEndRule) -> Period {
        guard let own else { return limit }
        let birth = CalendarDate(year: 2000, month: 1, day: 1) ?? .init(dayNumber: 0)
        return birth.adding(own, rule: rule) < birth.adding(limit, rule: rule) ? own : limit
    }
}
