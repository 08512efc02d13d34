import ScreenVaxCore

/// Where a recall case stands.
public enum RecallStage: String, Sendable, Codable, CaseIterable {
    case opened, contacted, referred, diagnosed, managed, closed, lost

    public var isOpen: Bool { self != .closed && self != .lost }
}

/// What follow-up staff record on a case (`recall step --step ...`).
public enum RecallStep: String, Sendable, Codable, CaseIterable {
    case contact, referred, diagnosed, managed, closed, lost
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
public struct RecallState: Sendable, Hashable {
    public var stage: RecallStage
    /// The day the case entered its stage (for `opened`: the result's date, not the entry date).
    public var stageSince: CalendarDate
    /// Failed contact attempts so far.
    public var attempts: Int
    public var lastContact: ContactOutcome?
    public var diagnosis: Diagnosis?

    public init(stage: RecallStage = .opened, stageSince: CalendarDate, attempts: Int = 0,
                lastContact: ContactOutcome? = nil, diagnosis: Diagnosis? = nil) {
        self.stage = stage
        self.stageSince = stageSince
        self.attempts = attempts
        self.lastContact = lastContact
        self.diagnosis = diagnosis
    }
}

/// The recall state machine: opened → contact attempts → contacted → referred → diagnosed
/// (confirmed / not confirmed) → managed (if confirmed) → closed; or lost to follow-up.
/// Pure: it takes the step's date and the programme, never the clock.
public enum RecallTransitions {
    /// The steps allowed from a state, in the order staff take them.
    public static func allowed(_ s: RecallState) -> [RecallStep] {
        switch s.stage {
        case .opened: [.contact, .lost]
        case .contacted: [.referred, .lost]
        case .referred: [.diagnosed, .lost]
        case .diagnosed: s.diagnosis == .confirmed ? [.managed] : [.closed]
        case .managed: [.closed]
        case .closed, .lost: []
        }
    }

    /// The step that moves the case forward next, nil when it is finished.
    public static func nextStep(_ s: RecallState) -> RecallStep? {
        allowed(s).first { $0 != .lost }
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
    public static func apply(_ step: RecallStep, outcome: String?, on date: CalendarDate, to s: RecallState,
                             policy: RecallPolicy, service: Service) throws(ScreeningError) -> RecallState {
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
        case .managed:
            next.stage = .managed
            next.stageSince = date
        case .closed:
            next.stage = .closed
            next.stageSince = date
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
        }
        return next
    }
}
