import Accounts
import FollowUp
import Foundation
import ScreenVaxCore

/// The call queue inside the caller's area: the FollowUp room does the work, in the user's name.
extension ClinicServices {
    func callArea(_ area: Jurisdiction) -> CallArea {
        CallArea(area.scope)
    }

    /// `calls list --day D` for the caller's area, numbers masked.
    public func callList(_ caller: Caller, day: CalendarDate) throws -> [CallListEntry] {
        try calls.calls(day: day, area: callArea(caller.user.area)).map(\.masked)
    }

    /// `calls attempt` by a logged-in user: 404 for a call of no reason in their area.
    public func recordCallAttempt(_ caller: Caller, callID: String, outcome: String, at: String?, note: String) throws -> AttemptResult {
        guard let o = CallOutcome(rawValue: outcome) else { throw FollowUpError.badOutcome(outcome) }
        let time = try at.map { (text: String) throws -> CallTime in
            guard let t = CallTime(text) else { throw FollowUpError.badTime(text, field: "at") }
            return t
        }
        return try calls.attempt(callID: callID, outcome: o, at: time, note: note, operatorName: caller.user.username,
                                 area: callArea(caller.user.area))
    }
}
