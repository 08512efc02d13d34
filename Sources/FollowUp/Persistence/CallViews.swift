import GRDB
import ScreenVaxCore

/// One line of `calls list`.
public struct CallListEntry: Sendable, Hashable {
    public let callID: String
    public let day: String
    public let notBefore: String
    public let phone: String
    public let priority: String
    public let status: String
    public let attempts: Int
    public let lastOutcome: String?
    public let addressee: String
    public let reasons: [String]
    /// What the caller says, as the voice platform's script for the call's reasons (topics only).
    public let script: String

    public var masked: CallListEntry {
        CallListEntry(callID: callID, day: day, notBefore: notBefore, phone: Masking.phone(phone), priority: priority, status: status,
                      attempts: attempts, lastOutcome: lastOutcome, addressee: addressee, reasons: reasons, script: script)
    }

    /// Still takes attempts (planned, handed out, or waiting for a later slot).
    public var isOpen: Bool { ["planned", "dispatched", "waiting"].contains(status) }

    /// One object of `calls list --format json` (and `GET /api/v1/calls`): `phone` when the entry
    /// carries the full number, else `phone_masked`.
    public func json(showPII: Bool) -> String {
        var w = JSONWriter()
        w.string("call_id", callID); w.string("day", day); w.string("not_before", notBefore)
        w.string(showPII ? "phone" : "phone_masked", phone); w.string("name", addressee)
        w.string("priority", priority); w.string("status", status); w.int("attempts", attempts)
        w.string("last_outcome", lastOutcome); w.strings("reasons", reasons)
        return w.finished()
    }

    /// The whole `calls list --format json` array.
    public static func jsonArray(_ entries: [CallListEntry], showPII: Bool) -> String {
        entries.isEmpty ? "[]" : "[\n" + entries.map { $0.json(showPII: showPII) }.joined(separator: ",\n") + "\n]"
    }
}

extension AttemptResult {
    /// `calls attempt --format json`, the machine API's result answer and the clinic API's 201.
    public var json: String {
        var w = JSONWriter()
        w.string("call_id", callID); w.string("status", status.rawValue); w.int("attempt", attempt)
        w.bool("duplicate", duplicate); w.int("escalated", escalated)
        return w.finished()
    }
}

/// One manual follow-up task: a staff call for a screen-positive recall, or a home visit when
/// calls ran out, the number is wrong, or a recall was refused.
public struct TaskEntry: Sendable, Hashable {
    public let taskID: String
    public let kind: String
    public let dueAt: String
    public let status: String
    public let cause: String
    public let reason: String
    public let addressee: String
    public let phone: String
    public let attempts: Int
    public let lastOutcome: String?

    public var masked: TaskEntry {
        TaskEntry(taskID: taskID, kind: kind, dueAt: dueAt, status: status, cause: cause, reason: reason, addressee: addressee,
                  phone: Masking.phone(phone), attempts: attempts, lastOutcome: lastOutcome)
    }
}

/// `report calls`: how the queue did over a period of call days.
public struct CallReport: Sendable, Hashable, Encodable {
    public let from: String
    public let to: String
    public let planned: Int
    public let attempted: Int
    public let dials: Int
    public let reached: Int
    /// Reached calls per attempted call; nil when nothing was attempted.
    public let reachedRate: Double?
    public let escalated: Int
    public let staffTasks: Int
    public let byOutcome: [String: Int]
}

public enum CallViews {
    /// Calls in priority order; `area` keeps those with a reason about a person of that area,
    /// `callID` one call.
    public static func calls(_ db: Database, day: CalendarDate?, status: String?, policy: CallPolicy, area: CallArea? = nil,
                             callID: String? = nil) throws -> [CallListEntry] {
        var sql = "SELECT * FROM followup_calls c WHERE 1 = 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let day { sql += " AND call_day = ?"; args.append(day.iso) }
        if let status { sql += " AND status = ?"; args.append(status) }
        if let callID { sql += " AND uuid = ?"; args.append(callID) }
        if let f = area?.callFilter("c") { sql += " AND " + f.sql; args += f.arguments }
        sql += " ORDER BY call_day, priority_rank, not_before, id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(CallStore.CallRow.init).map { c in
            let reasons = try CallStore.reasons(db, callID: c.id, policy: policy)
            let script = ExportCall(callID: c.uuid, phone: c.phone, reasons: reasons.map(\.reason), policy: policy).script(policy)
            return CallListEntry(callID: c.uuid, day: c.day.iso, notBefore: c.notBefore, phone: c.phone, priority: c.priority.rawValue,
                                 status: c.status.rawValue, attempts: c.attempts, lastOutcome: c.lastOutcome,
                                 addressee: reasons.map(\.reason).addressees, reasons: reasons.map(\.reason.code), script: script)
        }
    }

    public static func tasks(_ db: Database, kind: String?, includeDone: Bool, area: CallArea? = nil) throws -> [TaskEntry] {
        var sql = """
            SELECT t.uuid, t.kind, t.due_at, t.status, t.cause, r.* FROM followup_tasks t JOIN followup_reasons r ON r.key = t.reason_key
            WHERE 1 = 1
            """
        var args: [(any DatabaseValueConvertible)?] = []
        if let kind { sql += " AND t.kind = ?"; args.append(kind) }
        if !includeDone { sql += " AND t.status = 'open'" }
        if let f = area?.reasonFilter("r") { sql += " AND " + f.sql; args += f.arguments }
        sql += " ORDER BY t.due_at, t.id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
            let (reason, state) = CallStore.reason(row)
            return TaskEntry(taskID: row[0], kind: row[1], dueAt: row[2], status: row[3], cause: row[4], reason: reason.code,
                             addressee: reason.addressee, phone: reason.phone, attempts: state.attempts, lastOutcome: row["last_outcome"])
        }
    }

    public static func report(_ db: Database, from: CalendarDate, to: CalendarDate) throws -> CallReport {
        let range: [(any DatabaseValueConvertible)?] = [from.iso, to.iso]
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: StatementArguments(range)) ?? 0 }
        let planned = try count("SELECT COUNT(*) FROM followup_calls WHERE call_day BETWEEN ? AND ?")
        let attempted = try count("SELECT COUNT(*) FROM followup_calls WHERE call_day BETWEEN ? AND ? AND attempts > 0")
        let reached = try count("""
            SELECT COUNT(DISTINCT a.call_id) FROM followup_attempts a JOIN followup_calls c ON c.id = a.call_id
            WHERE c.call_day BETWEEN ? AND ? AND (a.outcome = 'reached' OR a.outcome = 'reached_declined')
            """)
        let dials = try count("SELECT COUNT(*) FROM followup_attempts WHERE at_day BETWEEN ? AND ?")
        // Tasks belong to the period of the calls that carried their reason.
        func tasks(_ kind: String) throws -> Int {
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM followup_tasks t WHERE t.kind = ? AND EXISTS (
                    SELECT 1 FROM followup_call_reasons cr JOIN followup_calls c ON c.id = cr.call_id
                    WHERE cr.reason_key = t.reason_key AND c.call_day BETWEEN ? AND ?)
                """, arguments: StatementArguments([kind] + range)) ?? 0
        }
        let escalated = try tasks("home_visit")
        let staff = try tasks("staff_call")
        var byOutcome: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM followup_attempts WHERE at_day BETWEEN ? AND ? GROUP BY outcome",
                                  arguments: StatementArguments(range)) {
            byOutcome[r[0]] = r[1]
        }
        return CallReport(from: from.iso, to: to.iso, planned: planned, attempted: attempted, dials: dials, reached: reached,
                          reachedRate: attempted == 0 ? nil : Double(reached) / Double(attempted), escalated: escalated,
                          staffTasks: staff, byOutcome: byOutcome)
    }
}
