import ScreenVaxCore
import Testing
@testable import Screening

/// Every legal and illegal step of the recall state machine.
struct RecallTransitionTests {
    static let policy = programme.recall
    static let nt = service("nt")
    static let since = day("2023-05-01")

    static func state(_ stage: RecallStage, diagnosis: Diagnosis? = nil, attempts: Int = 0, last: ContactOutcome? = nil) -> RecallState {
        RecallState(stage: stage, stageSince: since, attempts: attempts, lastContact: last, diagnosis: diagnosis)
    }

    static let legal: [(RecallState, RecallStep, String?, RecallStage)] = [
        (state(.opened), .contact, "reached", .contacted),
        (state(.opened), .contact, "unreachable", .opened),
        (state(.opened), .contact, "refused", .opened),
        (state(.opened, attempts: 3), .lost, "unreachable", .lost),
        (state(.opened, attempts: 1, last: .refused), .lost, "refused", .lost),
        (state(.contacted), .referred, "省妇幼保健院产前诊断中心", .referred),
        (state(.contacted), .lost, "moved", .lost),        // legal here because the step date is past the deadline (see below)
        (state(.referred), .diagnosed, "confirmed", .diagnosed),
        (state(.referred), .diagnosed, "not_confirmed", .diagnosed),
        (state(.diagnosed, diagnosis: .confirmed), .managed, nil, .managed),
        (state(.diagnosed, diagnosis: .notConfirmed), .closed, nil, .closed),
        (state(.managed), .closed, nil, .closed),
    ]

    @Test(arguments: legal.indices)
    func legalStep(_ i: Int) throws {
        let (from, step, outcome, to) = Self.legal[i]
        let when = step == .lost && from.stage == .contacted ? Self.since.addingDays(30) : Self.since.addingDays(1)
        let next = try RecallTransitions.apply(step, outcome: outcome, on: when, to: from, policy: Self.policy, service: Self.nt)
        #expect(next.stage == to)
        if outcome == "unreachable" && step == .contact { #expect(next.attempts == from.attempts + 1) }
    }

    static let illegal: [(RecallState, RecallStep, [String])] = [
        // Counselling is allowed at every open stage and moves nothing.
        (state(.opened), .referred, ["contact", "lost", "counselled"]),              // skipping a step
        (state(.opened), .diagnosed, ["contact", "lost", "counselled"]),
        (state(.opened), .closed, ["contact", "lost", "counselled"]),
        (state(.contacted), .contact, ["referred", "lost", "counselled"]),           // going backwards
        (state(.contacted), .closed, ["referred", "lost", "counselled"]),
        (state(.referred), .managed, ["diagnosed", "lost", "counselled"]),
        (state(.referred), .referred, ["diagnosed", "lost", "counselled"]),
        (state(.diagnosed, diagnosis: .confirmed), .closed, ["managed", "counselled"]),     // confirmed cases are managed first
        (state(.diagnosed, diagnosis: .notConfirmed), .managed, ["closed", "counselled"]),
        (state(.managed), .lost, ["closed", "counselled"]),
        (state(.closed), .contact, []),                                 // acting on a closed case
        (state(.lost), .closed, []),
    ]

    @Test(arguments: illegal.indices)
    func illegalStepSaysTheStageAndTheAllowedSteps(_ i: Int) {
        let (from, step, allowed) = Self.illegal[i]
        do {
            _ = try RecallTransitions.apply(step, outcome: "confirmed", on: Self.since.addingDays(1), to: from, policy: Self.policy, service: Self.nt)
            Issue.record("\(step) from \(from.stage) was accepted")
        } catch {
            #expect(error == .illegalTransition(stage: from.stage.rawValue, step: step.rawValue, allowed: allowed))
            #expect(error.message.contains(from.stage.rawValue))
            for a in allowed { #expect(error.message.contains(a)) }
        }
    }

    @Test func lostNeedsAttemptsARefusalOrThePassedDeadline() throws {
        // Deadline for contact: 3 days after the result date.
        #expect(throws: ScreeningError.self) {
            try RecallTransitions.apply(.lost, outcome: "unreachable", on: Self.since.addingDays(3), to: Self.state(.opened, attempts: 2),
                                        policy: Self.policy, service: Self.nt)
        }
        let late = try RecallTransitions.apply(.lost, outcome: "unreachable", on: Self.since.addingDays(4), to: Self.state(.opened, attempts: 0),
                                               policy: Self.policy, service: Self.nt)
        #expect(late.stage == .lost)
        #expect(throws: ScreeningError.self) {
            try RecallTransitions.apply(.lost, outcome: "vanished", on: Self.since.addingDays(9), to: Self.state(.opened, attempts: 3),
                                        policy: Self.policy, service: Self.nt)
        }
    }

    @Test func deadlinesComeFromTheProgrammeWithServiceOverrides() {
        let opened = Self.state(.opened)
        #expect(RecallTransitions.deadline(opened, policy: Self.policy, service: Self.nt) == Self.since.addingDays(3))
        #expect(RecallTransitions.deadline(opened, policy: Self.policy, service: service("metabolic")) == Self.since.addingDays(1))
        #expect(RecallTransitions.deadline(opened, policy: Self.policy, service: service("chd")) == Self.since)
        #expect(RecallTransitions.deadline(Self.state(.contacted), policy: Self.policy, service: service("chd")) == Self.since.addingDays(1))
        #expect(RecallTransitions.isOverdue(opened, policy: Self.policy, service: Self.nt, asOf: Self.since.addingDays(4)))
        #expect(!RecallTransitions.isOverdue(opened, policy: Self.policy, service: Self.nt, asOf: Self.since.addingDays(3)))
    }
}
