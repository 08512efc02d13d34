import Foundation
import GRDB
import ScreenVaxCore

/// Answers that tell a caller something about a record outside her area (an ID registered under
/// another name, a girl enrolled or a pregnancy registered in another county) are limited per user:
/// after `limit` of them within `windowSeconds`, her next lookup or upload waits (the web and the
/// API answer 429 with Retry-After). Each such answer is an audit entry (action `conflict`), so
/// every process on the database counts the same answers and the count survives a restart.
public enum ConflictBudget {
    public static let limit = 20
    public static let windowSeconds = 600
    public static let action = "conflict"

    /// Records one conflict answer given to the audit's operator (who, masked ID, code).
    public static func record(_ db: Database, audit: AuditLog, entity: String, code: String, maskedID: String) throws {
        try audit.record(db, action: action, entity: entity, uuid: nil, detail: "\(code) \(maskedID)")
    }

    /// How many more conflict answers the operator may get now.
    public static func remaining(_ db: Database, audit: AuditLog) throws -> Int {
        max(0, limit - (try recent(db, audit: audit).count))
    }

    /// Refuses a lookup or upload of an operator who has had her `limit` answers in the window.
    public static func check(_ db: Database, audit: AuditLog) throws {
        let times = try recent(db, audit: audit)
        guard times.count >= limit, let now = seconds(audit.timestamp) else { return }
        // The answer that must leave the window before one more fits in it.
        let oldest = times.last.flatMap(seconds) ?? now
        throw TooManyConflicts(retryAfter: max(1, oldest + windowSeconds - now))
    }

    /// The times of the operator's last `limit` conflict answers inside the window, newest first.
    static func recent(_ db: Database, audit: AuditLog) throws -> [String] {
        guard let now = seconds(audit.timestamp) else { return [] }
        let since = Clock.timestamp(Date(timeIntervalSince1970: TimeInterval(now - windowSeconds)))
        return try String.fetchAll(db.cachedStatement(sql: """
            SELECT at FROM audit_log WHERE operator = ? AND action = ? AND at > ? ORDER BY at DESC LIMIT ?
            """), arguments: [audit.operatorName, action, since, limit])
    }

    /// Seconds since 1970 of an audit timestamp (`2024-04-15T10:00:00+08:00`, as `Clock` writes them).
    static func seconds(_ timestamp: String) -> Int? {
        let t = Array(timestamp.utf8)
        guard t.count == 25, let day = CalendarDate(iso: timestamp.prefix(10)),
              let h = Int(timestamp.dropFirst(11).prefix(2)), let m = Int(timestamp.dropFirst(14).prefix(2)),
              let s = Int(timestamp.dropFirst(17).prefix(2)), timestamp.hasSuffix("+08:00") else { return nil }
        return day.dayNumber * 86_400 + h * 3600 + m * 60 + s - 8 * 3600
    }
}

/// A caller who has had `ConflictBudget.limit` conflict answers within the window.
public struct TooManyConflicts: UserError, Equatable {
    public let retryAfter: Int

    public init(retryAfter: Int) { self.retryAfter = retryAfter }

    public var code: String { "too_many_conflicts" }

    public var message: String {
        "too many lookups found records outside your area in the last \(ConflictBudget.windowSeconds / 60) minutes; "
            + "try again in \(retryAfter) seconds, and check IDs and names against the families' documents first"
    }
}
