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
        let context = try HPVCommandContext(global)
        let rid = try context.residentID(id)
        let day = try parseDate(asOf, option: "--as-of")
        let programme = context.programme
        let girl = try GirlLookup.find(context.database, context: context.hpv, .residentID(rid.value))
        let shown = StatusOutput(girl: girl, programme: programme, asOf: day, showPII: pii.showPII)
        if output.format == .json { return try JSONOutput.print(shown) }
        let f = shown.forecast
        let shownID = shown.id
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
