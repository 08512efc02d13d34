import GRDB
import ScreenVaxCore
import Store

/// `screening decline`: a woman declines a service (尊重意愿). The service leaves the due list and
/// the call plan, and counts as not screened; a later result is still recorded and lifts it.
public enum DeclineRecording {
    public static let maxText = 200

    public static func record(_ db: Database, context: ScreeningContext, subject: SubjectRef, service code: String, reason rawReason: String,
                              by rawBy: String = "", on day: CalendarDate) throws -> DeclineRecord {
        let service = try context.service(code)
        guard service.subject == subject.subject else { throw ScreeningError.serviceSubject(service: service.code, needs: service.subject.rawValue) }
        let reason = rawReason.trimmingSpaces(), by = rawBy.trimmingSpaces()
        guard !reason.isEmpty else { throw ScreeningError.missingValue(field: "--reason", what: "why she declines, in her words").at(InputLocation(field: "--reason")) }
        guard reason.count <= maxText else { throw ScreeningError.tooLong(field: "--reason", max: maxText).at(InputLocation(field: "--reason")) }
        guard by.count <= maxText else { throw ScreeningError.tooLong(field: "--by", max: maxText).at(InputLocation(field: "--by")) }
        guard day <= context.today else { throw ScreeningError.futureDate(day.iso, field: "--date") }
        if subject.newborn == nil, let outcome = subject.pregnancy.outcome {
            throw ScreeningError.pregnancyClosed(subject.pregnancy.uuid.raw, outcome: outcome.rawValue)
        }
        let done = try ResultRecords.prior(db, subject: subject, service: service.code).filter { $0.outcome.isAssessable }
        if done.count >= service.freeCount, let last = done.last {
            throw ScreeningError.alreadyScreened(service: service.code, on: last.performedAt)
        }
        if let standing = try DeclineRecords.of(db, subjectKey: subject.key).first(where: { $0.service == service.code && $0.liftedOn == nil }) {
            throw ScreeningError.alreadyDeclined(service: service.code, on: standing.on.iso)
        }
        let d = try DeclineRecords.insert(db, subject: subject, service: service.code, reason: reason, by: by, on: day, at: context.at)
        try context.audit.record(db, action: "decline", entity: subject.subject.rawValue, uuid: subject.uuid, detail: service.code)
        return d
    }
}
