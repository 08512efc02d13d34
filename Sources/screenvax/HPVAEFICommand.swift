import ArgumentParser
import HPV
import ScreenVaxCore

struct HPVAEFICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aefi",
        abstract: "Suspected adverse events following immunization (疑似预防接种异常反应).",
        subcommands: [List.self, Add.self, Update.self, Lots.self],
        defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a suspected adverse event after a dose.")
        @Option(help: "Resident ID of the girl.") var id: String
        @Option(name: .customLong("dose-date"), help: "Date of the dose it follows.") var doseDate: String
        @Option(help: "Onset date-time, e.g. 2023-10-12T14:30 (China Standard Time) or with an offset.") var onset: String
        @Option(help: "Symptom codes, comma-separated (fever, local_redness, rash, syncope, anaphylaxis, laryngeal_oedema, ...).") var symptoms: String
        @Flag(help: "A serious event (anaphylaxis and laryngeal oedema are always serious).") var serious = false
        @Option(help: "Outcome: \(AEFIOutcome.allCases.map(\.rawValue).joined(separator: ", ")).") var outcome: String = "unknown"
        @Option(help: "Who reports it.") var reporter: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try HPVCommandContext(global)
            let rid = try context.residentID(id)
            let uuid = try AEFIRecording.record(context.database, context: context.hpv, input: AEFIInput(
                girl: .residentID(rid.value), doseDate: doseDate, onset: onset, symptoms: symptoms.split(separator: ",").map(String.init),
                serious: serious, outcome: outcome, reporter: reporter))
            print("recorded AEFI \(uuid.prefix(8)) for \(rid.masked)")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Follow an event to its conclusion: investigated → classified → (appraisal, 鉴定) → closed.",
            discussion: """
                Each step given is taken in order; every change is a new version of the event, audited and sent \
                to the platform (a serious event ahead of the regular batches). Classifications: \
                \(AEFIClassification.allCases.map { "\($0.rawValue) (\($0.zh))" }.joined(separator: ", ")).
                """)
        @Option(help: "The event's id (as hpv aefi list shows it, 8 characters or the whole id).") var event: String
        @Option(name: .customLong("investigated-on"), help: "Date of the investigation (调查).") var investigatedOn: String?
        @Option(help: "Who investigated.") var investigator: String?
        @Option(help: "The investigation's findings.") var findings: String?
        @Option(help: "Classification after diagnosis (调查诊断).") var classification: String?
        @Option(name: .customLong("classified-on"), help: "Date of the classification (default: today).") var classifiedOn: String?
        @Option(name: .customLong("appraisal-requested-on"), help: "Date an appraisal (鉴定) was requested, when the diagnosis is disputed.")
        var appraisalRequestedOn: String?
        @Option(name: .customLong("appraisal-result"), help: "The appraisal's conclusion.") var appraisalResult: String?
        @Option(name: .customLong("appraisal-on"), help: "Date of the appraisal's conclusion.") var appraisalOn: String?
        @Option(name: .customLong("closed-on"), help: "Close the event on this date (after its classification).") var closedOn: String?
        @Option(help: "Outcome now: \(AEFIOutcome.allCases.map(\.rawValue).joined(separator: ", ")).") var outcome: String?
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            let c = try AEFIUpdating.update(context.database, context: context.hpv, AEFIUpdate(
                event: event, investigatedOn: investigatedOn, investigator: investigator, findings: findings, classification: classification,
                classifiedOn: classifiedOn, appraisalRequestedOn: appraisalRequestedOn, appraisalResult: appraisalResult, appraisalOn: appraisalOn,
                closedOn: closedOn, outcome: outcome))
            if output.format == .json { return try JSONOutput.print(c) }
            print("AEFI \(c.uuid.prefix(8)): \(c.state.rawValue)" + (c.classification.map { ", \($0.rawValue) (\($0.zh))" } ?? "") + ", version \(c.version)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List events; --serious for immediate reporting.")
        @Flag(help: "Only serious events.") var serious = false
        @Option(help: "Only events after doses of this lot.") var lot: String?
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            let programme = context.programme.id
            let events = try context.database.read { db in try AEFIRecords.list(db, seriousOnly: serious, lot: lot, programme: programme) }
            let lines = events.map { AEFILine($0, showPII: pii.showPII) }
            if output.format == .json { return try JSONOutput.print(lines) }
            // `event` is what `hpv aefi update --event` takes: the uuid's first 8 characters are enough.
            print(Listing(columns: ["event", "id", "name", "county", "dose_date", "product", "lot", "onset", "symptoms", "serious", "outcome",
                                    "reporter", "state"],
                          rows: lines.map { [String($0.event.prefix(8)), $0.id, $0.name, $0.countyCode, $0.doseDate, $0.product, $0.lot, $0.onset,
                                             $0.symptoms.joined(separator: ";"), $0.serious ? "yes" : "no", $0.outcome, $0.reporter, $0.state] })
                    .render(output.format), terminator: "")
        }
    }

    struct Lots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lots", abstract: "Doses and events per lot.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let context = try HPVCommandContext(global)
            let lots = try context.database.read { db in try AEFIRecords.byLot(db) }
            if output.format == .json { return try JSONOutput.print(lots) }
            print(Listing(columns: ["product", "lot", "doses", "events", "serious"],
                          rows: lots.map { [$0.product, $0.lot, String($0.doses), String($0.events), String($0.serious)] })
                    .render(output.format), terminator: "")
        }
    }
}
