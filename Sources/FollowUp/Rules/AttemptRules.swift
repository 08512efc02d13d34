import ScreenVaxCore

/// What happens to a call after a dial, and what flows back to the rooms that own the reasons.
public struct AttemptDecision: Sendable, Equatable {
    public enum CallStatus: String, Sendable, Codable {
        /// Waiting for its slot (again, after a same-day redial is scheduled).
        case planned
        /// Handed to the voice platform, result not back yet.
        case dispatched
        /// Done for the day; its open reasons wait for a later day's plan.
        case waiting
        /// Someone was reached.
        case done
        /// Calls to this number stopped (refusal, bad number, do-not-call).
        case stopped
        /// Every reason went to manual follow-up.
        case escalated
    }

    public var callStatus: CallStatus
    /// A same-day redial: the next moment it may be dialled.
    public var redialAt: CallSlot?
    /// New state of each reason on the call, by key.
    public var reasons: [String: ReasonState]
    /// Reasons that go to manual follow-up now (a home-visit task each).
    public var escalated: [String]
    public var flagPhone: Bool
    public var doNotCall: Bool
    /// HPV reasons whose family declined: record the refusal.
    public var refusals: [String]
    /// Recall reasons: the contact outcome to record on the case (reached, unreachable, refused).
    public var recallContacts: [String: String]
}

/// Applies an attempt's outcome to a call's open reasons. Pure: it takes the attempt's time.
public enum AttemptRules {
    /// - Parameters:
    ///   - reasons: the call's reasons with their current state (only open ones are touched).
    ///   - dialsToday: dials to this number on `at`'s day before this one.
    public static func apply(_ outcome: CallOutcome, at: CallTime, reasons: [(reason: CallReason, state: ReasonState)],
                             dialsToday: Int, policy: CallPolicy) -> AttemptDecision {
        let rule = policy.rule(outcome)
        let windows = CallWindows(policy)
        var d = AttemptDecision(callStatus: .done, redialAt: nil, reasons: [:], escalated: [], flagPhone: rule.flagPhone,
                                doNotCall: rule.doNotCall, refusals: [], recallContacts: [:])
        let open = reasons.filter { $0.state.status == .open }
        switch rule.action {
        case .close:
            d.callStatus = .done
            for (r, s) in open {
                var n = s
                n.status = .closed
                n.attempts += 1
                n.reachedOn = at.day
                d.reasons[r.key] = n
                if rule.recordsRefusal && r.source == .hpv { d.refusals.append(r.key) }
                if r.source == .recall { d.recallContacts[r.key] = rule.recordsRefusal ? "refused" : "reached" }
            }
        case .retry:
            // A same-day redial needs the spacing to land inside a window of the same day and
            // the number's daily cap to leave room for it.
            var redial: CallSlot?
            if let after = rule.afterMinutes, dialsToday + 1 < policy.maxDialsPerNumberPerDay,
               let slot = windows.nextSlot(from: at.adding(minutes: after)), slot.time.day == at.day {
                redial = slot
            }
            let window = windows.window(at: at) ?? windows.windows.lastIndex { $0.from <= at.minute }
            var anyOpen = false
            for (r, s) in open {
                var n = s
                n.attempts += 1
                if r.source == .recall { d.recallContacts[r.key] = "unreachable" }
                if n.attempts >= policy.attemptCap(r.category) {
                    n.status = .escalated
                    d.escalated.append(r.key)
                } else {
                    anyOpen = true
                    if redial == nil {
                        n.notBefore = at.day.addingDays(1)
                        n.avoidWindow = rule.otherWindow ? window : nil
                    }
                }
                d.reasons[r.key] = n
            }
            if !anyOpen {
                d.callStatus = open.isEmpty ? .done : .escalated
            } else if let redial {
                d.callStatus = .planned
                d.redialAt = redial
            } else {
                d.callStatus = .waiting
            }
        case .stop:
            d.callStatus = .stopped
            for (r, s) in open {
                var n = s
                n.attempts += 1
                let escalate = rule.escalate == .always || (rule.escalate == .recall && r.category == .recall)
                n.status = escalate ? .escalated : .stopped
                if escalate { d.escalated.append(r.key) }
                if r.source == .recall {
                    d.recallContacts[r.key] = (outcome == .refused || outcome == .doNotCall) ? "refused" : "unreachable"
                }
                d.reasons[r.key] = n
            }
            if !open.isEmpty && d.escalated.count == open.count { d.callStatus = .escalated }
        }
        return d
    }
}
