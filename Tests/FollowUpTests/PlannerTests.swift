import ScreenVaxCore
import Testing
@testable import FollowUp

@Suite("Planning: one call per number, most urgent first")
struct PlannerTests {
    let at = t("2024-04-15T08:00")

    @Test("Every reason of a number goes on one call, ordered recall > window closing > overdue > due")
    func mergePerPhone() throws {
        let p = try policy()
        let reasons = [
            reason("hpv:a:dose2", .hpv, .due),
            reason("hpv:b:dose1", .hpv, .overdue),
            reason("screening:c:nt:1", .screening, .windowClosing),
            reason("recall:d", .recall, .recall),
            reason("hpv:e:dose1", .hpv, .due, phone: "13900000001"),
        ]
        let calls = CallPlanner.plan(reasons, states: [:], exclusions: .init(), at: at, policy: p)
        #expect(calls.count == 2)
        #expect(calls[0].phone == "13812345678")
        #expect(calls[0].reasons.map(\.key) == ["recall:d", "screening:c:nt:1", "hpv:b:dose1", "hpv:a:dose2"])
        #expect(calls[0].priority == .recall)
        #expect(calls[1].priority == .due)
        #expect(calls[0].notBefore.time.iso == "2024-04-15T09:00:00+08:00")
    }

    @Test("Calls are ordered by priority, then by the most pressing deadline", arguments: [
        ([Priority.due, .overdue, .windowClosing, .recall], [Priority.recall, .windowClosing, .overdue, .due]),
        ([Priority.overdue, .due], [Priority.overdue, .due]),
    ])
    func priorityOrder(given: [Priority], expected: [Priority]) throws {
        let reasons = given.enumerated().map { i, pr in
            reason("k\(i)", pr == .recall ? .recall : .hpv, pr, phone: "1380000000\(i)")
        }
        let calls = CallPlanner.plan(reasons, states: [:], exclusions: .init(), at: at, policy: try policy())
        #expect(calls.map(\.priority) == expected)
    }

    @Test("A county that ranks window closing above recall gets that order")
    func priorityIsData() throws {
        let p = try policy { $0["priorities"] = ["window_closing", "recall", "overdue", "due"] }
        let calls = CallPlanner.plan([reason("r", .recall, .recall, phone: "13800000001"), reason("w", .hpv, .windowClosing, phone: "13800000002")],
                                     states: [:], exclusions: .init(), at: at, policy: p)
        #expect(calls.map(\.priority) == [.windowClosing, .recall])
    }

    @Test("Skipped: do-not-call and flagged numbers, numbers reached today, closed or exhausted reasons, reasons waiting for a later day")
    func skips() throws {
        let p = try policy()
        let reasons = [
            reason("dnc", phone: "13800000001"), reason("reached", phone: "13800000002"),
            reason("closed", phone: "13800000003"), reason("exhausted", phone: "13800000004"),
            reason("tomorrow", phone: "13800000005"), reason("fine", phone: "13800000006"),
            reason("reachedReason", phone: "13800000007"), reason("recallUnderCap", .recall, .recall, phone: "13800000008"),
        ]
        let states: [String: ReasonState] = [
            "closed": .init(status: .closed), "exhausted": .init(attempts: 3),
            "tomorrow": .init(notBefore: day("2024-04-16")), "reachedReason": .init(reachedOn: day("2024-04-15")),
            "recallUnderCap": .init(attempts: 4),
        ]
        let ex = PlanExclusions(blockedPhones: ["13800000001"], reachedPhones: [day("2024-04-15"): ["13800000002"]])
        let calls = CallPlanner.plan(reasons, states: states, exclusions: ex, at: at, policy: p)
        #expect(Set(calls.map(\.phone)) == ["13800000006", "13800000008"])
    }

    @Test("A plan made at 19:59 puts its calls in the next morning's window; at 19:54 in this evening's", arguments: [
        ("2024-04-15T19:59", "2024-04-16", "2024-04-16T09:00:00+08:00"),
        ("2024-04-15T19:54", "2024-04-15", "2024-04-15T19:54:00+08:00"),
        ("2024-04-15T12:10", "2024-04-15", "2024-04-15T14:30:00+08:00"),
    ])
    func lateInTheDay(at: String, callDay: String, notBefore: String) throws {
        let calls = CallPlanner.plan([reason("a")], states: [:], exclusions: .init(), at: t(at), policy: try policy())
        #expect(calls.count == 1)
        #expect(calls[0].day == day(callDay))
        #expect(calls[0].notBefore.time.iso == notBefore)
    }

    @Test("A plan made at 19:59 judges waiting reasons against the next day")
    func lateWaiting() throws {
        let states = ["a": ReasonState(notBefore: day("2024-04-16"))]
        let late = CallPlanner.plan([reason("a")], states: states, exclusions: .init(), at: t("2024-04-15T19:59"), policy: try policy())
        #expect(late.count == 1)
        let early = CallPlanner.plan([reason("a")], states: states, exclusions: .init(), at: t("2024-04-15T19:00"), policy: try policy())
        #expect(early.isEmpty)
    }

    @Test("After a no-answer in the morning, the next day's call goes in the afternoon window")
    func otherWindow() throws {
        let states = ["a": ReasonState(attempts: 1, notBefore: day("2024-04-16"), avoidWindow: 0)]
        let calls = CallPlanner.plan([reason("a")], states: states, exclusions: .init(), at: t("2024-04-16T07:00"), policy: try policy())
        #expect(calls.first?.notBefore.time.iso == "2024-04-16T14:30:00+08:00")
    }

    @Test("A reason listed twice is one reason; a reason without a number is no call")
    func duplicates() throws {
        let calls = CallPlanner.plan([reason("a"), reason("a"), reason("b", phone: "")], states: [:], exclusions: .init(), at: at, policy: try policy())
        #expect(calls.count == 1)
        #expect(calls[0].reasons.count == 1)
    }
}
