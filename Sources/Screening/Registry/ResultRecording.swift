import GRDB
import ScreenVaxCore
import ScreenVaxMacros
import Store

/// What `screening result` prints.
public struct RecordedResult: Sendable, Encodable {
    public let service: String
    public let outcome: ResultOutcome
    /// Null for not assessable, written out.
    @NullWhenAbsent public private(set) var positive: Bool?
    /// Null when no case was opened.
    @NullWhenAbsent public private(set) var recallCaseID: RecallCaseID?
    public let flags: [String]
    public let ruleVersion: String
    public let resultID: String
    /// True when the same result was already recorded (an idempotent re-import).
    public let unchanged: Bool
}

/// A result as typed or read from a lab file, before it is judged.
@PublicInit
public struct ResultInput: Sendable {
    public var service: String
    public var performed: ClinicalTime
    public var institution: String = ""
    public var values: [(key: String, value: String)] = []
    public var conclusion: LabConclusion?
    /// The specimen (标本编号) the result answers, when the lab gives it.
    public var specimenNo: String?
}

/// Records a result: validate, judge with the rule in force, store with its flags, and open a
/// recall case in the same transaction when it is screen-positive.
public enum ResultRecording {
    /// The subject a newborn id names (when given and not empty), else the pregnancy.
    public static func subject(_ db: Database, pregnancyUUID: PregnancyID?, newbornUUID: NewbornID?) throws -> SubjectRef {
        if let newbornUUID, !newbornUUID.raw.isEmpty {
            guard let n = try NewbornRecords.find(db, uuid: newbornUUID) else { throw ScreeningError.newbornNotFound(newbornUUID.raw) }
            guard let p = try PregnancyRecords.find(db, id: n.pregnancyID) else { throw ScreeningError.newbornNotFound(newbornUUID.raw) }
            return SubjectRef(pregnancy: p, newborn: n)
        }
        guard let pregnancyUUID, let p = try PregnancyRecords.find(db, uuid: pregnancyUUID) else {
            throw ScreeningError.pregnancyNotFound(pregnancyUUID?.raw ?? "")
        }
        return SubjectRef(pregnancy: p, newborn: nil)
    }

    /// Validates and judges an input without touching the database beyond reading earlier results.
    /// Every value problem is reported at once (the import lists them all).
    public static func record(_ db: Database, context: ScreeningContext, subject: SubjectRef, input: ResultInput,
                              batchID: Int64? = nil, institutions: InstitutionCache? = nil) throws -> RecordedResult {
        let service = try context.service(input.service)
        guard service.subject == subject.subject else {
            throw ScreeningError.serviceSubject(service: service.code, needs: service.subject.rawValue)
        }
        let (values, errors) = ResultValues.parse(input.values, service: service)
        if let first = errors.first { throw ResultErrors(errors: errors, first: first) }
        let time = input.performed
        guard time.date <= context.today else { throw ScreeningError.futureDate(time.description, field: "--date") }
        let inWindow: Bool
        if let newborn = subject.newborn {
            guard time.latestMinute >= newborn.born.earliestMinute else {
                throw ScreeningError.resultBeforeSubject(date: time.description, since: "the birth \(newborn.born)")
            }
            inWindow = service.inWindow(time, born: newborn.born)
        } else {
            let p = subject.pregnancy
            guard time.date >= p.lmp else { throw ScreeningError.resultBeforeSubject(date: time.description, since: "the LMP \(p.lmp.iso)") }
            if let closed = p.closedOn, time.date > closed {
                throw ScreeningError.pregnancyClosed(p.uuid.raw, outcome: "\(p.outcome?.rawValue ?? "closed") on \(closed.iso)")
            }
            inWindow = service.inWindow(time, lmp: p.lmp)
        }

        let prior = try ResultRecords.prior(db, subject: subject, service: service.code)
        if let same = prior.first(where: { $0.performedAt == time.description }) {
            guard same.valueText == values.json && same.conclusion == input.conclusion?.rawValue else {
                throw ScreeningError.resultConflict(service: service.code, at: time.description)
            }
            let openCase = same.outcome == .positive ? try RecallRecords.openCase(db, subjectKey: subject.key, service: service.code) : nil
            return RecordedResult(service: service.code, outcome: same.outcome, positive: same.outcome.positive,
                                  recallCaseID: openCase?.uuid, flags: [], ruleVersion: service.rule.version,
                                  resultID: same.uuid, unchanged: true)
        }

        var institution: Institution?
        if !input.institution.isEmpty {
            institution = try (institutions ?? InstitutionCache()).resolve(db, programme: context.programme, input.institution)
            guard institution != nil else { throw ScreeningError.unknownInstitution(input.institution).at(InputLocation(field: "institution")) }
        }
        let attempt = prior.count + 1
        let classification = try Positivity.classify(service: service, values: values, conclusion: input.conclusion,
                                                     attempt: attempt, newborn: subject.newborn?.facts)
        if classification.outcome == .positive || classification.outcome == .rescreen {
            for key in service.positiveRequires where values[key] == nil {
                throw ScreeningError.positiveNeeds(service: service.code, field: key, choices: service.field(key)?.choices ?? [])
            }
        }
        let assessableBefore = prior.filter { $0.outcome.isAssessable }.count
        // Beyond the free count (a recall retest, a third scan) a result is a repeat: recorded, not subsidised.
        let isRepeat = assessableBefore >= service.freeCount
        let price = service.subsidy(year: time.date.year)
        // Claimed only inside the implementation phase (2023年4—12月): outside it the service is
        // recorded and judged, never claimed.
        let inPhase = context.programme.implementationPhase.contains(time.date)
        let subsidised = !isRepeat && price != nil && inPhase && !prior.contains { $0.subsidised }
        var flags: [String] = []
        if !inWindow { flags.append("out_of_window") }
        if isRepeat { flags.append("repeat") }
        if !isRepeat && price == nil { flags.append("no_subsidy_for_year") }
        if !isRepeat && price != nil && !inPhase { flags.append("outside_implementation_phase") }
        if let institution, !institution.services.contains(service.code) { flags.append("institution_not_designated") }
        switch classification.outcome {
        case .notAssessable: flags.append("repeat_due")
        case .rescreen: flags.append("rescreen_due")
        default: break
        }
        flags += classification.flags

        var caseUUID: RecallCaseID?
        var lateEntered = false
        if classification.outcome == .positive {
            let state = RecallState.opened(on: time.date, subject: subject.subject)
            if let deadline = RecallTransitions.deadline(state, policy: context.programme.recall, service: service), context.today > deadline {
                // The deadline counts from the result's date, not from its entry: an already-late
                // entry is shown as such rather than silently creating an overdue task.
                lateEntered = true
                flags.append("late_entered")
            }
        }
        let new = NewResult(service: service.code, performed: time, institution: institution?.code ?? "", values: values,
                            conclusion: input.conclusion, classification: classification, attempt: attempt,
                            firstScreen: classification.outcome != .notAssessable && !prior.contains { $0.outcome != .notAssessable },
                            isRepeat: isRepeat, subsidised: subsidised, flags: flags,
                            deliveryDay: subject.pregnancy.outcome.flatMap { context.programme.report.prenatalDenominator.outcomes.contains($0.rawValue) ? subject.pregnancy.closedOn?.dayNumber : nil })
        let stored = try ResultRecords.insert(db, new, subject: subject, batchID: batchID, at: context.at)
        // She came after all: a result lifts a standing refusal of the service.
        try DeclineRecords.lift(db, subject: subject, service: service.code, resultID: stored.id, on: time.date, at: context.at)
        if context.programme.specimens.services.contains(service.code) {
            try SpecimenRecords.attachResult(db, subject: subject, service: service.code, number: input.specimenNo, resultID: stored.id,
                                             day: time.date, at: context.at)
        }
        if classification.outcome == .positive {
            if let open = try RecallRecords.openCase(db, subjectKey: subject.key, service: service.code) {
                // A repeat positive joins the open case: one case per subject and service.
                caseUUID = open.uuid
            } else {
                let opened = try RecallRecords.open(db, resultID: stored.id, resultUUID: stored.uuid, subject: subject, service: service,
                                                    state: RecallState.opened(on: time.date, subject: subject.subject), policy: context.programme.recall,
                                                    lateEntered: lateEntered, at: context.at)
                caseUUID = opened.uuid
            }
        }
        return RecordedResult(service: service.code, outcome: classification.outcome, positive: classification.outcome.positive,
                              recallCaseID: caseUUID, flags: flags, ruleVersion: classification.ruleVersion,
                              resultID: stored.uuid, unchanged: false)
    }
}

/// All value problems of one result; thrown as the first, carrying the rest for the import report.
public struct ResultErrors: UserError {
    public let errors: [ScreeningError]
    public let first: ScreeningError
    public var code: String { first.code }
    public var message: String { errors.map(\.message).joined(separator: "; ") }
}
