import GRDB
import ScreenVaxCore
import Store

/// The counts of one service in one area (or the province).
public struct ServiceFigures: Sendable, Encodable {
    public let service: String
    public var screened = 0
    public var denominator = 0
    public var targetRate: Double
    public var planned = 0
    public var positives = 0
    public var recalled = 0
    public var diagnosed = 0
    public var confirmed = 0
    public var subsidy: Double = 0

    public init(service: String, targetRate: Double) {
        self.service = service
        self.targetRate = targetRate
    }

    public var rate: Double? { denominator == 0 ? nil : Double(screened) / Double(denominator) }

    enum CodingKeys: String, CodingKey {
        case service, screened, denominator, rate, planned, positives, recalled, diagnosed, confirmed, subsidy
        case targetRate = "target_rate"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(service, forKey: .service); try c.encode(screened, forKey: .screened)
        try c.encode(denominator, forKey: .denominator)
        try c.encode(rate.map { ($0 * 10000).rounded() / 10000 }, forKey: .rate)
        try c.encode(targetRate, forKey: .targetRate); try c.encode(planned, forKey: .planned)
        try c.encode(positives, forKey: .positives); try c.encode(recalled, forKey: .recalled)
        try c.encode(diagnosed, forKey: .diagnosed); try c.encode(confirmed, forKey: .confirmed)
        try c.encode(subsidy, forKey: .subsidy)
    }
}

public struct AreaFigures: Sendable, Encodable {
    public let code: String
    public let name: String
    public var services: [ServiceFigures]
    public var subsidyTotal: Double = 0
    public var subsidyProvince: Double = 0
    public var subsidyLocal: Double = 0

    public init(code: String, name: String, services: [ServiceFigures]) {
        self.code = code
        self.name = name
        self.services = services
    }

    enum CodingKeys: String, CodingKey {
        case code, name, services
        case subsidyTotal = "subsidy_total", subsidyProvince = "subsidy_province", subsidyLocal = "subsidy_local"
    }
}

/// `report screening`: rates against targets, recall outcomes and the subsidy bill with its split.
public struct ScreeningReport: Sendable, Encodable {
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
}

public enum ScreeningReportQuery {
    /// Builds the report; definitions in docs/screening-rates.md. Cohorts are anchored on the
    /// registration date (pregnancies) and the birth date (newborns); the subsidy on the result date.
    public static func run(_ db: Database, programme: ScreeningProgramme, plan: ScreeningPlan, divisions: Divisions,
                           from: CalendarDate, to: CalendarDate) throws -> ScreeningReport {
        let range: [Int] = [from.dayNumber, to.dayNumber]
        // county → service → figures
        var table: [String: [String: ServiceFigures]] = [:]
        func bump(_ county: String, _ service: String, _ body: (inout ServiceFigures) -> Void) {
            guard let s = programme.service(service) else { return }
            var f = table[county]?[service] ?? ServiceFigures(service: service, targetRate: s.targetRate)
            body(&f)
            table[county, default: [:]][service] = f
        }
        // A pregnancy that ended before a service's first window opened could never have had it:
        // it leaves that service's denominator (and numerator).
        let prenatal = programme.services(for: .pregnancy)
        var starts: [String: Int] = [:]
        for s in prenatal {
            starts[s.code] = s.windows.compactMap { w -> Int? in
                if case .gestation(let from, _) = w.kind { return from.totalDays }; return nil
            }.min() ?? 0
        }
        // Denominators: one pass over the cohort index per subject kind.
        let caseWhen = prenatal.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
        let caseArgs: [any DatabaseValueConvertible] = prenatal.flatMap { [$0.code, starts[$0.code]!] as [any DatabaseValueConvertible] }
        let eligibleSums = prenatal.map { _ in "SUM(p.closed_day IS NULL OR p.closed_day - p.lmp_day >= ?)" }.joined(separator: ", ")
        for r in try Row.fetchAll(db, sql: """
            SELECT p.county_code, \(eligibleSums) FROM screening_pregnancies p
            WHERE p.registered_day BETWEEN ? AND ? GROUP BY p.county_code
            """, arguments: StatementArguments(prenatal.map { starts[$0.code]! } + range)) {
            for (i, s) in prenatal.enumerated() {
                let n: Int = r[i + 1]
                if n > 0 { bump(r[0], s.code) { $0.denominator += n } }
            }
        }
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, COUNT(*) FROM screening_newborns WHERE birth_day BETWEEN ? AND ? GROUP BY county_code
            """, arguments: StatementArguments(range)) {
            for s in programme.services(for: .newborn) { bump(r[0], s.code) { $0.denominator += r[1] } }
        }
        // Screened, positives and the subsidy: one pass over the per-subject summary
        // (screening_subject_services, kept on write: screened = SUM(first_screen), positive = any
        // positive result, the subsidised result's day and year), stored in (county, service) order
        // so that it groups without sorting. Cohort figures count subjects of the cohort, and a
        // prenatal service only pregnancies that reached its window; the subsidy counts claims
        // dated in the period, per programme year (the years of the period).
        let years = from.year <= to.year ? Array(from.year...to.year) : []
        let subsidyByYear = years.count <= 50
        let cohort = "cohort_day BETWEEN ? AND ? AND (subject = 'newborn' OR end_ga IS NULL OR end_ga >= CASE service \(caseWhen) ELSE 0 END)"
        let claims = subsidyByYear ? years.map { _ in ", COUNT(CASE WHEN subsidy_day BETWEEN ? AND ? AND subsidy_year = ? THEN 1 END)" }.joined() : ""
        var args: [any DatabaseValueConvertible] = range.map { $0 as any DatabaseValueConvertible } + caseArgs
        args += range.map { $0 as any DatabaseValueConvertible } + caseArgs
        args += range.map { $0 as any DatabaseValueConvertible } + caseArgs
        for y in years where subsidyByYear { args += [range[0], range[1], y] }
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, service, COUNT(CASE WHEN \(cohort) THEN 1 END), SUM(CASE WHEN \(cohort) THEN screened END),
              SUM(CASE WHEN \(cohort) THEN positive END)\(claims)
            FROM screening_subject_services GROUP BY county_code, service
            """, arguments: StatementArguments(args)) {
            let county: String = r[0], service: String = r[1]
            if (r[2] as Int) > 0 { bump(county, service) { $0.screened += r[3]; $0.positives += r[4] } }
            for (i, y) in years.enumerated() where subsidyByYear {
                let n: Int = r[5 + i]
                guard n > 0 else { continue }
                let price = programme.service(service)?.subsidy(year: y) ?? 0
                bump(county, service) { $0.subsidy += price * Double(n) }
            }
        }
        // Recall outcomes of the cohort's cases: recalled = reached (contacted or any later stage).
        let caseSQL = """
            SELECT c.county_code, c.service,
              COUNT(CASE WHEN c.stage IN ('contacted', 'referred', 'diagnosed', 'managed', 'closed') THEN 1 END),
              COUNT(c.diagnosis), COUNT(CASE WHEN c.diagnosis = 'confirmed' THEN 1 END)
            FROM screening_recall_cases c
            """
        for r in try Row.fetchAll(db, sql: caseSQL + """
             JOIN screening_pregnancies p ON p.id = c.pregnancy_id
            WHERE c.newborn_id IS NULL AND p.registered_day BETWEEN ? AND ? AND (p.closed_day IS NULL OR p.closed_day - p.lmp_day >= CASE c.service \(caseWhen) ELSE 0 END)
            GROUP BY c.county_code, c.service
            """, arguments: StatementArguments(range.map { $0 as any DatabaseValueConvertible } + caseArgs)) {
            bump(r[0], r[1]) { $0.recalled += r[2]; $0.diagnosed += r[3]; $0.confirmed += r[4] }
        }
        for r in try Row.fetchAll(db, sql: caseSQL + """
             JOIN screening_newborns n ON n.id = c.newborn_id
            WHERE n.birth_day BETWEEN ? AND ? GROUP BY c.county_code, c.service
            """, arguments: StatementArguments(range)) {
            bump(r[0], r[1]) { $0.recalled += r[2]; $0.diagnosed += r[3]; $0.confirmed += r[4] }
        }
        // The subsidy: one claim per service per subject (the first result that is not a repeat),
        // at the price of the result's programme year, for results dated in the period.
        // (A period of more than 50 years: the claims grouped by year in a query of their own.)
        for r in try subsidyByYear ? [] : Row.fetchAll(db, sql: """
            SELECT county_code, service, subsidy_year, COUNT(*) FROM screening_subject_services
            WHERE subsidy_day BETWEEN ? AND ? GROUP BY 1, 2, 3
            """, arguments: StatementArguments(range)) {
            let service: String = r[1]
            let price = programme.service(service)?.subsidy(year: r[2]) ?? 0
            let n: Int = r[3]
            bump(r[0], service) { $0.subsidy += price * Double(n) }
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
        var counties: [AreaFigures] = []
        for code in allCounties {
            let county = divisions.county(code: code)
            // County rows carry no planned count: the plan is per city ("-" names no city).
            counties.append(area(code: code, name: county?.name ?? code, counties: [code], city: "-"))
        }
        let byCity = Dictionary(grouping: allCounties) { divisions.county(code: $0)?.cityCode ?? String($0.prefix(4)) + "00" }
        let cities = byCity.keys.sorted().map { city in
            area(code: city, name: divisions.cityName(code: city) ?? city, counties: byCity[city]!, city: city)
        }
        let province = area(code: "360000", name: "江西省", counties: allCounties, city: nil)
        return ScreeningReport(from: from.iso, to: to.iso, services: province.services, cities: cities, counties: counties,
                               subsidyTotal: province.subsidyTotal, subsidyProvince: province.subsidyProvince,
                               subsidyLocal: province.subsidyLocal)
    }
}
