import Foundation
import GRDB
import ScreenVaxCore

/// What `screenvax sync status`, the sync page and `/api/v1/sync/status` report: the outbox's
/// counts, the daemon's last success and error, and the batch left in flight.
public struct OutboxStatus: Encodable, Sendable, Equatable {
    public let pending: Int
    public let sent: Int
    public let dead: Int
    // Null, not an absent key: the contract says strings-or-null.
    @NullWhenAbsent public private(set) var lastSuccess: String?
    @NullWhenAbsent public private(set) var lastError: String?
    @NullWhenAbsent public private(set) var lastErrorAt: String?
    public let consecutiveFailures: Int
    @NullWhenAbsent public private(set) var nextAttemptAt: String?
    /// `created_at` of the oldest pending entry, and its age in seconds at the time of asking.
    @NullWhenAbsent public private(set) var oldestPendingAt: String?
    @NullWhenAbsent public private(set) var oldestPendingAgeSeconds: Int?
    /// Records in the batch an interrupted run left open (resent first on the next run).
    public let inFlight: Int

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
