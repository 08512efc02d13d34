import ScreenVaxCore

/// A moment a call may start and the index of the policy window it falls in.
public struct CallSlot: Sendable, Hashable {
    public let time: CallTime
    public let window: Int

}

/// When a call may be placed: inside a policy window, on a day that is not a no-call day, and
/// early enough to finish before the window closes.
public struct CallWindows: Sendable {
    public let windows: [CallPolicy.Window]
    public let lastDialMinutesBeforeClose: Int
    public let noCallDays: Set<CalendarDate>

    public init(_ policy: CallPolicy) {
        windows = policy.windows
        lastDialMinutesBeforeClose = policy.lastDialMinutesBeforeClose
        noCallDays = policy.noCallDays
    }

    /// The last minute a call may start in window `i` is the one before `to - lastDial`.
    func lastStart(_ w: CallPolicy.Window) -> Int { w.to - lastDialMinutesBeforeClose }

    /// The window a call may start in at `t`, nil when none.
    public func window(at t: CallTime) -> Int? {
        guard !noCallDays.contains(t.day) else { return nil }
        return windows.firstIndex { $0.from <= t.minute && t.minute < lastStart($0) }
    }

    public func isOpen(at t: CallTime) -> Bool { window(at: t) != nil }

    /// The earliest moment at or after `t` a call may start, and its window. With `avoid`, a
    /// window of that index is skipped on the day it would otherwise be used, when another window
    /// of that day is still ahead (no answer in the morning: try the evening next).
    public func nextSlot(from t: CallTime, avoid: Int? = nil) -> CallSlot? {
        var day = t.day
        // A year of no-call days would be a broken policy; the bound keeps a bad file from looping.
        for _ in 0..<400 {
            if !noCallDays.contains(day) {
                let start = day == t.day ? t.minute : 0
                var candidates: [CallSlot] = []
                for (i, w) in windows.enumerated() where lastStart(w) > w.from {
                    let m = max(start, w.from)
                    if m < lastStart(w) { candidates.append(CallSlot(time: CallTime(day: day, minute: m), window: i)) }
                }
                if let avoid, candidates.count > 1, let other = candidates.first(where: { $0.window != avoid }) { return other }
                if let first = candidates.first { return first }
            }
            day = day.addingDays(1)
        }
        return nil
    }
}
