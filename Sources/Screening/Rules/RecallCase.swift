import ScreenVaxCore
import ScreenVaxMacros

/// Where a recall case stands.
public enum RecallStage: String, Sendable, Codable, CaseIterable {
    case opened, contacted, referred, diagnosed, managed, closed, lost

    public var isOpen: Bool { self != .closed && self != .lost }
}

/// What follow-up staff record on a case (`recall step --step ...`).
public enum RecallStep: String, Sendable, Codable, CaseIterable {
    case contact, referred, diagnosed, managed, closed, lost
    /// Counselling (咨询指导): who advised what, on a day; it does not move the case.
    case counselled

    /// Steps with a deadline of their own in the programme (counselling and loss have none).
    public var hasDeadline: Bool { self != .lost && self != .counselled }
}

/// The outcome of one contact attempt.
public enum ContactOutcome: String, Sendable, CaseIterable {
    case reached, unreachable, refused
}

public enum Diagnosis: String, Sendable, CaseIterable {
    case confirmed
    case notConfirmed = "not_confirmed"
}

/// A recall case's state, as the transition rules see it.
@PublicInit
public struct RecallState: Sendable, Hashable {
    public var stage: RecallStage = .opened
    /// The day the case entered its stage (for `opened`: the result's date, not the entry date).
    public var stageSince: CalendarDate
    /// Failed contact attempts so far.
    public var attempts: Int = 0
    public var lastContact: ContactOutcome?
    public var diagnosis: Diagnosis?
    /// Under high-risk management: a newborn from its positive result (高危儿管理), a woman from
    /// the `managed` step (高危专案管理).
    public var highRiskManagement: Bool = false
    /// Why management ended (`not_confirmed: …`, `lost: moved`), nil while it goes on or never began.
    public var managementEnded: String?

    /// A newly opened case: a newborn's enters high-risk infant management at once (附件8:
    /// 对新生儿疾病筛查阳性的新生儿纳入高危儿管理); a woman's only after a confirmed diagnosis.
    public static func opened(on day: CalendarDate, subject: Subject) -> RecallState {
        RecallState(stageSince: day, highRiskManagement: subject == .newborn)
    }
}

/// The recall state machine: opened → contact attempts → contacted → referred → diagnosed
/// (confirmed / not confirmed) → managed (if confirmed) → closed; or lost to follow-up.
/// Pure: it takes the step's date and the programme, never the clock.
public enum RecallTransitions {
    /// The steps allowed from a state, in the order staff take them.
    public static func allowed(_ s: RecallState) -> [RecallStep] {
        switch s.stage {
        case .opened: [.contact, .lost, .counselled]
        case .contacted: [.referred, .lost, .counselled]
        case .referred: [.diagnosed, .lost, .counselled]
        case .diagnosed: s.diagnosis == .confirmed ? [.managed, .counselled] : [.closed, .counselled]
        case .managed: [.closed, .counselled]
        case .closed, .lost: []
        }
    }

    /// The step that moves the case forward next, nil when it is finished.
    public static func nextStep(_ s: RecallState) -> RecallStep? {
        allowed(s).first { $0.hasDeadline }
    }

    /// The deadline of the next step: the day the stage began plus the programme's days for it.
    public static func deadline(_ s: RecallState, policy: RecallPolicy, service: Service) -> CalendarDate? {
        guard let next = nextStep(s) else { return nil }
        return s.stageSince.addingDays(policy.days(for: next, service: service))
    }

    public static func isOverdue(_ s: RecallState, policy: RecallPolicy, service: Service, asOf: CalendarDate) -> Bool {
        guard let d = deadline(s, policy: policy, service: service) else { return false }
        return asOf > d
    }

    /// Applies one step. `outcome` means: contact → reached|unreachable|refused; diagnosed →
    /// confirmed|not_confirmed; lost → unreachable|moved|refused; referred/managed/closed → free text.
    /// `detail` is the reason a not-confirmed diagnosis gives for ending management, or what
    /// counselling advised.
    public static func apply(_ step: RecallStep, outcome: String?, on date: CalendarDate, to s: RecallState,
                             policy: RecallPolicy, service: Service, detail: String = "") throws(ScreeningError) -> RecallState {
        let allowedSteps = allowed(s)
        guard allowedSteps.contains(step) else {
            throw .illegalTransition(stage: s.stage.rawValue, step: step.rawValue, allowed: allowedSteps.map(\.rawValue))
        }
        guard date >= s.stageSince else {
            throw .stepBeforeStage(step: step.rawValue, date: date.iso, since: s.stageSince.iso, stage: s.stage.rawValue)
        }
        var next = s
        switch step {
        case .contact:
            guard let raw = outcome, let o = ContactOutcome(rawValue: raw) else {
                throw .badOutcome(step: step.rawValue, given: outcome, allowed: ContactOutcome.allCases.map(\.rawValue))
            }
            next.lastContact = o
            if o == .reached {
                next.stage = .contacted
                next.stageSince = date
            } else {
                next.attempts += 1
            }
        case .referred:
            next.stage = .referred
            next.stageSince = date
        case .diagnosed:
            guard let raw = outcome, let d = Diagnosis(rawValue: raw) else {
                throw .badOutcome(step: step.rawValue, given: outcome, allowed: Diagnosis.allCases.map(\.rawValue))
            }
            next.stage = .diagnosed
            next.diagnosis = d
            next.stageSince = date
            if d == .notConfirmed && s.highRiskManagement {
                // Not confirmed: the newborn leaves high-risk infant management, with the reason.
                next.highRiskManagement = false
                next.managementEnded = detail.isEmpty ? "not_confirmed" : "not_confirmed: " + detail
            }
        case .managed:
            next.stage = .managed
            next.stageSince = date
            next.highRiskManagement = true
        case .closed:
            next.stage = .closed
            next.stageSince = date
        case .counselled:
            break
        case .lost:
            guard let reason = outcome, policy.lostReasons.contains(reason) else {
                throw .badOutcome(step: step.rawValue, given: outcome, allowed: policy.lostReasons)
            }
            let deadline = deadline(s, policy: policy, service: service)
            let pastDeadline = deadline.map { date > $0 } ?? false
            let enoughAttempts = s.attempts >= policy.maxContactAttempts
            guard pastDeadline || enoughAttempts || s.lastContact == .refused else {
                throw .lostTooEarly(attempts: s.attempts, needed: policy.maxContactAttempts, deadline: deadline?.iso ?? "")
            }
            next.stage = .lost
            next.stageSince = date
            if s.highRiskManagement {
                next.highRiskManagement = false
                next.managementEnded = "lost: " + reason
            }
        }
        return next
    }
}
