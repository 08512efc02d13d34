import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Every girl on the register with her status and its reason (closed windows and exclusions included).")

    @Option(name: .customLong("as-of"), help: "Assessment date (default: today, China Standard Time).") var asOf: String?
    @Option(help: "Only this status (\(HPVStatus.allCases.map(\.rawValue).joined(separator: ", "))).") var status: String?
    @OptionGroup var area: RegisterFilterOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var pii: PIIOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let day = try parseDate(asOf, option: "--as-of")
        var wanted: HPVStatus?
        if let status {
            guard let s = HPVStatus(rawValue: status) else {
                throw CLIError.invalidOption(option: "--status", problem: "unknown status \"\(status)\"; use one of \(HPVStatus.allCases.map(\.rawValue).joined(separator: ", "))", code: "bad_value")
            }
            wanted = s
        }
        let filter = try area.filter(context.divisions)
        let programme = context.programme
        let girls = try context.database.read { db in try Register.girls(db, programme: programme.id, filter: filter) }
        let lines = RegisterListing.lines(girls, programme: programme, asOf: day, status: wanted, showPII: pii.showPII).map(\.line)
        if output.format == .json { return try JSONOutput.print(lines) }
        print(Listing(columns: ["id", "name", "born", "status", "reason", "valid_doses", "school", "class"],
                      rows: lines.map { [$0.idMasked, $0.name, $0.birthDate, $0.status, $0.reason, String($0.validDoses), $0.school, $0.className] })
                .render(output.format), terminator: "")
    }
}
