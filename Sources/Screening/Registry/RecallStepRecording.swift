import GRDB
import ScreenVaxCore
import Store

/// What `recall step` prints.
public struct RecallStepResult: Sendable, Encodable {
    public let caseID: RecallCaseID
    public let stage: String
    // Null, not absent, once the case has no next step, deadline, end or referral.
    @NullWhenAbsent public private(set) var nextStep: String?
    @NullWhenAbsent public private(set) var deadline: String?
    public let attempts: Int
    public let highRiskManagement: Bool
    @NullWhenAbsent public private(set) var managementEnded: String?
    @NullWhenAbsent public private(set) var referralInstitution: String?
}

public enum RecallStepRecording {
    public static let maxText = 200

    /// Records one step. A referral names a designated institution (`institution`, else an
    /// `outcome` that is one, else the one designated for the subject's county); counselling
    /// needs who advised (`by`) and what (`detail`).
    public static func record(_ db: Database, context: ScreeningContext, caseUUID: RecallCaseID, step: RecallStep, outcome: String?,
                              channel: String?, detail rawDetail: String = "", by rawBy: String = "", institution: String? = nil,
                              on date: CalendarDate) throws -> RecallStepResult {
        guard let c = try RecallRecords.find(db, uuid: caseUUID) else { throw ScreeningError.caseNotFound(caseUUID.raw) }
        guard date <= context.today else { throw ScreeningError.futureDate(date.iso, field: "--date") }
        let detail = rawDetail.trimmingSpaces(), by = rawBy.trimmingSpaces()
        for (field, text) in [("--detail", detail), ("--by", by), ("--outcome", outcome ?? "")] where text.count > maxText {
            throw ScreeningError.tooLong(field: field, max: maxText).at(InputLocation(field: field))
        }
        let service = try context.service(c.service)
        let policy = context.programme.recall
        if step == .contact, let channel, !policy.contactChannels.contains(channel) {
            throw ScreeningError.badOutcome(step: "contact --channel", given: channel, allowed: policy.contactChannels)
        }
        if step == .counselled {
            guard !by.isEmpty else { throw ScreeningError.missingValue(field: "--by", what: "who gave the counselling").at(InputLocation(field: "--by")) }
            guard !detail.isEmpty else { throw ScreeningError.missingValue(field: "--detail", what: "what was advised").at(InputLocation(field: "--detail")) }
        }
        let next = try RecallTransitions.apply(step, outcome: outcome, on: date, to: c.state, policy: policy, service: service, detail: detail)
        var referral: Institution?
        var stepOutcome = outcome ?? ""
        if step == .referred {
            referral = try referralInstitution(db, context: context, case: c, given: institution, outcome: outcome)
            stepOutcome = referral?.code ?? stepOutcome
        }
        var entry = RecallStepEntry(step: step.rawValue, on: date, outcome: stepOutcome, channel: channel ?? "", detail: detail)
        entry.by = by
        let updated = try RecallRecords.advance(db, c, to: next, entry: entry, service: service, policy: policy,
                                                referralInstitution: referral?.code, at: context.at)
        try context.audit.record(db, action: step.rawValue, entity: "recall_case", uuid: c.uuid.raw, detail: "stage \(updated.state.stage.rawValue)")
        return RecallStepResult(caseID: updated.uuid, stage: updated.state.stage.rawValue, nextStep: updated.nextStep,
                                deadline: updated.deadline?.iso, attempts: updated.state.attempts,
                                highRiskManagement: updated.state.highRiskManagement, managementEnded: updated.state.managementEnded,
                                referralInstitution: updated.referralInstitution)
    }

    /// The institution a referral names, or the one designated for the subject's county.
    static func referralInstitution(_ db: Database, context: ScreeningContext, case c: RecallCaseRecord, given: String?,
                                    outcome: String?) throws -> Institution {
        let programme = context.programme
        if let given, !given.trimmingSpaces().isEmpty {
            guard let i = try InstitutionRecords.resolve(db, programme: programme, given) else {
                throw ScreeningError.unknownInstitution(given).at(InputLocation(field: "--institution"))
            }
            return i
        }
        if let outcome, let i = try InstitutionRecords.resolve(db, programme: programme, outcome) { return i }
        let city = try String.fetchOne(db, sql: "SELECT city_code FROM screening_recall_cases WHERE id = ?", arguments: [c.id]) ?? ""
        guard let i = try InstitutionRecords.designated(db, programme: programme, service: c.service, county: c.countyCode, city: city,
                                                        kindMap: programme.institutions.referralKind) else {
            throw ScreeningError.noDesignatedInstitution(service: c.service, county: c.countyCode).at(InputLocation(field: "--institution"))
        }
        return i
    }
}
