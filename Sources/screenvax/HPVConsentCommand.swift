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
        let context = try HPVContext(global)
        let rid = try context.residentID(id)
        let consent: Consent = decision == .given ? .given : .declined
        let programme = context.programme.id
        let e = try context.database.write { db in
            try ConsentRecords.record(db, residentID: rid, programme: programme, consent: consent, reason: reason, audit: context.audit)
        }
        print("consent for \(rid.masked): \(e.consent.rawValue)" + (e.refusalReason.isEmpty ? "" : " (\(e.refusalReason))"))
    }
}
