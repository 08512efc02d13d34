import GRDB
import ScreenVaxCore

/// Row-level reads and writes of the queue's tables; the operations in CallQueue compose them.
enum CallStore {
    struct CallRow: Sendable {
        let id: Int64
        let uuid: String
        let day: CalendarDate
        let phone: String
        let priority: Priority
        let status: AttemptDecision.CallStatus
        let notBefore: String
        let attempts: Int
        let lastOutcome: String?

        init(_ r: Row) {
            id = r["id"]; uuid = r["uuid"]; day = CalendarDate(iso: r["call_day"] as String)!; phone = r["phone"]
            priority = Priority(rawValue: r["priority"])!; status = AttemptDecision.CallStatus(rawValue: r["status"])!
            notBefore = r["not_before"]; attempts = r["attempts"]; lastOutcome = r["last_outcome"]
        }
    }

    static func call(_ db: Database, uuid: String) throws -> CallRow? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM followup_calls WHERE uuid = ?"), arguments: [uuid]).map(CallRow.init)
    }

    static func call(_ db: Database, day: CalendarDate, phone: String) throws -> CallRow? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM followup_calls WHERE call_day = ? AND phone = ?"),
                         arguments: [day.iso, phone]).map(CallRow.init)
    }

    static func reason(_ r: Row) -> (reason: CallReason, state: ReasonState) {
        let reason = CallReason(key: r["key"], source: ReasonSource(rawValue: r["source"])!, priority: Priority(rawValue: r["priority"])!,
                                phone: r["phone"], addressee: r["addressee"], subjectUUID: r["subject_uuid"],
                                reference: r["reference"], deadline: r["deadline"])
        let state = ReasonState(status: ReasonState.Status(rawValue: r["status"])!, attempts: r["attempts"],
                                notBefore: (r["not_before"] as String?).flatMap { CalendarDate(iso: $0) },
                                avoidWindow: r["avoid_window"], reachedOn: (r["reached_on"] as String?).flatMap { CalendarDate(iso: $0) })
        return (reason, state)
    }

    static func state(_ db: Database, key: String) throws -> ReasonState? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM followup_reasons WHERE key = ?"), arguments: [key]).map { reason($0).state }
    }

    /// The reasons a call covers, most urgent first as planned.
    static func reasons(_ db: Database, callID: Int64, policy: CallPolicy) throws -> [(reason: CallReason, state: ReasonState)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.* FROM followup_call_reasons cr JOIN followup_reasons r ON r.key = cr.reason_key WHERE cr.call_id = ?
            """), arguments: [callID]).map(reason).sorted { policy.moreUrgent($0.reason, $1.reason) }
    }

    /// Adds a reason or refreshes what the work list says about it (number, addressee, urgency);
    /// its call state is left alone.
    static func upsert(_ db: Database, _ r: CallReason, at: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO followup_reasons (key, source, priority, phone, addressee, subject_uuid, reference, deadline, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET priority = excluded.priority, phone = excluded.phone, addressee = excluded.addressee,
                deadline = excluded.deadline, updated_at = excluded.updated_at
            WHERE priority IS NOT excluded.priority OR phone IS NOT excluded.phone OR addressee IS NOT excluded.addressee
                OR deadline IS NOT excluded.deadline
            """).execute(arguments: [r.key, r.source.rawValue, r.priority.rawValue, r.phone, r.addressee, r.subjectUUID,
                                     r.reference, r.deadline, at, at])
    }

    static func save(_ db: Database, key: String, state s: ReasonState, outcome: CallOutcome, at: String) throws {
        try db.cachedStatement(sql: """
            UPDATE followup_reasons SET status = ?, attempts = ?, not_before = ?, avoid_window = ?, reached_on = ?, last_outcome = ?,
                updated_at = ? WHERE key = ?
            """).execute(arguments: [s.status.rawValue, s.attempts, s.notBefore?.iso, s.avoidWindow, s.reachedOn?.iso,
                                     outcome.rawValue, at, key])
    }

    /// Numbers not to call: do-not-call and flagged for correction.
    static func blockedPhones(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT phone FROM followup_do_not_call UNION SELECT phone FROM followup_phone_flags"))
    }

    static func isBlocked(_ db: Database, phone: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM followup_do_not_call WHERE phone = ?) OR EXISTS (SELECT 1 FROM followup_phone_flags WHERE phone = ?)
            """), arguments: [phone, phone]) ?? false
    }

    static func reachedPhones(_ db: Database, day: CalendarDate) throws -> Set<String> {
        Set(try String.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT phone FROM followup_attempts WHERE at_day = ? AND (outcome = 'reached' OR outcome = 'reached_declined')
            """), arguments: [day.iso]))
    }

    static func dials(_ db: Database, phone: String, day: CalendarDate) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM followup_attempts WHERE phone = ? AND at_day = ?"),
                         arguments: [phone, day.iso]) ?? 0
    }

    static func addTask(_ db: Database, kind: String, reasonKey: String, dueAt: String, cause: String, at: String) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO followup_tasks (uuid, kind, reason_key, due_at, cause, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [RecordID.make(), kind, reasonKey, dueAt, cause, at])
        return db.changesCount > 0
    }
}
