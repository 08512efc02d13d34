import ArgumentParser

struct HPVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpv",
        abstract: "The HPV cohort register: rosters, consent, doses, status, work lists, adverse events.",
        subcommands: [HPVImportCommand.self, HPVDoseCommand.self, HPVConsentCommand.self, HPVStatusCommand.self, HPVForecastCommand.self,
                      HPVDueCommand.self, HPVListCommand.self, HPVAEFICommand.self, HPVTransferCommand.self, HPVDatesCommand.self,
                      HPVRegisterCommand.self, HPVRosterStatusCommand.self])
}
