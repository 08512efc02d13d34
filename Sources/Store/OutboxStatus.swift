import Foundation
import GRDB
import ScreenVaxCore

/// What `screenvax sync status`, the sync page and `/api/v1/sync/status` report: the outbox's
/// counts, the daemon's last success and error, and the batch left in flight.
public struct OutboxStatus: Codable, Sendable, Equatable {
    public let pending: Int
    public let sent: Int
    public let dead: Int
    public let lastSuccess: String?
    public let lastError: String?
    public let lastErrorAt: String?
    public let consecutiveFailures: Int
    public let nextAttemptAt: String?
    /// `created_at` of the oldest pending entry, and its age in seconds at the time of asking.
    public let oldestPendingAt: String?
    public let oldestPendingAgeSeconds: Int?
    /// Records in the batch an interrupted run left open (resent first on the next run).
    public let inFlight: Int

    enum CodingKeys: String, CodingKey {
        case pending, sent, dead
        case lastSuccess = "last_success"
        case lastError = "last_error"
        case lastErrorAt = "last_error_at"
        case consecutiveFailures = "consecutive_failures"
        case nextAttemptAt = "next_attempt_at"
        case oldestPendingAt = "oldest_pending_at"
        case oldestPendingAgeSeconds = "oldest_pending_age_seconds"
        case inFlight = "in_flight"
    }

    // Encode nil as null, not an absent key: the contract says strings-or-null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pending, forKey: .pending)
        try c.encode(sent, forKey: .sent)
        try c.encode(dead, forKey: .dead)
        try c.encode(lastSuccess, forKey: .lastSuccess)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(lastErrorAt, forKey: .lastErrorAt)
        try c.encode(consecutiveFailures, forKey: .consecutiveFailures)
        try c.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try c.encode(oldestPendingAt, forKey: .oldestPendingAt)
        try c.encode(oldestPendingAgeSeconds, forKey: .oldestPendingAgeSeconds)
        try c.encode(inFlight, forKey: .inFlight)
    }

    /// Reads the registry's `2026-11-29T08:05:03+08:00` timestamps.
    static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

extension RegistryDatabase {
    public func outboxStatus(now: Date = Date()) throws -> OutboxStatus {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
                counts[row["state"]] = row["n"]
            }
            let state = try Row.fetchOne(db, sql: "SELECT * FROM sync_state WHERE id = 1")
            let oldest = try String.fetchOne(db, sql: "SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1")
            let inFlight = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(records), 0) FROM sync_batches") ?? 0
            let age = oldest.flatMap(OutboxStatus.parse).map { max(0, Int(now.timeIntervalSince($0))) }
            return OutboxStatus(
                pending: counts["pending"] ?? 0, sent: counts["sent"] ?? 0, dead: counts["dead"] ?? 0,
                lastSuccess: state?["last_success"], lastError: state?["last_error"], lastErrorAt: state?["last_error_at"],
                consecutiveFailures: state?["consecutive_failures"] ?? 0, nextAttemptAt: state?["next_attempt_at"],
                oldestPendingAt: oldest, oldestPendingAgeSeconds: age, inFlight: inFlight)
        }
    }
}
