import ArgumentParser
import Foundation
import ScreenVaxCore
import Screening
import Store

/// `screening decline`: she declines a service (尊重意愿); it leaves the due list and the call plan.
struct ScreeningDeclineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Record that a woman declines a service for her pregnancy or her newborn.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var subject: SubjectOption
    @Option(help: "The service she declines.") var service: String
    @Option(help: "Why, in her words (at most 200 characters).") var reason: String
    @Option(help: "Who recorded it, or who declined for the baby (at most 200 characters).") var by: String = ""
    @Option(help: "The day she declined (default today).") var date: String?

    func run() async throws {
        let (database, context) = try global.screening()
        let day = try parseDate(date, option: "--date")
        let d = try database.write { db in
            let subject = try ResultRecording.subject(db, pregnancyUUID: subject.pregnancy, newbornUUID: subject.newborn)
            return try DeclineRecording.record(db, context: context, subject: subject, service: service, reason: reason, by: by, on: day)
        }
        print(output.format == .json ? d.json : "\(d.service) declined on \(d.on.iso); it is off the due list and the call plan")
    }
}
