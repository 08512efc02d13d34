import ArgumentParser
import Foundation
import HPV
import ScreenVaxCore

struct HPVDoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dose",
        abstract: "Record an administered HPV dose, then show how it was evaluated.",
        discussion: """
            A dose is a fact: it is stored even when it breaks a programme rule, then evaluated. Refused \
            only: an unknown person, a future date, a date before birth, a second dose on the same day.
            """)

    @Option(help: "Resident ID of the girl.") var id: String
    @Option(help: "Date given (YYYY-MM-DD).") var date: String
    @Option(help: "Product code (cecolin, walrinvax; other HPV vaccines: cervarix, gardasil4, gardasil9).") var product: String
    @Option(help: "Lot number.") var lot: String
    @Option(help: "Lot expiry date (YYYY-MM-DD, or YYYY-MM meaning the month's last day).") var expiry: String
    @Option(help: "Injection site, e.g. left_deltoid.") var site: String = ""
    @Option(help: "Vaccination clinic.") var clinic: String = ""
    @Option(help: "Vaccinator's name.") var vaccinator: String = ""
    @Flag(help: "A dose given elsewhere, recorded from a vaccination certificate.") var historical = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let context = try HPVContext(global)
        let rid = try context.residentID(id)
        let doseDate = try parseDate(date, option: "--date")
        let entry = DoseEntry(residentID: rid, date: doseDate, product: product.lowercased(), lot: lot,
                              expiry: try parseExpiry(expiry), site: site, clinic: clinic, vaccinator: vaccinator,
                              historical: historical)
        let programme = context.programme
        let (dose, girl) = try context.database.write { db in
            let dose = try DoseRecords.record(db, entry: entry, today: context.today, knownProducts: programme.knownProductCodes,
                                              audit: context.audit)
            return (dose, try Register.girl(db, programme: programme.id, residentID: rid))
        }
        var evaluation: DoseEvaluation?
        var forecast: HPVForecast?
        if let girl {
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: max(context.today, doseDate))
            forecast = f
            evaluation = f.doses.first { $0.dose.date == dose.date }
        }
        let result = DoseResult(uuid: dose.uuid, date: dose.date, product: dose.product, number: evaluation?.number,
                                valid: evaluation?.valid, reason: evaluation?.reason,
                                countsForProgramme: evaluation?.countsForProgramme ?? false,
                                status: forecast?.status, next: forecast?.next)
        if output.format == .json { return try JSONOutput.print(result) }
        var line = "recorded dose \(dose.date.iso) \(dose.product) lot \(dose.lot) for \(rid.masked)"
        if let e = evaluation {
            line += ": dose \(e.number), \(e.valid ? "valid" : "not valid")"
            if let r = e.reason { line += " (\(r.rawValue))" }
            line += e.countsForProgramme ? ", counts for the programme" : ", does not count for the programme"
        } else {
            line += " (not on this programme's register: evaluated only when enrolled)"
        }
        print(line)
        if let f = forecast {
            print("status: \(f.status.rawValue)" + (f.next.map { ", next dose \($0.dose) due \($0.due.iso), latest \($0.latest.iso)" } ?? ""))
        }
    }

    /// CDSi CALCDTLOTEXP-1: an expiry known only to the month is the month's last day.
    func parseExpiry(_ text: String) throws -> CalendarDate {
        let t = text.trimmingSpaces()
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" })
        if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y > 1900 {
            return CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))!
        }
        return try parseDate(t, option: "--expiry")
    }
}

struct DoseResult: Encodable {
    let uuid: String
    let date: CalendarDate
    let product: String
    let number: Int?
    let valid: Bool?
    let reason: DoseReason?
    let countsForProgramme: Bool
    let status: HPVStatus?
    let next: NextDose?

    enum CodingKeys: String, CodingKey {
        case uuid, date, product, number, valid, reason, status, next
        case countsForProgramme = "counts_for_programme"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(date, forKey: .date)
        try c.encode(product, forKey: .product)
        try c.encode(number, forKey: .number)
        try c.encode(valid, forKey: .valid)
        try c.encode(reason, forKey: .reason)
        try c.encode(countsForProgramme, forKey: .countsForProgramme)
        try c.encode(status, forKey: .status)
        try c.encode(next, forKey: .next)
    }
}
