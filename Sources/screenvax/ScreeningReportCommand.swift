import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

/// `report screening`: screening rates against targets, recall outcomes, the subsidy and its split.
struct ScreeningReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screening", abstract: "Screening rates, recall outcomes and the subsidy bill.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var dates: ScreeningReportDates
    @Option(parsing: .upToNextOption, help: "programme (the programme year), or annual-report YEAR (1 October of the year before to 30 September); --from/--to narrow it.")
    var period: [String] = []
    @Option(help: "Rows: province, city or county.") var by: String = "city"

    func run() async throws {
        let schemas = try global.schemas()
        let programme = try ScreeningProgramme.load(schemas: schemas)
        let plan = try ScreeningPlan.load(schemas: schemas, file: programme.planFile)
        let divisions = try Divisions.load(schemas: schemas)
        var bounds: (from: CalendarDate, to: CalendarDate)?
        var name = "dates"
        switch period.first {
        case nil: break
        case "programme"?:
            guard period.count == 1 else { throw ValidationError("--period programme takes no year") }
            bounds = ReportPeriod.programme(programme); name = "programme"
        case "annual-report"?:
            guard period.count == 2, let year = Int(period[1]) else { throw ValidationError("--period annual-report takes a year, e.g. --period annual-report 2023") }
            bounds = ReportPeriod.annualReport(programme, year: year); name = "annual-report \(year)"
            guard bounds != nil else { throw ValidationError("--period annual-report: \(year) is not a report year") }
        case let other?: throw ValidationError("--period is programme or annual-report YEAR, not \(other)")
        }
        let start = try dates.from.map { try parseDate($0, option: "--from") } ?? bounds?.from ?? programme.firstDay
        let end = try dates.to.map { try parseDate($0, option: "--to") } ?? bounds?.to ?? parseDate(nil, option: "--to")
        let database = try global.openDatabase()
        var report = try database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: plan, divisions: divisions, from: start, to: end)
        }
        report.period = (dates.from == nil && dates.to == nil) ? name : "dates"
        if output.format == .json { return try JSONOutput.print(report) }
        func pct(_ d: Double?) -> String { d.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        var rows: [[String]] = []
        func add(_ code: String, _ name: String, _ services: [ServiceFigures]) {
            for s in services {
                rows.append([code, name, s.service, String(s.screened), String(s.denominator), s.denominatorBasis, pct(s.rate), pct(s.targetRate),
                             s.planned == 0 ? "" : String(s.planned), s.registered.map(String.init) ?? "", String(s.declined),
                             String(s.initialPositives), String(s.positives), String(s.recalled), String(s.diagnosed),
                             String(s.confirmed), String(format: "%.0f", s.subsidy)])
            }
        }
        switch by {
        case "county": for a in report.counties { add(a.code, a.name, a.services) }
        case "province": break
        default: for a in report.cities { add(a.code, a.name, a.services) }
        }
        add("360000", "江西省", report.services)
        if output.format == .table { print("report screening \(report.from) to \(report.to)") }
        print(Listing(columns: ["area", "name", "service", "screened", "denominator", "basis", "rate", "target", "planned", "registered", "declined",
                                "initial_positives", "positives", "recalled", "diagnosed", "confirmed", "subsidy"],
                      rows: rows).render(output.format), terminator: "")
        if output.format == .table {
            print(String(format: "subsidy total %.0f yuan: province %.2f, city/county %.2f", report.subsidyTotal, report.subsidyProvince, report.subsidyLocal))
        }
    }
}
