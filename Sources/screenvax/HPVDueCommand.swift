import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVDueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The work list: girls to vaccinate and call, most urgent first.",
        discussion: "Window closing soonest first, then overdue, then due. Declined girls never appear.")

    @Option(name: .customLong("as-of"), help: "Date of the list (default: today, China Standard Time).") var asOf: String?
    @Option(help: "Also list girls whose next dose comes due within N days.") var within: Int = 0
    @OptionGroup var area: RegisterFilterOptions
    @Option(help: "Show at most N girls.") var limit: Int?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var pii: PIIOption

    func run() async throws {
        let context = try HPVContext(global)
        let day = try parseDate(asOf, option: "--as-of")
        let filter = try area.filter(context.divisions)
        let programme = context.programme
        let clock = ContinuousClock()
        let start = clock.now
        // The work items live only until their lines are made: a province's list is not held twice.
        let lines = try { () throws -> [DueLine] in
            var items = try context.database.read { db in
                try Register.due(db, programme: programme, filter: filter, asOf: day, within: within)
            }
            if global.environment["SCREENVAX_TIMING"] != nil {
                note("timing: read, forecast and sorted the register in \(clock.now - start)")
            }
            if let limit { items = Array(items.prefix(limit)) }
            return items.map { DueLine(item: $0, asOf: day, showPII: pii.showPII) }
        }()
        if output.format == .json { return try JSONOutput.print(lines) }
        Listing(columns: ["id", "name", "status", "dose", "due", "latest", "days_left", "school", "class", "guardian", "phone"],
                rows: lines.map { [$0.idMasked, $0.name, $0.windowClosing ? $0.status + " (closing)" : $0.status, String($0.nextDose), $0.due, $0.latest,
                                   String($0.daysLeft), $0.school, $0.className, $0.guardian, $0.guardianPhone] })
            .write(output.format)
        if output.format == .table { print("\(lines.count) girls as of \(day.iso)") }
    }
}

struct DueLine: Encodable {
    let idMasked: String
    let name: String
    let status: String
    let nextDose: Int
    let due: String
    let overdue: String
    let latest: String
    let daysLeft: Int
    let windowClosing: Bool
    let countyCode: String
    let school: String
    let className: String
    let guardian: String
    let guardianPhone: String

    init(item: WorkItem, asOf: CalendarDate, showPII: Bool) {
        let g = item.girl
        idMasked = showPII ? g.residentID : Masking.residentID(g.residentID)
        name = g.name
        status = item.forecast.status.rawValue
        nextDose = item.next.dose
        due = item.next.due.iso
        overdue = item.next.overdue.iso
        latest = item.next.latest.iso
        daysLeft = asOf.days(to: item.next.latest)
        windowClosing = item.forecast.windowClosing
        countyCode = g.countyCode
        school = g.school
        className = g.className
        guardian = g.guardianName
        guardianPhone = showPII ? g.guardianPhone : Masking.phone(g.guardianPhone)
    }

    enum CodingKeys: String, CodingKey {
        case name, status, due, overdue, latest, school, guardian
        case idMasked = "id_masked"
        case nextDose = "next_dose"
        case daysLeft = "days_left"
        case windowClosing = "window_closing"
        case countyCode = "county_code"
        case className = "class"
        case guardianPhone = "guardian_phone"
    }
}
