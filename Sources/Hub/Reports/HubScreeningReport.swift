import PostgresNIO
import ScreenVaxCore
import Screening

/// `hub report screening`: the province's screening rates on the deduplicated register, computed
/// in PostgreSQL, in the shape of `report screening` (docs/screening-rates.md has every definition).
///
/// One subject, counted once: a woman's pregnancy registered in several counties (LMPs within the
/// programme's same_pregnancy_tolerance_days) is the registration made last; a newborn with a
/// resident ID is the record the hub received last. Each counts in its county, and the results,
/// recall cases and claims of all its registrations count for it. A service is claimed once per
/// subject: the first subsidised result, in the county that gave it.
public struct HubScreeningReport: Encodable, Sendable {
    public let from: String
    public let to: String
    public var services: [ServiceFigures]
    public var cities: [AreaFigures]
    public var counties: [AreaFigures]
    public var subsidyTotal: Double
    public var subsidyProvince: Double
    public var subsidyLocal: Double

    enum CodingKeys: String, CodingKey {
        case from, to, services, cities, counties
        case subsidyTotal = "subsidy_total", subsidyProvince = "subsidy_province", subsidyLocal = "subsidy_local"
    }

    public static func run(_ database: HubDatabase, programme: ScreeningProgramme, plan: ScreeningPlan, divisions: Divisions,
                           from: CalendarDate, to: CalendarDate) async throws -> HubScreeningReport {
        // county → service → figures
        var table: [String: [String: ServiceFigures]] = [:]
        func bump(_ county: String, _ service: String, _ body: (inout ServiceFigures) -> Void) {
            guard let s = programme.service(service) else { return }
            var f = table[county]?[service] ?? ServiceFigures(service: service, targetRate: s.targetRate)
            body(&f)
            table[county, default: [:]][service] = f
        }
        var q = SQLParameters()
        let sql = figures(&q, programme: programme, from: from, to: to)
        for row in try await database.rows(q.query(sql)) {
            let (county, service, denominator, screened, positives, recalled, diagnosed, confirmed) =
                try row.decode((String, String, Int, Int, Int, Int, Int, Int).self)
            bump(county, service) {
                $0.denominator += denominator; $0.screened += screened; $0.positives += positives
                $0.recalled += recalled; $0.diagnosed += diagnosed; $0.confirmed += confirmed
            }
        }
        var c = SQLParameters()
        let claimsSQL = claims(&c, programme: programme, from: from, to: to)
        for row in try await database.rows(c.query(claimsSQL)) {
            let (county, service, year, n) = try row.decode((String, String, Int, Int).self)
            let price = programme.service(service)?.subsidy(year: year) ?? 0
            bump(county, service) { $0.subsidy += price * Double(n) }
        }

        func area(code: String, name: String, counties: [String], city: String?) -> AreaFigures {
            var a = AreaFigures(code: code, name: name, services: [])
            for s in programme.services {
                var total = ServiceFigures(service: s.code, targetRate: s.targetRate)
                for c in counties {
                    guard let f = table[c]?[s.code] else { continue }
                    total.screened += f.screened; total.denominator += f.denominator; total.positives += f.positives
                    total.recalled += f.recalled; total.diagnosed += f.diagnosed; total.confirmed += f.confirmed
                    total.subsidy += f.subsidy
                    let split = programme.split(county: c)
                    a.subsidyProvince += f.subsidy * split.provinceShare
                    a.subsidyLocal += f.subsidy * (1 - split.provinceShare)
                }
                total.planned = plan.planned(city: city, column: s.planColumn)
                a.subsidyTotal += total.subsidy
                a.services.append(total)
            }
            a.subsidyProvince = (a.subsidyProvince * 100).rounded() / 100
            a.subsidyLocal = (a.subsidyLocal * 100).rounded() / 100
            return a
        }
        let allCounties = Array(table.keys).sorted()
        let counties = allCounties.map { code in
            // County rows carry no planned count: the plan is per city ("-" names no city).
            area(code: code, name: divisions.county(code: code)?.name ?? code, counties: [code], city: "-")
        }
        let byCity = Dictionary(grouping: allCounties) { divisions.county(code: $0)?.cityCode ?? String($0.prefix(4)) + "00" }
        let cities = byCity.keys.sorted().map { city in
            area(code: city, name: divisions.cityName(code: city) ?? city, counties: byCity[city] ?? [], city: city)
        }
        let province = area(code: "360000", name: "江西省", counties: allCounties, city: nil)
        return HubScreeningReport(from: from.iso, to: to.iso, services: province.services, cities: cities, counties: counties,
                                  subsidyTotal: province.subsidyTotal, subsidyProvince: province.subsidyProvince,
                                  subsidyLocal: province.subsidyLocal)
    }

    /// The subjects, each registration mapped to the one that counts (CTEs `preg`, `canon_preg`,
    /// `canon_newborn`, `subject_of`), shared by both queries.
    static func subjects(_ q: inout SQLParameters, programme: ScreeningProgramme) -> String {
        """
        preg AS (
          SELECT g.county_code, g.uuid, coalesce(p.resident_id, g.county_code || '/' || g.person_uuid) AS woman, g.lmp,
                 g.registered_on, g.closed_on, g.first_received_at
          FROM hub_pregnancies g LEFT JOIN hub_persons p ON p.county_code = g.county_code AND p.uuid = g.person_uuid
        ), twice AS (
          SELECT woman FROM preg GROUP BY woman HAVING count(*) > 1
        ), canon_preg AS (
          SELECT DISTINCT ON (a.county_code, a.uuid) a.county_code, a.uuid, b.county_code AS c_county, b.uuid AS c_uuid
          FROM preg a JOIN preg b ON b.woman = a.woman AND abs(b.lmp - a.lmp) <= \(q.p(programme.samePregnancyToleranceDays))
          WHERE a.woman IN (SELECT woman FROM twice)
          ORDER BY a.county_code, a.uuid, b.registered_on DESC, b.first_received_at DESC, b.county_code DESC, b.uuid DESC
        ), born AS (
          SELECT n.county_code, n.uuid, p.resident_id, n.born_on, n.first_received_at
          FROM hub_newborns n LEFT JOIN hub_persons p ON p.county_code = n.county_code AND p.uuid = n.person_uuid
        ), canon_newborn AS (
          SELECT a.county_code, a.uuid, b.county_code AS c_county, b.uuid AS c_uuid
          FROM born a JOIN (
            SELECT DISTINCT ON (resident_id) resident_id, county_code, uuid FROM born WHERE resident_id IS NOT NULL
            ORDER BY resident_id, first_received_at DESC, county_code DESC, uuid DESC) b ON b.resident_id = a.resident_id
        ), counted_preg AS (
          SELECT g.county_code, g.uuid, g.registered_on, g.closed_on - g.lmp AS end_ga FROM preg g
          LEFT JOIN canon_preg c ON c.county_code = g.county_code AND c.uuid = g.uuid
          WHERE c.uuid IS NULL OR (c.c_county = g.county_code AND c.c_uuid = g.uuid)
        ), counted_newborn AS (
          SELECT n.county_code, n.uuid, n.born_on FROM born n
          LEFT JOIN canon_newborn c ON c.county_code = n.county_code AND c.uuid = n.uuid
          WHERE c.uuid IS NULL OR (c.c_county = n.county_code AND c.c_uuid = n.uuid)
        ), results AS (
          SELECT r.county_code, r.uuid, r.service, r.subject, r.outcome, r.subsidised, r.performed_on,
                 CASE WHEN r.subject = 'newborn' THEN coalesce(cn.c_county, r.county_code) ELSE coalesce(cp.c_county, r.county_code) END AS s_county,
                 CASE WHEN r.subject = 'newborn' THEN coalesce(cn.c_uuid, r.newborn_uuid) ELSE coalesce(cp.c_uuid, r.pregnancy_uuid) END AS s_uuid
          FROM hub_screening_results r
          LEFT JOIN canon_preg cp ON r.subject = 'pregnancy' AND cp.county_code = r.county_code AND cp.uuid = r.pregnancy_uuid
          LEFT JOIN canon_newborn cn ON r.subject = 'newborn' AND cn.county_code = r.county_code AND cn.uuid = r.newborn_uuid
        )
        """
    }

    /// Per county and service: denominator, screened, positives, recalled, diagnosed, confirmed.
    static func figures(_ q: inout SQLParameters, programme: ScreeningProgramme, from: CalendarDate, to: CalendarDate) -> String {
        let prenatal = programme.services(for: .pregnancy)
        // A pregnancy that ended before a service's first window opened could never have had it.
        let starts = prenatal.map { s in
            s.windows.compactMap { w -> Int? in if case .gestation(let from, _) = w.kind { return from.totalDays }; return nil }.min() ?? 0
        }
        let codes = q.p(prenatal.map(\.code))
        let startDays = q.p(starts)
        let newborn = q.p(programme.services(for: .newborn).map(\.code))
        let first = q.date(from), last = q.date(to)
        return """
            WITH \(subjects(&q, programme: programme)),
            starts AS (SELECT * FROM unnest(\(codes)::text[], \(startDays)::int[]) AS s(service, start_ga)),
            cohort AS (
              SELECT g.county_code, g.uuid, s.service FROM counted_preg g CROSS JOIN starts s
              WHERE g.registered_on BETWEEN \(first) AND \(last) AND (g.end_ga IS NULL OR g.end_ga >= s.start_ga)
              UNION ALL
              SELECT n.county_code, n.uuid, s.service FROM counted_newborn n CROSS JOIN unnest(\(newborn)::text[]) AS s(service)
              WHERE n.born_on BETWEEN \(first) AND \(last)
            ), outcomes AS (
              SELECT s_county, s_uuid, service, bool_or(outcome <> 'not_assessable') AS screened, bool_or(outcome = 'positive') AS positive
              FROM results GROUP BY 1, 2, 3
            ), cases AS (
              SELECT DISTINCT ON (st.county_code, st.case_uuid) st.county_code, st.case_uuid, st.result_uuid, st.service, st.stage_after
              FROM hub_recall_steps st ORDER BY st.county_code, st.case_uuid, st.case_version DESC, st.on_date DESC
            ), diagnoses AS (
              SELECT county_code, case_uuid, bool_or(true) AS diagnosed, bool_or(outcome = 'confirmed') AS confirmed
              FROM hub_recall_steps WHERE step = 'diagnosed' GROUP BY 1, 2
            ), recall AS (
              SELECT r.s_county, r.s_uuid, c.service,
                     bool_or(c.stage_after IN ('contacted', 'referred', 'diagnosed', 'managed', 'closed')) AS recalled,
                     bool_or(coalesce(d.diagnosed, false)) AS diagnosed, bool_or(coalesce(d.confirmed, false)) AS confirmed
              FROM cases c JOIN results r ON r.county_code = c.county_code AND r.uuid = c.result_uuid
              LEFT JOIN diagnoses d ON d.county_code = c.county_code AND d.case_uuid = c.case_uuid
              GROUP BY 1, 2, 3
            )
            SELECT c.county_code, c.service, count(*)::bigint,
                   count(*) FILTER (WHERE o.screened)::bigint, count(*) FILTER (WHERE o.positive)::bigint,
                   count(*) FILTER (WHERE rc.recalled)::bigint, count(*) FILTER (WHERE rc.diagnosed)::bigint,
                   count(*) FILTER (WHERE rc.confirmed)::bigint
            FROM cohort c
            LEFT JOIN outcomes o ON o.s_county = c.county_code AND o.s_uuid = c.uuid AND o.service = c.service
            LEFT JOIN recall rc ON rc.s_county = c.county_code AND rc.s_uuid = c.uuid AND rc.service = c.service
            GROUP BY 1, 2
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
}
