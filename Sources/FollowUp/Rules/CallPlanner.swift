import ScreenVaxCore
import ScreenVaxMacros

/// Where a reason stands after earlier calls (persisted in `followup_reasons`).
@PublicInit
public struct ReasonState: Sendable, Hashable {
    public enum Status: String, Sendable, Codable {
        case open
        /// Reached: nothing more to call about.
        case closed
        /// Calls stopped (refused, invalid number, do-not-call) without manual follow-up.
        case stopped
        /// Sent to manual follow-up (home visit or staff call).
        case escalated
    }
    public var status: Status = .open
    public var attempts: Int = 0
    /// Not to be called before this day (a no-answer waits for the next day).
    public var notBefore: CalendarDate?
    /// The window of the last failed attempt, to try the other one next time.
    public var avoidWindow: Int?
    public var reachedOn: CalendarDate?
}

/// One call of a day's plan: one number, all of its reasons, most urgent first.
public struct PlannedCall: Sendable, Hashable {
    public let phone: String
    public let day: CalendarDate
    /// The first moment it may be dialled.
    public let notBefore: CallSlot
    public let reasons: [CallReason]
    public let priority: Priority

    public var addressee: String { reasons.addressees }
}

/// Why a number or a reason is left out of a plan.
@PublicInit
public struct PlanExclusions: Sendable {
    /// Do-not-call numbers and numbers flagged for correction.
    public var blockedPhones: Set<String> = []
    /// Numbers where someone was reached on the plan's day.
    public var reachedPhones: [CalendarDate: Set<String>] = [:]
}

/// Builds the day's calls from the work lists' reasons. Pure: it takes the planning moment.
public enum CallPlanner {
    /// One call per number covering every reason of that number still open; the number's call
    /// goes in the first slot at or after `at` (a plan made after the last dial of the day
    /// goes to the next day's first window).
    public static func plan(_ candidates: [CallReason], states: [String: ReasonState], exclusions: PlanExclusions,
                            at: CallTime, policy: CallPolicy) -> [PlannedCall] {
        let windows = CallWindows(policy)
        guard let firstSlot = windows.nextSlot(from: at) else { return [] }
        let day = firstSlot.time.day
        let reachedToday = exclusions.reachedPhones[day] ?? []
        var byPhone: [String: [CallReason]] = [:]
        var seenKeys = Set<String>()
        for r in candidates where !r.phone.isEmpty && seenKeys.insert(r.key).inserted {
            guard !exclusions.blockedPhones.contains(r.phone), !reachedToday.contains(r.phone) else { continue }
            if let s = states[r.key] {
                guard s.status == .open, s.attempts < policy.attemptCap(r.category), s.reachedOn != day else { continue }
                if let nb = s.notBefore, nb > day { continue }
            }
            byPhone[r.phone, default: []].append(r)
        }
        var calls: [PlannedCall] = []
        for (phone, reasons) in byPhone {
            let sorted = reasons.sorted(by: policy.moreUrgent)
            var slot = firstSlot
            if let avoid = sorted.compactMap({ states[$0.key]?.avoidWindow }).first,
               let other = windows.nextSlot(from: at, avoid: avoid), other.time.day == day {
                slot = other
            }
            calls.append(PlannedCall(phone: phone, day: day, notBefore: slot,
                                     reasons: sorted, priority: sorted[0].priority))
        }
        return calls.sorted { a, b in
            if a.reasons[0] != b.reasons[0] { return policy.moreUrgent(a.reasons[0], b.reasons[0]) }
            return a.phone < b.phone
        }
    }
}
