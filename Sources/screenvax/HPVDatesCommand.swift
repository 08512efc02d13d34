import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVDatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dates", abstract: "A county's own first-dose dates within the province's.",
        subcommands: [HPVDatesSetCommand.self])
}

struct HPVDatesSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a county's campaign start and first-dose deadline (not later than the province's); forecasts use them.")

    @Option(help: "County: 6-digit code (360102) or name (南昌市东湖区).") var county: String
    @Option(name: .customLong("campaign-start"), help: "The county's campaign start, YYYY-MM-DD.") var campaignStart: String
    @Option(name: .customLong("first-dose-deadline"), help: "The last day dose 1 is on time, YYYY-MM-DD.") var firstDoseDeadline: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let context = try HPVCommandContext(global)
        let out = try CountyDatesSetting.set(context.database, context: context.hpv, county: county, campaignStart: campaignStart,
                                             firstDoseDeadline: firstDoseDeadline)
        if output.format == .json { return try JSONOutput.print(out) }
        print("\(out.county) (\(out.countyCode)): campaign start \(out.campaignStart), first-dose deadline \(out.firstDoseDeadline) "
              + "(province: \(out.provinceDeadline)), version \(out.version)")
    }
}
