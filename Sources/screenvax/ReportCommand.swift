import ArgumentParser

/// TEMPORARY (screening branch): a minimal `report` group so that `report screening` runs here.
/// The lead owns the real `report` group: add `ScreeningReportCommand.self` to its subcommands and
/// delete this file.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports.",
                                                    subcommands: [ScreeningReportCommand.self])
}
