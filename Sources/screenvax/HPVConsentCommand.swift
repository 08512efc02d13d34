import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Record a family's consent or refusal at the clinic (a later roster import keeps it).")

    @Option(help: "Resident ID of the girl.") var id: String
    @Flag(help: "Consent given or declined.") var decision: Decision
    @Option(help: "Refusal reason, when declined.") var reason: String = ""
    @OptionGroup var global: GlobalOptions

    enum Decision: String, EnumerableFlag { case given, declined }

    func run() async throws {
        let context = try HPVCommandContext(global)
        let rid = try context.residentID(id)
        let e = try ConsentRecording.record(context.database, context: context.hpv, girl: .residentID(rid.value),
                                            consent: decision == .given ? .given : .declined, reason: reason)
        print("consent for \(e.idMasked): \(e.consent)" + (e.refusalReason.isEmpty ? "" : " (\(e.refusalReason))"))
    }
}
