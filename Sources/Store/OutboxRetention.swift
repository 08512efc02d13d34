import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxMacros

/// Outbox retention: the platform keeps what it acknowledged, so a county need not keep every
/// version's wire JSON forever. After `keepDays` an acknowledged entry's payload (and its
/// created_at) is dropped; the row (seq, type, uuid, version, state, when it was sent) stays for
/// audit, and every pass is written to the audit log. Pending and dead entries are never touched:
/// they have not reached the platform.
public struct OutboxRetention: Sendable {
    /// The default retention: a month to look into what was sent, and to resend by hand.
    public static let defaultKeepDays = 30
    /// Longer than this is "keep for ever" (a hundred years).
    public static let keepDaysRange = 0...36_500

    public let keepDays: Int

    public init(keepDays: Int) throws(OutboxRetentionError) {
        guard OutboxRetention.keepDaysRange.contains(keepDays) else { throw .keepDays(keepDays) }
        self.keepDays = keepDays
    }

    /// Entries per transaction, so that the first prune of a province's history holds the write
    /// lock for a moment at a time, never for the whole pass.
    static let chunk = 5000

    /// Drops the payload of every entry acknowledged on or before `now - keepDays`; `operatorName`
    /// goes to the audit log. Returns how many.
    @discardableResult
    public func prune(_ database: RegistryDatabase, now: Date = Date(), operatorName: String = "sync") throws -> Int {
        // sent_at and the cutoff are both written by `Clock.timestamp` (+08:00): they compare as text.
        let cutoff = Clock.timestamp(now.addingTimeInterval(-Double(keepDays) * 86_400))
        let audit = AuditLog(operatorName: operatorName, timestamp: Clock.timestamp(now))
        var total = 0
        while true {
            let n = try database.write { db -> Int in
                let seqs = try Int64.fetchAll(db, sql: """
                    SELECT seq FROM outbox WHERE state = 'sent' AND payload IS NOT NULL AND sent_at <= ? ORDER BY sent_at LIMIT ?
                    """, arguments: [cutoff, OutboxRetention.chunk])
                guard let first = seqs.min(), let last = seqs.max() else { return 0 }
                let drop = try db.cachedStatement(sql: "UPDATE outbox SET payload = NULL, created_at = NULL WHERE seq = ?")
                for seq in seqs { try drop.execute(arguments: [seq]) }
                try audit.record(db, action: "prune", entity: "outbox", uuid: nil,
                                 detail: "dropped the payload of \(seqs.count) entries acknowledged on or before \(cutoff) "
                                    + "(keep-days \(keepDays)), seq \(first)…\(last)")
                return seqs.count
            }
            total += n
            if n < OutboxRetention.chunk { return total }
        }
    }
}

public enum OutboxRetentionError: UserError, Equatable {
    case keepDays(Int)

    public var code: String { "bad_keep_days" }

    public var message: String {
        switch self {
        case .keepDays(let n):
            "--keep-days \(n) is out of range; give the days (0 to \(OutboxRetention.keepDaysRange.upperBound)) an acknowledged record's payload is kept"
        }
    }

    public var location: InputLocation? { InputLocation(field: "keep-days") }
}

/// How big the outbox is, for `db info`: entries by state and the bytes of the payloads kept.
@PublicInit
public struct OutboxSize: Encodable, Sendable, Equatable {
    public let pending: Int
    /// Acknowledged by the platform, payload still kept (inside the retention period).
    public let acknowledged: Int
    /// Acknowledged, payload dropped; the row stays for audit.
    public let pruned: Int
    public let dead: Int
    /// UTF-8 bytes of the payloads still held.
    public let payloadBytes: Int

    static let empty = OutboxSize(pending: 0, acknowledged: 0, pruned: 0, dead: 0, payloadBytes: 0)

    static func read(_ db: Database) throws -> OutboxSize {
        // A database opened with other migrations (the platform receiver's) has no outbox.
        guard try db.tableExists("outbox") else { return .empty }
        var counts: [String: Int] = [:]
        var bytes = 0
        for row in try Row.fetchAll(db, sql: """
            SELECT CASE WHEN payload IS NULL THEN 'pruned' ELSE state END AS kind, COUNT(*) AS n,
                   COALESCE(SUM(length(CAST(payload AS BLOB))), 0) AS bytes
            FROM outbox GROUP BY kind
            """) {
            counts[row["kind"]] = row["n"]
            bytes += row["bytes"] as Int
        }
        return OutboxSize(pending: counts["pending"] ?? 0, acknowledged: counts["sent"] ?? 0, pruned: counts["pruned"] ?? 0,
                          dead: counts["dead"] ?? 0, payloadBytes: bytes)
    }
}

extension RegistryDatabase {
    /// The outbox's entries by state and its payload bytes (what `db info` shows of it).
    public func outboxSize() throws -> OutboxSize {
        try read { try OutboxSize.read($0) }
    }
}
