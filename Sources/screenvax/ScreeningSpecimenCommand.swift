import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

/// `screening specimen collect|dispatch|receive|overdue`: a card from collection to result.
struct ScreeningSpecimenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "specimen", abstract: "Specimens (heel-prick cards, maternal blood) from collection to result.",
                                                    subcommands: [Collect.self, Dispatch.self, Receive.self, Overdue.self])

    static func time(_ text: String, option: String) throws -> ClinicalTime {
        guard let t = ClinicalTime(text) else { throw ScreeningError.badTime(text, field: option).at(InputLocation(field: option)) }
        return t
    }

    static func print(_ specimens: [SpecimenRecord], format: OutputFormat) {
        if format == .json {
            Swift.print("[" + specimens.map { SpecimenRecords.payload($0, subjectUUID: "").replacingOccurrences(of: ",\"subject_uuid\":\"\"", with: "") }
                .joined(separator: ",") + "]")
            return
        }
        for s in specimens { Swift.print("\(s.specimenNo) \(s.service): \(s.stage.rawValue)" + (s.rejected.map { " (\($0): recollection due)" } ?? "")) }
    }

    struct Collect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "collect", abstract: "Record a specimen collected (标本编号, time, institution).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var subject: SubjectOption
        @Option(help: "metabolic, deaf_gene, serum or thal_gene.") var service: String
        @Option(name: .customLong("specimen-no"), help: "The number on the card (标本编号).") var specimenNo: String
        @Option(name: .customLong("collected-at"), help: "YYYY-MM-DDTHH:MM (or a date).") var collectedAt: String
        @Option(help: "The collecting institution (code or name, see `screening institution list`).") var institution: String

        func run() async throws {
            let (database, context) = try global.screening()
            let time = try ScreeningSpecimenCommand.time(collectedAt, option: "--collected-at")
            let s = try database.write { db in
                let subject = try ResultRecording.subject(db, pregnancyUUID: subject.pregnancy, newbornUUID: subject.newborn)
                return try SpecimenTracking.collect(db, context: context, subject: subject, service: service, number: specimenNo,
                                                    collectedAt: time, institution: institution)
            }
            ScreeningSpecimenCommand.print([s], format: output.format)
        }
    }

    struct Dispatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dispatch", abstract: "Record cards sent to the lab (送检); repeat --specimen-no for a batch.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("specimen-no"), help: "The card's number; repeatable.") var numbers: [String]
        @Option(help: "When they left (YYYY-MM-DDTHH:MM or a date).") var at: String
        @Option(help: "The lab they go to (code or name).") var lab: String?
        @Option(help: "Only the specimen of this service (a card can carry two).") var service: String?

        func validate() throws {
            guard !numbers.isEmpty else { throw ValidationError("give --specimen-no at least once") }
            guard numbers.count <= 5000 else { throw ValidationError("at most 5000 cards per dispatch") }
        }

        func run() async throws {
            let (database, context) = try global.screening()
            let time = try ScreeningSpecimenCommand.time(at, option: "--at")
            let done = try database.write { db in
                try numbers.flatMap { try SpecimenTracking.dispatch(db, context: context, number: $0, service: service, at: time, lab: lab) }
            }
            ScreeningSpecimenCommand.print(done, format: output.format)
        }
    }

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "receive", abstract: "Record a card received at the lab, or rejected (a recollection becomes due).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("specimen-no"), help: "The card's number.") var specimenNo: String
        @Option(help: "When it arrived (YYYY-MM-DDTHH:MM or a date).") var at: String
        @Option(help: "Reject it: insufficient, haemolysed, late or unlabelled.") var reject: String?
        @Option(help: "Only the specimen of this service (a card can carry two).") var service: String?

        func run() async throws {
            let (database, context) = try global.screening()
            let time = try ScreeningSpecimenCommand.time(at, option: "--at")
            let done = try database.write { db in
                try SpecimenTracking.receive(db, context: context, number: specimenNo, service: service, at: time, reject: reject)
            }
            ScreeningSpecimenCommand.print(done, format: output.format)
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "overdue", abstract: "Specimens past their turnaround limit, by institution.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var list: WorkListDay

        func run() async throws {
            let (database, context) = try global.screening()
            let day = try list.day()
            let waiting = try database.read { db in try SpecimenRecords.waiting(db, county: list.county) }
            let overdue = SpecimenLimits.overdue(waiting, policy: context.programme.specimens, asOf: day)
            if output.format == .json {
                Swift.print(overdue.isEmpty ? "[]" : "[\n" + overdue.map(\.json).joined(separator: ",\n") + "\n]")
                return
            }
            Swift.print(Listing(columns: ["institution", "specimen_no", "service", "stage", "since", "limit_days", "days_waiting", "lab", "county"],
                                rows: overdue.map { [$0.institution, $0.specimenNo, $0.service, $0.stage.rawValue, $0.since.iso, String($0.limitDays),
                                                     String($0.daysWaiting), $0.lab ?? "", $0.countyCode] }).render(output.format), terminator: "")
        }
    }
}
