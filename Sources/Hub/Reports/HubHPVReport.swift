import HPV
import PostgresNIO
import ScreenVaxCore

/// `hub report hpv`: the province's coverage on the deduplicated register, computed in
/// PostgreSQL, in the shape of `report hpv` (the same keys, lines and totals).
///
/// A girl is one resident ID province-wide (a person without one stays her county's own), counted
/// once, where she was enrolled last (the enrolment the hub received latest). Her doses are all
/// her linked records' doses, one per day. Each dose is judged by the programme's series as the
/// county judges it (HPV's DoseEvaluator on the programme schedule): target dose k is the first
/// dose after target k-1's that is of a funded product, within its lot's expiry, inside target k's
/// ages (absolute minimum up to the earlier of its maximum and the series limit) and, from the
/// second, at least the absolute minimum interval after the dose before it.
public struct HubHPVReport: Codable, Sendable {
    public struct Line: Codable, Sendable, Equatable {
        public var cityCode: String
        public var city: String
        public var countyCode: String?
        public var county: String?
        public var target: Int?
        public var roster = 0
        public var eligible = 0
        public var consented = 0
        public var dose1 = 0
        public var complete = 0
        public var coverage: Double?
        public var programmeDoses = 0
        public var aefi = 0
        public var aefiSerious = 0
        public var cost: Double = 0
        public var provinceShare: Double = 0
        public var localShare: Double = 0

        enum CodingKeys: String, CodingKey {
            case city, county, target, roster, eligible, consented, dose1, complete, coverage, aefi, cost
            case cityCode = "city_code"
            case countyCode = "county_code"
            case programmeDoses = "programme_doses"
            case aefiSerious = "aefi_serious"
            case provinceShare = "province_share"
            case localShare = "local_share"
        }

        mutating func add(_ o: Line) {
            roster += o.roster; eligible += o.eligible; consented += o.consented; dose1 += o.dose1
            complete += o.complete; programmeDoses += o.programmeDoses; aefi += o.aefi; aefiSerious += o.aefiSerious
            cost += o.cost; provinceShare += o.provinceShare; localShare += o.localShare
        }

        mutating func finish() {
            coverage = target.flatMap { $0 > 0 ? Double(complete) / Double($0) : nil }
            cost = (cost * 100).rounded() / 100
            provinceShare = (provinceShare * 100).rounded() / 100
            localShare = (localShare * 100).rounded() / 100
        }
    }

    public let asOf: CalendarDate
    public let programme: String
    public var cities: [Line]
    public var counties: [Line]
    public var totals: Line

    enum CodingKeys: String, CodingKey {
        case programme, cities, counties, totals
        case asOf = "as_of"
    }

    public static func run(_ database: HubDatabase, programme: HPVProgramme, plan: [String: Int], divisions: Divisions,
                           asOf: CalendarDate) async throws -> HubHPVReport {
        var q = SQLParameters()
        let sql = query(&q, programme: programme, asOf: asOf)
        var counties: [String: Line] = [:]
        for row in try await database.rows(q.query(sql)) {
            let (code, roster, eligible, consented, dose1, complete, doses, cost, aefi, serious) =
                try row.decode((String, Int, Int, Int, Int, Int, Int, Double, Int, Int).self)
            let county = divisions.county(code: code)
            let cityCode = county?.cityCode ?? String(code.prefix(4)) + "00"
            var line = Line(cityCode: cityCode, city: divisions.cityName(code: cityCode) ?? cityCode,
                            countyCode: code, county: county?.name ?? code)
            line.roster = roster; line.eligible = eligible; line.consented = consented; line.dose1 = dose1
            line.complete = complete; line.programmeDoses = doses; line.cost = cost; line.aefi = aefi; line.aefiSerious = serious
            let split = programme.split(county: code)
            line.provinceShare = cost * Double(split.province) / Double(split.province + split.local)
            line.localShare = cost * Double(split.local) / Double(split.province + split.local)
            counties[code] = line
        }
        var cities: [String: Line] = [:]
        for code in Set(plan.keys).union(counties.values.map(\.cityCode)) {
            cities[code] = Line(cityCode: code, city: divisions.cityName(code: code) ?? code, target: plan[code])
        }
        for line in counties.values { cities[line.cityCode]?.add(line) }
        var totals = Line(cityCode: "360000", city: "江西省", target: plan.isEmpty ? nil : plan.values.reduce(0, +))
        for line in cities.values { totals.add(line) }
        var cityLines = cities.values.sorted { $0.cityCode < $1.cityCode }
        for i in cityLines.indices { cityLines[i].finish() }
        var countyLines = counties.values.sorted { ($0.countyCode ?? "") < ($1.countyCode ?? "") }
        for i in countyLines.indices { countyLines[i].finish() }
        totals.finish()
        return HubHPVReport(asOf: asOf, programme: programme.id, cities: cityLines, counties: countyLines, totals: totals)
    }

    /// One row per county: roster, eligible, consented, dose1, complete, programme doses, cost, AEFI.
    ///
    /// Every date a rule needs is computed once per distinct birth date (the ages) or per distinct
    /// date of a previous dose (the intervals), not once per girl or dose.
    static func query(_ q: inout SQLParameters, programme: HPVProgramme, asOf: CalendarDate) -> String {
        let rule = programme.rule
        let cohort = programme.cohort
        let doseCount = programme.series.doses.count
        let counted = cohort.ageRule.birthdayCounts == .fromNextDay ? "b + 1" : "b"
        // Age in completed years on the cut-off date at most N (or under N): the birthday of
        // N + 1 (or N) years falls after the cut-off.
        let years = cohort.ageRule.reading == .completedYearsAtMost ? cohort.ageRule.years + 1 : cohort.ageRule.years
        var limits = ["\(q.adding(Period(years: years), to: counted, rule: rule)) > \(q.date(cohort.ageCutoffDate)) AS in_age"]
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
        let prices = q.p(programme.products.map { $0.price + programme.serviceFee })
        let asOfDate = q.date(asOf)
        let eligible = """
            g.sex = \(q.p(cohort.sex.rawValue)) AND l.in_age
            AND NOT (\(q.p(cohort.requiresNoPriorHPVVaccination)) AND g.prior)
            AND NOT (\(q.p(cohort.requiresConsent)) AND g.consent = 'declined')
            """
        return """
            WITH enrolled AS (
              SELECT DISTINCT ON (k.girl) k.girl, e.county_code, p.birth_date, p.sex, e.consent,
                     coalesce(e.prior_vaccination, false) AS prior
              FROM hub_roster_entries e
              JOIN hub_persons p ON p.county_code = e.county_code AND p.uuid = e.person_uuid
              CROSS JOIN LATERAL (SELECT coalesce(p.resident_id, e.county_code || '/' || p.uuid) AS girl) k
              WHERE e.programme = \(q.p(programme.id))
              ORDER BY k.girl, e.first_received_at DESC, e.county_code DESC
            ), limits AS (
              SELECT b, \(limits.joined(separator: ", ")) FROM (SELECT DISTINCT birth_date AS b FROM enrolled) x
            ), girls AS (
              SELECT g.girl, g.county_code, g.consent, \(floors), (\(eligible)) AS eligible
              FROM enrolled g JOIN limits l ON l.b = g.birth_date
            ), doses AS (
              SELECT k.girl, d.dose_date, bool_and(coalesce(d.historical, false)) AS historical,
                     min(d.product) AS product, max(d.expiry) AS expiry
              FROM hub_doses d
              JOIN hub_persons p ON p.county_code = d.county_code AND p.uuid = d.person_uuid
              CROSS JOIN LATERAL (SELECT coalesce(p.resident_id, d.county_code || '/' || p.uuid) AS girl) k
              WHERE d.dose_date <= \(asOfDate)
              GROUP BY 1, 2
            ), seq AS (
              SELECT d.girl, d.dose_date, d.historical, d.product, \((1...max(1, doseCount)).map { "g.floor\($0), g.ceiling\($0)" }.joined(separator: ", ")),
                     lag(d.dose_date) OVER (PARTITION BY d.girl ORDER BY d.dose_date) AS previous,
                     d.product = ANY(\(products)) AS allowed, (d.expiry IS NULL OR d.dose_date <= d.expiry) AS in_date
              FROM doses d JOIN girls g ON g.girl = d.girl
            ), gaps AS (
              SELECT pd, \(gaps.joined(separator: ", ")) FROM (SELECT DISTINCT previous AS pd FROM seq WHERE previous IS NOT NULL) x
            ), ok AS (
              SELECT s.girl, s.dose_date, s.historical, s.product, \(okColumns.joined(separator: ", "))
              FROM seq s LEFT JOIN gaps gp ON gp.pd = s.previous
            ), \(targets),
            valid AS (\(valid)),
            judged AS (
              SELECT v.girl, bool_or(v.k = 1 AND NOT v.historical) AS dose1,
                     count(*) FILTER (WHERE NOT v.historical) AS counted,
                     coalesce(sum((\(prices))[array_position(\(products), v.product)]) FILTER (WHERE NOT v.historical), 0) AS cost
              FROM valid v GROUP BY v.girl
            ), dosed AS (
              SELECT DISTINCT girl FROM doses
            ), aefi AS (
              SELECT k.girl, count(*) AS n, count(*) FILTER (WHERE a.serious) AS serious
              FROM hub_aefi a
              JOIN hub_persons p ON p.county_code = a.county_code AND p.uuid = a.person_uuid
              CROSS JOIN LATERAL (SELECT coalesce(p.resident_id, a.county_code || '/' || p.uuid) AS girl) k
              WHERE a.onset_date <= \(asOfDate)
              GROUP BY 1
            )
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

    /// The earlier of a dose's own maximum age and the series age limit (as ProgrammeSchedule reads them).
    static func earlier(_ own: Period?, _ limit: Period, rule: MonthEndRule) -> Period {
        guard let own else { return limit }
        let birth = CalendarDate(year: 2000, month: 1, day: 1) ?? .init(dayNumber: 0)
        return birth.adding(own, rule: rule) < birth.adding(limit, rule: rule) ? own : limit
    }
}
