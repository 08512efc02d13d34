import ArgumentParser
import Assist
import Foundation
import Logging
import ScreenVaxCore

/// `screenvax assist`: the cards a clinic system would get for a patient, and the hook-call audit.
struct AssistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assist", abstract: "The AI-assist cards for a patient (as the CDS Hooks services give them), and their audit.",
        subcommands: [Cards.self, Audit.self], defaultSubcommand: Cards.self)

    struct Cards: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cards", abstract: "Cards for one patient: screenvax assist --patient ID [--service S].")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Resident ID or registry id of the patient.")
        var patient: String
        @Option(help: "One service: hpv-reminder, screening-reminder, recall-alert or ai-assist (default: the three rule services).")
        var service: String?
        @Option(name: .customLong("as-of"), help: "Assessment date (default: today, China Standard Time).")
        var asOf: String?
        @Option(help: "Card language: zh-CN or en.")
        var language: String = "zh-CN"
        @OptionGroup var output: FormatOption

        func validate() throws {
            if let service, AssistServiceID(rawValue: service) == nil {
                throw ValidationError("--service: use one of \(AssistServiceID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard language == "zh-CN" || language == "en" else { throw ValidationError("--language is zh-CN or en") }
        }

        func run() async throws {
            let day = try parseDate(asOf, option: "--as-of")
            let database = try global.openDatabase()
            let engine = try AssistEngine(database: database, schemas: global.schemas(), ai: nil,
                                          logger: Logger(label: "screenvax.assist"))
            let request = HookRequest(hook: AssistServiceID.hook, hookInstance: UUID().uuidString.lowercased(), patientId: patient)
            let lang = CardLanguage(rawValue: language) ?? .zh
            // Without --service: the rule services, as ai-assist would give them without an AI.
            let answer = try await engine.answer(service: service.flatMap(AssistServiceID.init(rawValue:)) ?? .aiAssist,
                                                 request: request, language: lang, asOf: day, origin: .cli)
            guard answer.audit.patientFound else { throw AssistError.unknownPatient(answer.audit.patientMasked) }
            if output.format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return print(String(decoding: try encoder.encode(CardsResponse(cards: answer.cards)), as: UTF8.self))
            }
            print(Listing(columns: ["indicator", "summary", "source"], rows: answer.cards.map {
                [$0.indicator.rawValue, $0.summary, $0.source.label]
            }).render(output.format), terminator: "")
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "The hook calls, latest first: service, hook instance, masked patient, cards, latency, whether the AI was asked.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this service's calls.")
        var service: String?
        @Option(help: "How many calls to list.")
        var limit: Int = 100
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit is at least 1") }
        }

        func run() async throws {
            let database = try global.openDatabase()
            let service = self.service, limit = self.limit
            let entries = try database.read { db in try HookAudit.entries(db, service: service, limit: limit) }
            if output.format == .json { return try JSONOutput.print(entries) }
            print(Listing(columns: ["at", "service", "hook_instance", "origin", "patient", "cards", "indicators", "latency_ms", "ai"],
                          rows: entries.map {
                [$0.at, $0.service, $0.hookInstance, $0.origin, $0.patientMasked, String($0.cardIDs.count),
                 $0.indicators.joined(separator: " "), String(format: "%.1f", $0.latencyMs), $0.aiOutcome]
            }).render(output.format), terminator: "")
        }
    }
}
