import GRDB
import ScreenVaxCore
import Store

/// What `recall step` prints.
public struct RecallStepResult: Sendable, Encodable {
    public let caseID: String
    public let stage: String
    public let nextStep: String?
    public let deadline: String?
    public let attempts: Int

    enum CodingKeys: String, CodingKey {
        case stage, deadline, attempts
        case caseID = "case_id", nextStep = "next_step"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(stage, forKey: .stage)
        try c.encode(nextStep, forKey: .nextStep)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(attempts, forKey: .attempts)
    }
}

public enum RecallStepRecording {
    public static func record(_ db: Database, context: ScreeningContext, caseUUID: String, step: RecallStep, outcome: String?,
                              channel: String?, detail: String = "", on date: CalendarDate) throws -> RecallStepResult {
        guard let c = try RecallRecords.find(db, uuid: caseUUID) else { throw ScreeningError.caseNotFound(caseUUID) }
        guard date <= context.today else { throw ScreeningError.futureDate(date.iso, field: "--date") }
        let service = try context.service(c.service)
        let policy = context.programme.recall
        if step == .contact, let channel, !policy.contactChannels.contains(channel) {
            throw ScreeningError.badOutcome(step: "contact --channel", given: channel, allowed: policy.contactChannels)
        }
        let next = try RecallTransitions.apply(step, outcome: outcome, on: date, to: c.state, policy: policy, service: service)
        let entry = RecallStepEntry(step: step.rawValue, on: date, outcome: outcome ?? "", channel: channel ?? "", detail: detail)
        let updated = try RecallRecords.advance(db, c, to: next, entry: entry, service: service, policy: policy, at: context.at)
        try context.audit.record(db, action: step.rawValue, entity: "recall_case", uuid: c.uuid, detail: "stage \(updated.state.stage.rawValue)")
        return RecallStepResult(caseID: updated.uuid, stage: updated.state.stage.rawValue, nextStep: updated.nextStep,
                                deadline: updated.deadline?.iso, attempts: updated.state.attempts)
    }
}
