import ScreenVaxCore
import Testing
@testable import FollowUp

@Suite("Attempt outcomes: retry spacing, caps, stops, escalation")
struct AttemptRuleTests {
    func apply(_ o: CallOutcome, at: String, reasons: [(CallReason, ReasonState)], dials: Int = 0,
               policy p: CallPolicy? = nil) throws -> AttemptDecision {
        AttemptRules.apply(o, at: t(at), reasons: reasons.map { (reason: $0.0, state: $0.1) }, dialsToday: dials, policy: try p ?? policy())
    }

    /// (outcome, time, dials before, call status, same-day redial, reason's next day, avoided window)
    @Test("Retry spacing per outcome", arguments: [
        (CallOutcome.busy, "2024-04-15T09:10", 0, AttemptDecision.CallStatus.planned, "2024-04-15T09:30:00+08:00", nil as String?, nil as Int?),
        (.busy, "2024-04-15T11:40", 0, .planned, "2024-04-15T14:30:00+08:00", nil, nil),
        (.busy, "2024-04-15T19:40", 0, .waiting, nil, "2024-04-16", nil),
        (.busy, "2024-04-15T09:10", 1, .waiting, nil, "2024-04-16", nil),
        (.noAnswer, "2024-04-15T09:10", 0, .waiting, nil, "2024-04-16", 0),
        (.noAnswer, "2024-04-15T15:00", 0, .waiting, nil, "2024-04-16", 1),
        (.voicemail, "2024-04-15T19:50", 0, .waiting, nil, "2024-04-16", 1),
    ] as [(CallOutcome, String, Int, AttemptDecision.CallStatus, String?, String?, Int?)])
    func spacing(outcome: CallOutcome, at: String, dials: Int, status: AttemptDecision.CallStatus, redial: String?,
                 nextDay: String?, avoid: Int?) throws {
        let d = try apply(outcome, at: at, reasons: [(reason("a"), ReasonState())], dials: dials)
        #expect(d.callStatus == status)
        #expect(d.redialAt?.time.iso == redial)
        #expect(d.reasons["a"]?.notBefore?.iso == nextDay)
        #expect(d.reasons["a"]?.avoidWindow == avoid)
        #expect(d.reasons["a"]?.attempts == 1)
        #expect(d.escalated.isEmpty)
    }

    /// (category, attempts before, escalated now)
    @Test("Caps per reason: routine 3, recall 5; the attempt that reaches the cap escalates", arguments: [
        (ReasonSource.hpv, 0, false), (.hpv, 1, false), (.hpv, 2, true), (.screening, 2, true),
        (.recall, 2, false), (.recall, 3, false), (.recall, 4, true),
    ])
    func caps(source: ReasonSource, before: Int, escalated: Bool) throws {
        let r = reason("a", source, source == .recall ? .recall : .due)
        let d = try apply(.noAnswer, at: "2024-04-15T10:00", reasons: [(r, ReasonState(attempts: before))])
        #expect(d.reasons["a"]?.attempts == before + 1)
        #expect(d.escalated == (escalated ? ["a"] : []))
        #expect(d.reasons["a"]?.status == (escalated ? .escalated : .open))
        #expect(d.callStatus == (escalated ? .escalated : .waiting))
    }

    @Test("Caps come from the policy file")
    func capsAreData() throws {
        let p = try policy { $0["attempts_per_reason"] = ["routine": 1, "recall": 2] }
        let d = try apply(.noAnswer, at: "2024-04-15T10:00", reasons: [(reason("a"), ReasonState())], policy: p)
        #expect(d.escalated == ["a"])
    }

    @Test("With two reasons on a call, only the one at its cap escalates; the call waits for the other")
    func mixedCaps() throws {
        let d = try apply(.noAnswer, at: "2024-04-15T10:00",
                          reasons: [(reason("r", .recall, .recall), ReasonState(attempts: 1)), (reason("h"), ReasonState(attempts: 2))])
        #expect(d.escalated == ["h"])
        #expect(d.callStatus == .waiting)
        #expect(d.recallContacts == ["r": "unreachable"])
    }

    /// (outcome, flag phone, do-not-call, escalated keys, recall contact)
    @Test("Stops: what each outcome does to a recall and a routine reason on the same call", arguments: [
        (CallOutcome.invalidNumber, true, false, ["r", "h"], "unreachable"),
        (.wrongPerson, true, false, ["r", "h"], "unreachable"),
        (.refused, false, false, ["r"], "refused"),
        (.doNotCall, false, true, ["r"], "refused"),
    ])
    func stops(outcome: CallOutcome, flag: Bool, dnc: Bool, escalated: [String], contact: String) throws {
        let d = try apply(outcome, at: "2024-04-15T10:00", reasons: [(reason("r", .recall, .recall), ReasonState()), (reason("h"), ReasonState())])
        #expect(d.flagPhone == flag)
        #expect(d.doNotCall == dnc)
        #expect(d.escalated == escalated)
        #expect(d.recallContacts["r"] == contact)
        #expect(d.reasons["h"]?.status == (escalated.contains("h") ? .escalated : .stopped))
        #expect(d.callStatus == (escalated.count == 2 ? .escalated : .stopped))
    }

    @Test("Reached closes every reason; reached-declined also records the HPV refusal and a recall refusal", arguments: [
        (CallOutcome.reached, [String](), "reached"), (.reachedDeclined, ["h"], "refused"),
    ])
    func reached(outcome: CallOutcome, refusals: [String], contact: String) throws {
        let d = try apply(outcome, at: "2024-04-15T10:00",
                          reasons: [(reason("r", .recall, .recall), ReasonState()), (reason("h"), ReasonState()),
                                    (reason("s", .screening, .windowClosing), ReasonState())])
        #expect(d.callStatus == .done)
        #expect(d.reasons.values.allSatisfy { $0.status == .closed && $0.reachedOn == day("2024-04-15") })
        #expect(d.refusals == refusals)
        #expect(d.recallContacts == ["r": contact])
    }

    @Test("Reasons already closed are not touched by a later attempt")
    func closedUntouched() throws {
        let d = try apply(.noAnswer, at: "2024-04-15T10:00", reasons: [(reason("a"), ReasonState(status: .closed, attempts: 1))])
        #expect(d.reasons.isEmpty)
        #expect(d.callStatus == .done)
    }
}
