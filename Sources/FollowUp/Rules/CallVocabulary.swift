/// What a call attempt ended with, as staff or the voice platform report it.
public enum CallOutcome: String, Sendable, Codable, CaseIterable {
    case reached
    case reachedDeclined = "reached_declined"
    case noAnswer = "no_answer"
    case busy
    case invalidNumber = "invalid_number"
    case wrongPerson = "wrong_person"
    case voicemail
    case refused
    case doNotCall = "do_not_call"

    /// The person was spoken to (for the reached rate and "already reached today").
    public var reached: Bool { self == .reached || self == .reachedDeclined }
}

/// How urgent a reason is; the policy file orders them (recall > window closing > overdue > due).
public enum Priority: String, Sendable, Codable, CaseIterable {
    case recall
    case windowClosing = "window_closing"
    case overdue
    case due
}

/// Routine reminders and screen-positive recalls have their own attempt caps.
public enum ReasonCategory: String, Sendable, Codable {
    case routine, recall
}

/// The topic a script may name: a category, never a service, result or diagnosis.
public enum ScriptTopic: String, Sendable, Codable, CaseIterable {
    case hpvVaccination = "hpv_vaccination"
    case screeningAppointment = "screening_appointment"
    case screeningFollowup = "screening_followup"
}

/// Where a reason came from.
public enum ReasonSource: String, Sendable, Codable {
    /// An HPV dose due, overdue or with its window closing (HPV work list).
    case hpv
    /// A screening service window closing (screening due list).
    case screening
    /// A screen-positive recall case waiting for contact.
    case recall
}

/// One reason to call a number: a work-list item, with the number and whom to ask for.
public struct CallReason: Sendable, Hashable {
    /// Stable across days, so attempts count against the reason, not against one day's call:
    /// `hpv:<person uuid>:dose<n>`, `screening:<subject uuid>:<service>:<slot>`, `recall:<case uuid>`.
    public let key: String
    public let source: ReasonSource
    public let priority: Priority
    /// Normalised digits (PhoneNumber.normalise); calls are merged on it.
    public let phone: String
    /// Whom the call asks for: the girl's guardian, the mother.
    public let addressee: String
    /// The person the reason is about (the girl, the woman, the newborn).
    public let subjectUUID: String
    /// HPV: the girl's resident ID (to record a refusal); recall: the case uuid.
    public let reference: String
    /// The last day the reason can be acted on (HPV: the dose's latest day; screening: the window's close).
    public let deadline: String

    public var category: ReasonCategory { source == .recall ? .recall : .routine }

    /// The reason code shown in plans and lists: `recall`, `hpv_window_closing`, `screening_window_closing`, ...
    public var code: String { source == .recall ? "recall" : source.rawValue + "_" + priority.rawValue }

    public var topic: ScriptTopic {
        switch source {
        case .hpv: .hpvVaccination
        case .screening: .screeningAppointment
        case .recall: .screeningFollowup
        }
    }
}

extension CallPolicy {
    /// Reason order on a call and in a plan: priority as the policy ranks it, then the nearest deadline.
    public func moreUrgent(_ a: CallReason, _ b: CallReason) -> Bool {
        let (ra, rb) = (rank(a.priority), rank(b.priority))
        if ra != rb { return ra < rb }
        if a.deadline != b.deadline { return a.deadline < b.deadline }
        return a.key < b.key
    }
}

extension Sequence where Element == CallReason {
    /// Whom a call asks for: each addressee once, in reason order (`王伟、王芳`).
    public var addressees: String {
        var seen: [String] = []
        for r in self where !seen.contains(r.addressee) { seen.append(r.addressee) }
        return seen.joined(separator: "、")
    }
}
