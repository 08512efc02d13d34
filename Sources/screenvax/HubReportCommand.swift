import ArgumentParser
import Foundation
import Hub
import ScreenVaxCore
import Screening

/// `hub report`: province reports on the deduplicated register, computed in PostgreSQL.
struct HubReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Province reports: HPV coverage, screening rates, assist use and follow-up calls.",
        subcommands: [HPV.self, Screening.self, Assist.self, Calls.self])

    struct HPV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hpv",
            abstract: "HPV coverage per city and county, as `report hpv`, a girl counted once where she was enrolled last.")
        @OptionGroup var hub: HubOptions
        @Option(name: .customLong("as-of"), help: "Report date (default: today, China Standard Time).") var asOf: String?
        @OptionGroup var output: FormatOption

        func run() async throws {
            let url = try hub.url()
            let day = try parseDate(asOf, option: "--as-of")
            let p = try HubProgrammes.load(schemas: SchemasDirectory.locate())
            let report = try await HubDatabase.using(url) {
                try await HubHPVReport.run($0, programme: p.hpv, plan: p.hpvPlan, divisions: p.divisions, asOf: day)
            }
            if output.format == .json { return try JSONOutput.print(report) }
            if output.format == .table { print("HPV coverage as of \(day.iso) (\(report.programme)), province register") }
            func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
            let rows = (report.cities + [report.totals]).map { l in
                [l.cityCode, l.city, l.target.map(String.init) ?? "", String(l.roster), String(l.eligible), String(l.consented),
                 String(l.dose1), String(l.complete), pct(l.coverage), "\(l.aefiSerious)/\(l.aefi)", String(format: "%.2f", l.cost)]
            }
            print(Listing(columns: ["city_code", "city", "target", "roster", "eligible", "consented", "dose1", "complete", "coverage",
                                    "aefi_serious/all", "cost"], rows: rows).render(output.format), terminator: "")
        }
    }

    struct Screening: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "screening",
            abstract: "Screening rates, recall outcomes and the subsidy, as `report screening`, each subject counted once.")
        @OptionGroup var hub: HubOptions
        @OptionGroup var dates: ScreeningReportDates
        @OptionGroup var output: FormatOption

        func run() async throws {
            let url = try hub.url()
            let p = try HubProgrammes.load(schemas: SchemasDirectory.locate())
            let first = try dates.from.map { try parseDate($0, option: "--from") } ?? p.screening.firstDay
            let last = try parseDate(dates.to, option: "--to")
            let report = try await HubDatabase.using(url) {
                try await HubScreeningReport.run($0, programme: p.screening, plan: p.screeningPlan, divisions: p.divisions, from: first, to: last)
            }
            if output.format == .json { return try JSONOutput.print(report) }
            func pct(_ d: Double?) -> String { d.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
            var rows: [[String]] = []
            for a in report.cities + [AreaFigures(code: "360000", name: "江西省", services: report.services)] {
                for s in a.services {
                    rows.append([a.code, a.name, s.service, String(s.screened), String(s.denominator), pct(s.rate), pct(s.targetRate),
                                 String(s.positives), String(s.recalled), String(s.confirmed), String(format: "%.0f", s.subsidy)])
                }
            }
            if output.format == .table { print("hub report screening \(report.from) to \(report.to), province register") }
            print(Listing(columns: ["area", "name", "service", "screened", "denominator", "rate", "target", "positives", "recalled",
                                    "confirmed", "subsidy"], rows: rows).render(output.format), terminator: "")
        }
    }

    struct Assist: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assist",
            abstract: "The assist services' use per clinic, county and day: hook calls, cards shown, AI calls and failures.")
        @OptionGroup var hub: HubOptions
        @OptionGroup var period: SupervisionPeriod
        @OptionGroup var output: FormatOption

        func run() async throws {
            let report = try await period.report(hub, HubAssistReport.run)
            if output.format == .json { return try JSONOutput.print(report) }
            let rows = report.lines.map { l in
                [l.day, l.countyCode, l.county, l.clinic, String(l.hookCalls), String(l.cardsShown), String(l.aiCalls), String(l.aiFailures)]
            }
            print(Listing(columns: ["day", "county_code", "county", "clinic", "hook_calls", "cards_shown", "ai_calls", "ai_failures"],
                          rows: rows).render(output.format), terminator: "")
        }
    }

    struct Calls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calls",
            abstract: "Follow-up call attempts and their outcomes per county and day.")
        @OptionGroup var hub: HubOptions
        @OptionGroup var period: SupervisionPeriod
        @OptionGroup var output: FormatOption

        func run() async throws {
            let report = try await period.report(hub, HubCallsReport.run)
            if output.format == .json { return try JSONOutput.print(report) }
            let rows = report.lines.map { l in
                [l.day, l.countyCode, l.county, String(l.attempts), String(l.reached), String(l.escalated),
                 l.outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
            }
            print(Listing(columns: ["day", "county_code", "county", "attempts", "reached", "escalated", "outcomes"], rows: rows)
                    .render(output.format), terminator: "")
        }
    }
}

/// The days and the area of a supervision report (`hub report assist`, `hub report calls`).
struct SupervisionPeriod: ParsableArguments {
    @Option(help: "First day (default: 30 days before --to).") var from: String?
    @Option(help: "Last day (default: today).") var to: String?
    @Option(help: "Only this county, city or the province (360000).") var area: String?

    /// Runs one of the supervision reports for these days and this area.
    func report<R: Sendable>(_ hub: HubOptions,
                   _ run: @escaping @Sendable (HubDatabase, Divisions, CalendarDate, CalendarDate, String?) async throws -> R)
        async throws -> R {
        let url = try hub.url()
        let last = try parseDate(to, option: "--to")
        let first = try from.map { try parseDate($0, option: "--from") } ?? last.addingDays(-30)
        let divisions = try Divisions.load(schemas: SchemasDirectory.locate())
        let area = area
        return try await HubDatabase.using(url) { try await run($0, divisions, first, last, area) }
    }
}
