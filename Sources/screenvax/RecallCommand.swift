import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

struct RecallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recall of screen-positive women and newborns: record steps, list open cases.",
        subcommands: [Step.self, List.self])

    struct Step: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "step", abstract: "Record a step on a recall case.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("case"), help: "The recall case id.") var caseID: String
        @Option(help: "contact, counselled, referred, diagnosed, managed, closed or lost.") var step: RecallStep
        @Option(help: "contact: reached|unreachable|refused; diagnosed: confirmed|not_confirmed; lost: unreachable|moved|refused.") var outcome: String?
        @Option(help: "Contact channel: phone, sms, home_visit, clinic.") var channel: String?
        @Option(help: "Date of the step (default today).") var date: String?
        @Option(help: "Free text: where the family moved, why a diagnosis was not confirmed, what counselling advised (at most 200 characters).") var detail: String = ""
        @Option(help: "Who took the step (counselled: who gave the counselling).") var by: String = ""
        @Option(help: "referred: the institution (code or name; default the one designated for the county).") var institution: String?

        func run() async throws {
            let (database, context) = try global.screening()
            let day = try parseDate(date, option: "--date")
            let result = try database.write { db in
                try RecallStepRecording.record(db, context: context, caseUUID: RecallCaseID(caseID), step: step, outcome: outcome,
                                               channel: channel, detail: detail, by: by, institution: institution, on: day)
            }
            if output.format == .json { return try JSONOutput.print(result) }
            print("case \(result.caseID): \(result.stage)" + (result.nextStep.map { "; next \($0) by \(result.deadline ?? "-")" } ?? "")
                  + (step == .referred ? "; referred to \(result.referralInstitution ?? "-")" : "")
                  + (result.highRiskManagement ? "; under high-risk management" : result.managementEnded.map { "; management ended (\($0))" } ?? ""))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Open recall cases with the next step and its deadline, overdue first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var pii: PIIOption
        @Flag(help: "Only cases past their deadline.") var overdue = false
        @OptionGroup var list: WorkListDay
        @Option(help: "Show at most N cases.") var limit: Int?

        func run() async throws {
            let day = try list.day()
            let database = try global.openDatabase()
            var entries = try database.read { db in
                try WorkListQueries.recallList(db, asOf: day, overdueOnly: overdue, county: list.county)
            }.map { pii.showPII ? $0 : $0.masked }
            if let limit { entries = Array(entries.prefix(limit)) }
            if output.format == .json {
                print(RecallListEntry.jsonArray(entries))
                return
            }
            print(Listing(columns: ["case_id", "subject", "service", "opened", "stage", "next_step", "deadline", "overdue", "high_risk_management",
                                    "name", "id", "phone", "county"],
                          rows: entries.map { e in
                              [e.caseID.raw, e.subject + (e.birthOrder.map { " #\($0)" } ?? ""), e.service, e.opened, e.stage, e.nextStep ?? "",
                               e.deadline ?? "", e.overdue ? "overdue" : "", e.highRiskManagement ? "yes" : "", e.name,
                               e.residentID ?? "(no ID yet)", e.phone, e.countyCode]
                          }).render(output.format), terminator: "")
        }
    }
}
