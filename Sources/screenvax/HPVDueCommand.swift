import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVDueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The work list: girls to vaccinate and call, most urgent first.",
        discussion: "Window closing soonest first, then overdue, then due. Declined girls never appear.")

    @Option(name: .customLong("as-of"), help: "Date of the list (default: today, China Standard Time).") var asOf: String?
    @Option(help: "Also list girls whose next dose comes due within N days (0 to 3650).") var within: Int = 0
    @OptionGroup var area: RegisterFilterOptions
    @Option(help: "Show at most N girls.") var limit: Int?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var pii: PIIOption

    func run() async throws {
        guard WorkList.lookAhead.contains(within) else {
            throw CLIError.invalidOption(option: "--within", problem: "\(within) days is outside \(WorkList.lookAhead.lowerBound) to \(WorkList.lookAhead.upperBound)",
                                         code: "bad_value")
        }
        if let limit, limit < 0 { throw CLIError.invalidOption(option: "--limit", problem: "\(limit) is below 0", code: "bad_value") }
        let context = try HPVCommandContext(global)
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
        if output.format == .json { return try JSONOutput.printArray(lines) }
        Listing(columns: ["id", "name", "status", "dose", "due", "latest", "days_left", "school", "class", "guardian", "phone"],
                rows: lines.map { (l: DueLine) -> [String] in
                    [l.idMasked, l.name, l.windowClosing ? l.status + " (closing)" : l.status, String(l.nextDose), l.due, l.latest,
                     String(l.daysLeft), l.school, l.className, l.guardian, l.guardianPhone]
                })
            .write(output.format)
        if output.format == .table { print("\(lines.count) girls as of \(day.iso)") }
    }
}
