import GRDB
import ScreenVaxCore
import Store

public enum ScreeningReportQuery {
    /// Builds the report; definitions and their sources in docs/screening-rates.md. The national
    /// MCH annual report's anchors: prenatal services over deliveries (产妇数, by outcome date),
    /// newborn services over live births (活产数, by birth date); the subsidy on the result date.
    public static func run(_ db: Database, programme: ScreeningProgramme, plan: ScreeningPlan, divisions: Divisions,
                           from: CalendarDate, to: CalendarDate) throws -> ScreeningReport {
        let range: [any DatabaseValueConvertible] = [from.dayNumber, to.dayNumber]
        var table: [String: [String: ServiceFigures]] = [:]   // county → service → figures
        func bump(_ county: String, _ service: String, _ body: (inout ServiceFigures) -> Void) {
            guard let s = programme.service(service) else { return }
            var f = table[county]?[service] ?? ServiceFigures(service: service, targetRate: s.targetRate)
            body(&f)
            table[county, default: [:]][service] = f
        }
        let prenatal = programme.services(for: .pregnancy), newborn = programme.services(for: .newborn)
        let outcomes = programme.report.prenatalDenominator.outcomes
        let outcomeList = outcomes.map { _ in "?" }.joined(separator: ", ")
        let outcomeArgs: [any DatabaseValueConvertible] = outcomes
        // Denominators: deliveries and registrations per county (prenatal), live births (newborn).
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, COUNT(*) FROM screening_pregnancies WHERE outcome IN (\(outcomeList)) AND closed_day BETWEEN ? AND ? GROUP BY county_code
            """, arguments: StatementArguments(outcomeArgs + range)) {
            for s in prenatal { bump(r[0], s.code) { $0.denominator += r[1] } }
        }
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, COUNT(*) FROM screening_pregnancies WHERE registered_day BETWEEN ? AND ? GROUP BY county_code
            """, arguments: StatementArguments(range)) {
            for s in prenatal { bump(r[0], s.code) { $0.registered = ($0.registered ?? 0) + r[1] } }
        }
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, COUNT(*) FROM screening_newborns WHERE birth_day BETWEEN ? AND ? GROUP BY county_code
            """, arguments: StatementArguments(range)) {
            for s in newborn { bump(r[0], s.code) { $0.denominator += r[1] } }
        }
        // Screened, positives, initial positives and the subsidy: one pass over the per-subject
        // summary (screening_subject_services, kept on write), in (county, service) order.
        let years = from.year <= to.year ? Array(from.year...to.year) : []
        let subsidyByYear = years.count <= 50
        let cohort = "((subject = 'newborn' AND cohort_day BETWEEN ? AND ?) OR (subject = 'pregnancy' AND delivery_day BETWEEN ? AND ?))"
        let claims = subsidyByYear ? years.map { _ in ", COUNT(CASE WHEN subsidy_day BETWEEN ? AND ? AND subsidy_year = ? THEN 1 END)" }.joined() : ""
        var args: [any DatabaseValueConvertible] = []
        for _ in 0..<4 { args += range + range }
        for y in years where subsidyByYear { args += range + [y] }
        for r in try Row.fetchAll(db, sql: """
            SELECT county_code, service, COUNT(CASE WHEN \(cohort) THEN 1 END), SUM(CASE WHEN \(cohort) THEN screened END),
              SUM(CASE WHEN \(cohort) THEN positive END), SUM(CASE WHEN \(cohort) THEN initial_positive END)\(claims)
            FROM screening_subject_services GROUP BY county_code, service
            """, arguments: StatementArguments(args)) {
            let county: String = r[0], service: String = r[1]
            if (r[2] as Int) > 0 { bump(county, service) { $0.screened += r[3]; $0.positives += r[4]; $0.initialPositives += r[5] } }
            for (i, y) in years.enumerated() where subsidyByYear {
                let n: Int = r[6 + i]
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
            WHERE c.newborn_id IS NULL AND p.outcome IN (\(outcomeList)) AND p.closed_day BETWEEN ? AND ? GROUP BY c.county_code, c.service
            """, arguments: StatementArguments(outcomeArgs + range)) {
            bump(r[0], r[1]) { $0.recalled += r[2]; $0.diagnosed += r[3]; $0.confirmed += r[4] }
        }
        for r in try Row.fetchAll(db, sql: caseSQL + """
             JOIN screening_newborns n ON n.id = c.newborn_id
            WHERE n.birth_day BETWEEN ? AND ? GROUP BY c.county_code, c.service
            """, arguments: StatementArguments(range)) {
            bump(r[0], r[1]) { $0.recalled += r[2]; $0.diagnosed += r[3]; $0.confirmed += r[4] }
        }
        // Standing refusals of the cohort (a lifted one was screened after all).
        for r in try Row.fetchAll(db, sql: """
            SELECT d.county_code, d.service, COUNT(*) FROM screening_declines d
            LEFT JOIN screening_pregnancies p ON p.id = d.pregnancy_id AND d.newborn_id IS NULL
            LEFT JOIN screening_newborns n ON n.id = d.newborn_id
            WHERE d.lifted_on IS NULL AND ((n.id IS NOT NULL AND n.birth_day BETWEEN ? AND ?)
              OR (p.id IS NOT NULL AND p.outcome IN (\(outcomeList)) AND p.closed_day BETWEEN ? AND ?))
            GROUP BY d.county_code, d.service
            """, arguments: StatementArguments(range + outcomeArgs + range)) {
            bump(r[0], r[1]) { $0.declined += r[2] }
        }
        return assemble(table, programme: programme, plan: plan, divisions: divisions, from: from, to: to)
    }

    static func assemble(_ table: [String: [String: ServiceFigures]], programme: ScreeningProgramme, plan: ScreeningPlan,
                         divisions: Divisions, from: CalendarDate, to: CalendarDate) -> ScreeningReport {
        func area(code: String, name: String, counties: [String], city: String?) -> AreaFigures {
            var a = AreaFigures(code: code, name: name, services: [])
            for s in programme.services {
                var total = ServiceFigures(service: s.code, targetRate: s.targetRate)
                total.denominatorBasis = s.subject == .pregnancy ? "deliveries" : "live_births"
                if s.subject == .pregnancy { total.registered = 0 }
                for c in counties {
                    guard let f = table[c]?[s.code] else { continue }
                    total.screened += f.screened; total.denominator += f.denominator; total.positives += f.positives
                    total.recalled += f.recalled; total.diagnosed += f.diagnosed; total.confirmed += f.confirmed
                    total.subsidy += f.subsidy; total.initialPositives += f.initialPositives; total.declined += f.declined
                    if let r = f.registered { total.registered = (total.registered ?? 0) + r }
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
        // County rows carry no planned count: the plan is per city ("-" names no city).
        let counties = allCounties.map { area(code: $0, name: divisions.county(code: $0)?.name ?? $0, counties: [$0], city: "-") }
        let byCity = Dictionary(grouping: allCounties) { divisions.county(code: $0)?.cityCode ?? String($0.prefix(4)) + "00" }
        let cities = byCity.keys.sorted().map { city in
            area(code: city, name: divisions.cityName(code: city) ?? city, counties: byCity[city] ?? [], city: city)
        }
        let province = area(code: "360000", name: "江西省", counties: allCounties, city: nil)
        return ScreeningReport(from: from.iso, to: to.iso, services: province.services, cities: cities, counties: counties,
                               subsidyTotal: province.subsidyTotal, subsidyProvince: province.subsidyProvince,
                               subsidyLocal: province.subsidyLocal)
    }
}

/// The report's period: the programme year, a national annual-report year, or dates.
public enum ReportPeriod {
    /// `programme`: 1 January of the programme's first year to 31 December of its last.
    public static func programme(_ p: ScreeningProgramme) -> (from: CalendarDate, to: CalendarDate)? {
        guard let first = p.programmeYears.min(), let last = p.programmeYears.max(),
              let from = CalendarDate(year: first, month: 1, day: 1), let to = CalendarDate(year: last, month: 12, day: 31) else { return nil }
        return (from, to)
    }

    /// `annual-report YEAR`: from the programme's report start (1 October) of the year before to
    /// the day before it in YEAR (30 September).
    public static func annualReport(_ p: ScreeningProgramme, year: Int) -> (from: CalendarDate, to: CalendarDate)? {
        let start = p.report.annualReportStart
        guard (1901...2199).contains(year), let from = CalendarDate(year: year - 1, month: start.month, day: start.day),
              let next = CalendarDate(year: year, month: start.month, day: start.day) else { return nil }
        return (from, next.addingDays(-1))
    }
}
