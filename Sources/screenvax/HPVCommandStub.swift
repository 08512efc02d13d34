import ArgumentParser

/// TEMPORARY (branch cdsi): a minimal `hpv` group so `screenvax hpv forecast` runs in this branch.
/// When merging into main, delete this file, remove `HPVCommandStub.self` from
/// `CommandRegistry.all`, and add `HPVForecastCommand.self` to the real `HPVCommand`'s subcommands.
struct HPVCommandStub: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpv", abstract: "HPV cohort register.", subcommands: [HPVForecastCommand.self])
}
