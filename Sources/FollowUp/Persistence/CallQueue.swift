import GRDB
import HPV
import ScreenVaxCore
import Screening
import Store

/// One call of a plan, as `calls plan` prints it.
public struct PlanLine: Sendable, Hashable {
    public let callID: String
    public let day: CalendarDate
    public let notBefore: CallTime
    public let phone: String
    public let addressee: String
    public let priority: Priority
    /// Reason codes, most urgent first (`recall`, `hpv_window_closing`, `screening_window_closing`, ...).
    public let reasons: [String]
}

/// What recording an attempt did.
public struct AttemptResult: Sendable, Hashable {
    public let callID: String
    public let status: AttemptDecision.CallStatus
    public let attempt: Int
    /// The same result (same result key) was recorded before; nothing changed.
    public let duplicate: Bool
    /// Reasons sent to manual follow-up by this attempt.
    public let escalated: Int
}

/// The call queue's operations; each runs inside the caller's write transaction.
public enum CallQueue {
    /// Plans the calls of the first call day at or after `at`: the day itself, or the next day with
    /// a call window when the last dial of this one has passed. Planning again adds new reasons to
    /// the day's calls and never a second call for a number.
    public static func plan(_ db: Database, context: FollowUpContext, at: CallTime) throws -> [PlanLine] {
        let policy = context.policy
        guard let slot = CallWindows(policy).nextSlot(from: at) else { return [] }
        let day = slot.time.day
        let candidates = try WorkListReasons.all(db, context: context, asOf: day)
        var states: [String: ReasonState] = [:]
        for r in candidates { if let s = try CallStore.state(db, key: r.key) { states[r.key] = s } }
        let exclusions = PlanExclusions(blockedPhones: try CallStore.blockedPhones(db),
                                        reachedPhones: [day: try CallStore.reachedPhones(db, day: day)])
        let planned = CallPlanner.plan(candidates, states: states, exclusions: exclusions, at: at, policy: policy)
        let stamp = context.audit.timestamp
        var lines: [PlanLine] = []
        var created = 0, tasks = 0
        for call in planned {
            for r in call.reasons { try CallStore.upsert(db, r, at: stamp) }
            var row = try CallStore.call(db, day: call.day, phone: call.phone)
            if row == nil {
                try db.cachedStatement(sql: """
                    INSERT INTO followup_calls (uuid, call_day, phone, priority, priority_rank, not_before, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [RecordID.make(), call.day.iso, call.phone, call.priority.rawValue,
                                             policy.rank(call.priority), call.notBefore.time.iso, stamp, stamp])
                row = try CallStore.call(db, day: call.day, phone: call.phone)
                created += 1
            } else if let r = row, policy.rank(call.priority) < policy.rank(r.priority) || r.status == .waiting {
                // A more urgent reason came up, or a new reason for a number waiting since a
                // no-answer earlier today: the call is planned again, still under the daily cap.
                let dials = try CallStore.dials(db, phone: r.phone, day: day)
                let reopen = r.status == .waiting && dials < policy.maxDialsPerNumberPerDay
                try db.cachedStatement(sql: """
                    UPDATE followup_calls SET priority = ?, priority_rank = ?, status = ?, updated_at = ? WHERE id = ?
                    """).execute(arguments: [policy.rank(call.priority) < policy.rank(r.priority) ? call.priority.rawValue : r.priority.rawValue,
                                             min(policy.rank(call.priority), policy.rank(r.priority)),
                                             reopen ? AttemptDecision.CallStatus.planned.rawValue : r.status.rawValue, stamp, r.id])
            }
            guard let callRow = row else { continue }
            for r in call.reasons {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO followup_call_reasons (call_id, reason_key) VALUES (?, ?)")
                    .execute(arguments: [callRow.id, r.key])
                // A screen-positive recall is never left to a robot alone.
                if r.source == .recall {
                    let due = call.notBefore.time.adding(minutes: policy.recallStaffTaskSLAHours * 60).iso
                    if try CallStore.addTask(db, kind: "staff_call", reasonKey: r.key, dueAt: due, cause: "recall", at: stamp) { tasks += 1 }
                }
            }
            lines.append(PlanLine(callID: callRow.uuid, day: call.day, notBefore: call.notBefore.time, phone: call.phone,
                                  addressee: call.addressee, priority: call.priority, reasons: call.reasons.map(\.code)))
        }
        try context.audit.record(db, action: "plan", entity: "followup_plan", uuid: nil,
                                 detail: "day \(day.iso): \(planned.count) calls (\(created) new), \(tasks) staff tasks")
        return lines
    }

    /// Records one dial of a call and applies the policy for its outcome; the outcomes flow back
    /// to the rooms that own the reasons in the same transaction (recall contact attempts, HPV
    /// refusals). The same `resultKey` again changes nothing.
    public static func record(_ db: Database, context: FollowUpContext, callID: String, outcome: CallOutcome, at: CallTime,
                              source: String, resultKey: String? = nil, note: String = "") throws -> AttemptResult {
        let key = resultKey ?? "\(callID)|\(outcome.rawValue)|\(at.iso)"
        if let done = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.uuid, c.status, a.attempt_no FROM followup_attempts a JOIN followup_calls c ON c.id = a.call_id WHERE a.result_key = ?
            """), arguments: [key]) {
            return AttemptResult(callID: done[0], status: AttemptDecision.CallStatus(rawValue: done[1])!, attempt: done[2],
                                 duplicate: true, escalated: 0)
        }
        guard let call = try CallStore.call(db, uuid: callID) else { throw FollowUpError.callNotFound(callID) }
        guard at.day <= context.today else { throw FollowUpError.futureAttempt(at.iso) }
        guard [.planned, .dispatched, .waiting].contains(call.status) else {
            throw FollowUpError.callClosed(call: callID, status: call.status.rawValue)
        }
        let policy = context.policy
        let reasons = try CallStore.reasons(db, callID: call.id, policy: policy)
        let dials = try CallStore.dials(db, phone: call.phone, day: at.day)
        let d = AttemptRules.apply(outcome, at: at, reasons: reasons, dialsToday: dials, policy: policy)
        let stamp = context.audit.timestamp
        let number = call.attempts + 1
        try db.cachedStatement(sql: """
            INSERT INTO followup_attempts (call_id, phone, attempt_no, at, at_day, outcome, source, result_key, operator, note, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [call.id, call.phone, number, at.iso, at.day.iso, outcome.rawValue, source, key,
                                     context.audit.operatorName, note, stamp])
        try CallOutcomeRecords.enqueue(db, at: at, outcome: outcome, attempt: number, source: source, status: d.callStatus,
                                       escalated: d.escalated.count, topics: reasons.map(\.reason.topic.rawValue), recordedAt: stamp)
        for (k, s) in d.reasons { try CallStore.save(db, key: k, state: s, outcome: outcome, at: stamp) }
        try db.cachedStatement(sql: """
            UPDATE followup_calls SET status = ?, attempts = ?, last_outcome = ?, not_before = ?, dispatched_at = NULL, updated_at = ?
            WHERE id = ?
            """).execute(arguments: [d.callStatus.rawValue, number, outcome.rawValue, d.redialAt?.time.iso ?? call.notBefore, stamp, call.id])
        let dueVisit = at.day.addingDays(policy.homeVisitDueDays).iso
        for k in d.escalated {
            _ = try CallStore.addTask(db, kind: "home_visit", reasonKey: k, dueAt: dueVisit, cause: outcome.rawValue, at: stamp)
        }
        if d.flagPhone {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO followup_phone_flags (phone, flag, at) VALUES (?, ?, ?)")
                .execute(arguments: [call.phone, outcome.rawValue, stamp])
        }
        if d.doNotCall {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO followup_do_not_call (phone, source, at) VALUES (?, ?, ?)")
                .execute(arguments: [call.phone, source, stamp])
        }
        if d.flagPhone || d.doNotCall {
            // Calls already planned for the number (a later day's, from a plan made after the last dial) stop too.
            try db.cachedStatement(sql: """
                UPDATE followup_calls SET status = 'stopped', updated_at = ? WHERE phone = ? AND id != ?
                AND (status = 'planned' OR status = 'dispatched' OR status = 'waiting')
                """).execute(arguments: [stamp, call.phone, call.id])
        }
        let byKey = Dictionary(reasons.map { ($0.reason.key, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for k in d.refusals {
            guard let r = byKey[k], let rid = try? ResidentID(r.reference, today: context.today) else { continue }
            _ = try ConsentRecords.record(db, residentID: rid, programme: context.hpv.id, consent: .declined,
                                          reason: "电话随访时家长拒绝", audit: context.audit)
        }
        for (k, contact) in d.recallContacts.sorted(by: { $0.key < $1.key }) {
            guard let r = byKey[k], let c = try RecallRecords.find(db, uuid: RecallCaseID(r.reference)),
                  RecallTransitions.allowed(c.state).contains(.contact), at.day >= c.state.stageSince else { continue }
            _ = try RecallStepRecording.record(db, context: context.screening, caseUUID: RecallCaseID(r.reference), step: .contact,
                                               outcome: contact, channel: "phone", detail: "call \(callID): \(outcome.rawValue)", on: at.day)
        }
        try context.audit.record(db, action: "call_attempt", entity: "followup_call", uuid: callID,
                                 detail: "attempt \(number): \(outcome.rawValue) via \(source); call \(d.callStatus.rawValue)")
        return AttemptResult(callID: callID, status: d.callStatus, attempt: number, duplicate: false, escalated: d.escalated.count)
    }

    /// The next calls to dial at `now`, most urgent first, handed out (marked dispatched) in the
    /// same transaction. Nothing outside a call window; never a do-not-call or flagged number; a
    /// call dispatched longer ago than the policy's timeout without a result is handed out again.
    /// `area` limits the batch to calls with a reason in it (a voice platform serving one area).
    public static func nextBatch(_ db: Database, context: FollowUpContext, now: CallTime, limit: Int,
                                 area: CallArea? = nil) throws -> [ExportCall] {
        guard (1...1000).contains(limit) else { throw FollowUpError.badLimit(limit) }
        let policy = context.policy
        guard CallWindows(policy).isOpen(at: now) else { return [] }
        let stale = now.adding(minutes: -policy.dispatchTimeoutMinutes).iso
        let inArea = area?.callFilter("c")
        let arguments: [(any DatabaseValueConvertible)?] = [now.day.iso, now.iso, stale] + (inArea?.arguments ?? []) + [limit]
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM followup_calls c WHERE c.call_day = ?
              AND ((c.status = 'planned' AND c.not_before <= ?) OR (c.status = 'dispatched' AND c.dispatched_at <= ?))
              AND NOT EXISTS (SELECT 1 FROM followup_do_not_call d WHERE d.phone = c.phone)
              AND NOT EXISTS (SELECT 1 FROM followup_phone_flags f WHERE f.phone = c.phone)
              \(inArea.map { "AND " + $0.sql } ?? "")
            ORDER BY c.priority_rank, c.not_before, c.id LIMIT ?
            """), arguments: StatementArguments(arguments))
            .map(CallStore.CallRow.init)
        var out: [ExportCall] = []
        for call in rows {
            let reasons = try CallStore.reasons(db, callID: call.id, policy: policy).filter { $0.state.status == .open }.map(\.reason)
            guard !reasons.isEmpty else { continue }
            try db.cachedStatement(sql: "UPDATE followup_calls SET status = 'dispatched', dispatched_at = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [now.iso, context.audit.timestamp, call.id])
            out.append(ExportCall(callID: call.uuid, phone: call.phone, reasons: reasons, policy: policy))
        }
        try context.audit.record(db, action: "dispatch", entity: "followup_batch", uuid: nil, detail: "\(out.count) calls at \(now.iso)")
        return out
    }
}
