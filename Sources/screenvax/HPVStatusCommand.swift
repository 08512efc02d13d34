import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "A girl's programme status, evaluated doses and next-dose dates.")

    @Option(help: "Resident ID of the girl.") var id: String
    @Option(name: .customLong("as-of"), help: "Assessment date (default: today, China Standard Time).") var asOf: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var pii: PIIOption

    func run() async throws {
        let context = try HPVContext(global)
        let rid = try context.residentID(id)
        let day = try parseDate(asOf, option: "--as-of")
        let programme = context.programme
        guard let girl = try context.database.read({ db in try Register.girl(db, programme: programme.id, residentID: rid) }) else {
            throw HPVError.notEnrolled(rid.masked)
        }
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: day)
        let shownID = pii.showPII ? girl.residentID : rid.masked
        if output.format == .json {
            return try JSONOutput.print(StatusOutput(forecast: f, asOf: day, id: shownID, name: girl.name, school: girl.school,
                                                     className: girl.className))
        }
        print("\(girl.name) \(shownID), born \(girl.birthDate.iso), \(girl.school) \(girl.className)")
        print("as of \(day.iso): \(f.status.rawValue)" + (f.reason.map { " (\($0))" } ?? "") + (f.windowClosing ? " — window closing" : ""))
        if !f.doses.isEmpty {
            print(Listing(columns: ["dose", "date", "valid", "reason", "counts_for_programme"], rows: f.doses.map {
                [String($0.number), $0.dose.date.iso, $0.valid ? "yes" : "no", $0.reason?.rawValue ?? "", $0.countsForProgramme ? "yes" : "no"]
            }).render(output.format), terminator: "")
        }
        if let n = f.next {
            print("next: dose \(n.dose) earliest \(n.earliest.iso), due \(n.due.iso), overdue from \(n.overdue.iso), latest \(n.latest.iso)")
        }
    }
}

struct StatusOutput: Encodable {
    let forecast: HPVForecast
    let asOf: CalendarDate
    let id: String
    let name: String
    let school: String
    let className: String

    enum CodingKeys: String, CodingKey {
        case status, doses, next, reason, name, school
        case windowClosing = "window_closing"
        case asOf = "as_of"
        case id = "id_masked"
        case className = "class"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(forecast.status, forKey: .status)
        try c.encode(forecast.doses, forKey: .doses)
        try c.encode(forecast.next, forKey: .next)
        try c.encode(forecast.reason, forKey: .reason)
        try c.encode(forecast.windowClosing, forKey: .windowClosing)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(school, forKey: .school)
        try c.encode(className, forKey: .className)
    }
}
