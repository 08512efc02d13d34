import ArgumentParser
import Foundation
import Screening
import ScreenVaxCore
import Store

/// `report screening`: screening rates against targets, recall outcomes, the subsidy and its split.
struct ScreeningReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screening", abstract: "Screening rates, recall outcomes and the subsidy bill.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "First day of the period (default: 1 January of the programme's first year).") var from: String?
    @Option(help: "Last day of the period (default: today).") var to: String?
    @Option(help: "Rows: province, city or county.") var by: String = "city"

    func run() async throws {
        let schemas = try global.schemas()
        let programme = try ScreeningProgramme.load(schemas: schemas)
        let plan = try ScreeningPlan.load(schemas: schemas, file: programme.planFile)
        let divisions = try Divisions.load(schemas: schemas)
        let start = try from.map { try parseDate($0, option: "--from") } ?? CalendarDate(year: programme.programmeYears[0], month: 1, day: 1)!
        let end = try parseDate(to, option: "--to")
        let database = try global.openDatabase()
        let report = try database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: plan, divisions: divisions, from: start, to: end)
        }
        if output.format == .json { return try JSONOutput.print(report) }
        func pct(_ d: Double?) -> String { d.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        var rows: [[String]] = []
        func add(_ code: String, _ name: String, _ services: [ServiceFigures]) {
            for s in services {
                rows.append([code, name, s.service, String(s.screened), String(s.denominator), pct(s.rate), pct(s.targetRate),
                             s.planned == 0 ? "" : String(s.planned), String(s.positives), String(s.recalled), String(s.diagnosed),
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
        print(Listing(columns: ["area", "name", "service", "screened", "denominator", "rate", "target", "planned", "positives", "recalled", "diagnosed", "confirmed", "subsidy"],
                      rows: rows).render(output.format), terminator: "")
        if output.format == .table {
            print(String(format: "subsidy total %.0f yuan: province %.2f, city/county %.2f", report.subsidyTotal, report.subsidyProvince, report.subsidyLocal))
        }
    }
}
