import HPV
import ScreenVaxCore
import Screening

/// What the AI service receives: age, sex and coded programme status and findings. It is built
/// field by field from the facts, so a name, resident ID, phone, address or exact birth date
/// cannot slip in with a whole record.
public struct AIRequest: Encodable, Sendable, Equatable {
    public struct Patient: Encodable, Sendable, Equatable {
        public var ageYears: Int
        /// Only under one year (newborn screening windows are counted in days).
        public var ageDays: Int?
        public var sex: String
        enum CodingKeys: String, CodingKey { case ageYears = "age_years", ageDays = "age_days", sex }
    }
    public struct HPVStatus: Encodable, Sendable, Equatable {
        public var status: String
        public var validDoses: Int
        public var nextDose: Int?
        public var daysToDue: Int?
        public var daysToLastDay: Int?
        public var windowClosing: Bool
        enum CodingKeys: String, CodingKey {
            case status, validDoses = "valid_doses", nextDose = "next_dose", daysToDue = "days_to_due"
            case daysToLastDay = "days_to_last_day", windowClosing = "window_closing"
        }
    }
    public struct ScreeningStatus: Encodable, Sendable, Equatable {
        public var service: String
        public var status: String
        public var daysLeft: Int
        enum CodingKeys: String, CodingKey { case service, status, daysLeft = "days_left" }
    }
    public struct Finding: Encodable, Sendable, Equatable {
        public var service: String
        public var outcome: String
    }
    public struct Recall: Encodable, Sendable, Equatable {
        public var service: String
        public var stage: String
        public var overdue: Bool
    }

    public var hook: String
    public var language: String
    public var patient: Patient
    public var hpv: HPVStatus?
    public var screening: [ScreeningStatus]
    public var findings: [Finding]
    public var recall: [Recall]

    public init(facts: PatientFacts, hpvProgramme: HPVProgramme, screeningProgramme: ScreeningProgramme,
                asOf: CalendarDate, language: CardLanguage, hook: String) {
        self.hook = hook
        self.language = language.rawValue
        let birth = facts.person.birthDate
        let ageDays = birth.days(to: asOf)
        patient = Patient(ageYears: max(0, birth.age(on: asOf)), ageDays: ageDays < 365 ? max(0, ageDays) : nil,
                          sex: facts.person.sex.rawValue)
        if let girl = facts.girl {
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: hpvProgramme, asOf: asOf)
            hpv = HPVStatus(status: f.status.rawValue, validDoses: f.doses.filter(\.valid).count, nextDose: f.next?.dose,
                            daysToDue: f.next.map { asOf.days(to: $0.due) }, daysToLastDay: f.next.map { asOf.days(to: $0.latest) },
                            windowClosing: f.windowClosing)
        }
        screening = facts.screeningSubjects
            .flatMap { DueList.items(for: $0, programme: screeningProgramme, asOf: asOf) }
            .map { ScreeningStatus(service: $0.service, status: $0.status.rawValue, daysLeft: $0.daysLeft) }
        findings = facts.findings.map { Finding(service: $0.service, outcome: $0.outcome) }
        recall = facts.recallCases.compactMap { c in
            guard let service = screeningProgramme.service(c.service) else { return nil }
            return Recall(service: c.service, stage: c.state.stage.rawValue,
                          overdue: RecallTransitions.isOverdue(c.state, policy: screeningProgramme.recall, service: service, asOf: asOf))
        }
    }
}
