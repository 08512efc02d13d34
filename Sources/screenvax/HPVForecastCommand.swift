import ArgumentParser
import Foundation
import HPV
import ScreenVaxCore

/// `screenvax hpv forecast`: evaluates and forecasts one person from the command line alone,
/// under a named schedule (`hpv-cdsi` with CVX codes, `hpv-label-<product>` with product codes).
/// Touches no database.
struct HPVForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Evaluate doses and forecast the next HPV dose under a schedule (no database).",
        discussion: """
            Schedules: hpv-cdsi (CDC CDSi; doses as CVX codes 62, 118, 137, 165) and the label \
            schedules hpv-label-cecolin, -walrinvax, -cervarix, -gardasil4, -gardasil9 (doses as \
            product codes). A dose is DATE:CODE, optionally DATE:CODE:EXPIRY for the lot's expiry \
            (YYYY-MM-DD, or YYYY-MM meaning the month's last day). Doses after --as-of are ignored \
            with a warning.
            """)

    @Option(help: "Date of birth, YYYY-MM-DD.")
    var dob: String

    @Option(help: "Sex: F or M.")
    var sex: String

    @Option(name: .customLong("dose"), help: "A dose given: YYYY-MM-DD:CODE[:EXPIRY]. Repeat for each dose.")
    var doses: [String] = []

    @Option(name: .customLong("as-of"), help: "Assessment date, YYYY-MM-DD (default: today, China Standard Time).")
    var asOf: String?

    @Option(help: "Schedule name, e.g. hpv-cdsi or hpv-label-cecolin.")
    var schedule: String

    @OptionGroup var output: FormatOption

    func run() throws {
        let schemas = try SchemasDirectory.locate()
        let loaded = try Schedule.load(schemas: schemas, name: schedule)
        let input = try ForecastInput.parse(dob: dob, sex: sex, doses: doses, asOf: asOf, schedule: loaded)
        let result = CDSiEngine.assess(birthDate: input.birthDate, sex: input.sex, doses: input.doses,
                                       schedule: loaded, asOf: input.asOf)
        for warning in result.warnings { note("warning: " + warning) }
        switch output.format {
        case .json: print(ForecastOutput.json(result))
        case .table, .csv: print(ForecastOutput.listing(result, format: output.format), terminator: "")
        }
    }
}

/// The command line's values, checked; every problem is a `UserError` naming the option.
struct ForecastInput {
    let birthDate: CalendarDate
    let sex: ResidentID.Sex
    let doses: [AdministeredDose]
    let asOf: CalendarDate

    static func parse(dob: String, sex: String, doses: [String], asOf: String?, schedule: Schedule) throws -> ForecastInput {
        guard let birth = CalendarDate(iso: dob) else { throw CoreError.badDate(dob, field: "--dob") }
        guard let sexValue = ResidentID.Sex(rawValue: sex.uppercased()) else {
            throw HPVError.badValue(field: "--sex", value: sex, expected: "F or M")
        }
        let assessed: CalendarDate
        if let asOf {
            guard let date = CalendarDate(iso: asOf) else { throw CoreError.badDate(asOf, field: "--as-of") }
            assessed = date
        } else {
            assessed = Clock.system.today()
        }
        let parsed = try doses.map { try parseDose($0, schedule: schedule) }
        for dose in parsed where dose.date < birth {
            throw HPVError.beforeBirth(field: "--dose", date: dose.date)
        }
        return ForecastInput(birthDate: birth, sex: sexValue, doses: parsed, asOf: assessed)
    }

    static func parseDose(_ text: String, schedule: Schedule) throws -> AdministeredDose {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, let date = CalendarDate(iso: parts[0]), !parts[1].isEmpty else {
            throw ScheduleError.badDose(text)
        }
        let code = parts[1].trimmingCharacters(in: .whitespaces)
        guard schedule.knows(code: code) else {
            throw ScheduleError.unknownCode(code, schedule: schedule.id, known: schedule.vaccines.map(\.code))
        }
        var expiry: CalendarDate?
        if parts.count == 3 {
            guard let e = lotExpiry(parts[2]) else { throw ScheduleError.badDose(text) }
            expiry = e
        }
        return AdministeredDose(date: date, code: code, lotExpiry: expiry)
    }

    /// CALCDTLOTEXP-1: a full date, or the last day of the month when only the month is known.
    static func lotExpiry(_ text: String) -> CalendarDate? {
        if let date = CalendarDate(iso: text) { return date }
        let p = text.split(separator: "-")
        guard p.count == 2, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return nil }
        return CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))
    }
}

/// Renders an assessment as the JSON of the interface (issue 3) or as a table.
enum ForecastOutput {
    static func json(_ a: Assessment) -> String {
        var w = JSONWriter()
        w.string("schedule", a.scheduleID)
        w.string("series", a.seriesName)
        w.string("series_status", a.status.rawValue)
        if let n = a.next {
            var next = JSONWriter()
            next.int("dose", n.dose)
            next.string("earliest", n.earliest.iso)
            next.string("recommended", n.recommended.iso)
            next.string("past_due", n.pastDue?.iso)
            next.string("latest", n.latest?.iso)
            w.raw("next", next.finished())
        } else {
            w.raw("next", "null")
        }
        let doses = a.doses.map { e -> String in
            var d = JSONWriter()
            d.string("date", e.dose.date.iso)
            d.string("code", e.dose.code)
            d.string("status", e.status.rawValue)
            d.string("reason", e.reason?.rawValue)
            return d.finished()
        }
        w.raw("doses", "[" + doses.joined(separator: ",") + "]")
        w.strings("warnings", a.warnings)
        return w.finished()
    }

    static func listing(_ a: Assessment, format: OutputFormat) -> String {
        var out = ""
        if format == .table {
            out += "schedule: \(a.scheduleID) (\(a.seriesName ?? "no series"))\n"
            out += "series status: \(a.status.rawValue)\n"
            if let n = a.next {
                out += "next dose \(n.dose): earliest \(n.earliest.iso), recommended \(n.recommended.iso), "
                out += "past due \(n.pastDue?.iso ?? "-"), latest \(n.latest?.iso ?? "-")\n"
            } else {
                out += "next dose: none\n"
            }
            out += "\n"
        }
        let rows = a.doses.map { [$0.dose.date.iso, $0.dose.code, $0.status.rawValue, $0.reason?.rawValue ?? ""] }
        return out + Listing(columns: ["date", "code", "status", "reason"], rows: rows).render(format)
    }
}
