import ArgumentParser
import HPV
import ScreenVaxCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Programme reports for county, city and province.",
        subcommands: [HPVReportCommand.self, ScreeningReportCommand.self, CallsReportCommand.self])
}

struct HPVReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpv",
        abstract: "HPV coverage against the plan per city and county, AEFI, cost and its funding split.",
        discussion: """
            A girl counts where she is enrolled (the roster's 地区), not where her ID was issued. eligible: \
            enrolled girls the programme includes; dose1 / complete: girls with 1 / all doses that count for \
            the programme by the as-of date; coverage = complete / plan target; dose1_coverage = dose1 / plan \
            target (what moves in the campaign's year: dose 2 comes six months after dose 1). cost = programme doses × \
            (price + service fee), split province : city-county per the programme's funding rule.
            """)

    @Option(name: .customLong("as-of"), help: "Report date (default: today, China Standard Time).") var asOf: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let day = try parseDate(asOf, option: "--as-of")
        let report = try buildHPVReport(context, asOf: day)
        if output.format == .json { return try JSONOutput.print(report) }
        if output.format == .table { print("HPV coverage as of \(day.iso) (\(report.programme))") }
        printHPVReport(report, format: output.format)
    }
}

/// The report's tables: cities and the totals, then (as a table) the counties.
func printHPVReport(_ report: CoverageReport, format: OutputFormat) {
    func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
    func money(_ x: Double) -> String { String(format: "%.2f", x) }
    let rows = (report.cities + [report.totals]).map { l in
        [l.cityCode, l.city, l.target.map(String.init) ?? "", String(l.roster), String(l.eligible), String(l.consented),
         String(l.dose1), String(l.complete), pct(l.dose1Coverage), pct(l.coverage), "\(l.aefiSerious)/\(l.aefi)", money(l.cost),
         money(l.provinceShare), money(l.localShare)]
    }
    print(Listing(columns: ["city_code", "city", "target", "roster", "eligible", "consented", "dose1", "complete",
                            "dose1_coverage", "coverage", "aefi_serious/all", "cost", "province", "city_county"], rows: rows)
            .render(format), terminator: "")
    if format == .table {
        print("\nby county")
        print(Listing(columns: ["county_code", "county", "city", "roster", "eligible", "consented", "dose1", "complete", "aefi_serious/all", "cost"],
                      rows: report.counties.map { l in
                          [l.countyCode ?? "", l.county ?? "", l.city, String(l.roster), String(l.eligible), String(l.consented),
                           String(l.dose1), String(l.complete), "\(l.aefiSerious)/\(l.aefi)", money(l.cost)]
                      }).render(.table), terminator: "")
    }
}

func buildHPVReport(_ context: HPVCommandContext, asOf: CalendarDate) throws -> CoverageReport {
    try CoverageReport.load(database: context.database, programme: context.programme, divisions: context.divisions,
                            schemas: context.schemas, asOf: asOf)
}
