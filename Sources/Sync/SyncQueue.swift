import Foundation
import GRDB
import ScreenVaxCore
import Store

/// The outbox seen from the sync side: which entries go next, and what became of them.
///
/// Every state change is one transaction: acknowledgement and state change together.
public struct SyncQueue: Sendable {
    public let database: RegistryDatabase

    public init(database: RegistryDatabase) { self.database = database }

    /// The batch to send: the one left open by an interrupted run (resent unchanged), else a new
    /// one of up to `limit` pending entries in outbox order, urgent entries (`priority > 0`) first,
    /// recorded as open before it is sent.
    ///
    /// A record whose earlier version is a dead letter is held back; only one version of a
    /// record travels per batch, so version n+1 goes only after version n is acknowledged.
    public func nextBatch(limit: Int, now: String) throws -> OutboxBatch? {
        try database.write { db -> OutboxBatch? in
            while let open = try Row.fetchOne(db, sql: "SELECT * FROM sync_batches ORDER BY rowid LIMIT 1") {
                let id: String = open["batch_id"]
                let seqs = (open["seqs"] as String).split(separator: ",").compactMap { Int64($0) }
                let entries = try SyncQueue.entries(db, seqs: seqs)
                if entries.count == seqs.count {
                    return OutboxBatch(id: id, sentAt: open["sent_at"], entries: entries)
                }
                // Some entries were settled meanwhile (cannot happen with the lock held, but a
                // partial batch must never reuse the key): drop it and build a fresh one.
                try db.execute(sql: "DELETE FROM sync_batches WHERE batch_id = ?", arguments: [id])
            }
            // `d.payload IS NOT NULL` (a dead entry always has one) lets SQLite use outbox_version.
            // Urgent entries (a serious adverse event) first, whatever is queued before them.
            var entries: [OutboxEntry] = []
            var uuids = Set<String>()
            for urgent in [true, false] where entries.count < limit {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT seq, record_type, record_uuid, version, payload FROM outbox o
                    WHERE state = 'pending' \(urgent ? "AND priority > 0" : "") AND NOT EXISTS (
                        SELECT 1 FROM outbox d WHERE d.record_uuid = o.record_uuid AND d.payload IS NOT NULL AND d.state = 'dead' AND d.version < o.version)
                    ORDER BY seq LIMIT ?
                    """, arguments: [limit])
                while entries.count < limit, let row = try rows.next() {
                    let entry = OutboxEntry(seq: row["seq"], type: row["record_type"], uuid: row["record_uuid"],
                                            version: row["version"], payload: row["payload"])
                    guard uuids.insert(entry.uuid).inserted else { continue }
                    entries.append(entry)
                }
            }
            guard !entries.isEmpty else { return nil }
            let batch = OutboxBatch(id: RecordID.make(), sentAt: now, entries: entries)
            try db.execute(sql: "INSERT INTO sync_batches (batch_id, seqs, records, sent_at) VALUES (?, ?, ?, ?)",
                           arguments: [batch.id, entries.map { String($0.seq) }.joined(separator: ","), entries.count, now])
            return batch
        }
    }

    static func entries(_ db: Database, seqs: [Int64]) throws -> [OutboxEntry] {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, record_type, record_uuid, version, payload FROM outbox WHERE seq = ? AND state = 'pending'
            """)
        return try seqs.compactMap { seq in
            try Row.fetchOne(statement, arguments: [seq]).map {
                OutboxEntry(seq: $0["seq"], type: $0["record_type"], uuid: $0["record_uuid"], version: $0["version"], payload: $0["payload"])
            }
        }
    }

    /// What the platform said about each record of an acknowledged batch.
    public enum Outcome: Sendable, Equatable {
        case delivered
        case rejected(message: String)
    }

    /// Settles an answered batch: delivered entries are sent, rejected ones dead letters with the
    /// platform's message, entries it did not mention stay pending for a later batch.
    public func settle(_ batch: OutboxBatch, outcomes: [Int64: Outcome], status: Int, now: String) throws {
        try database.write { db in
            let sent = try db.cachedStatement(sql: "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 WHERE seq = ? AND state = 'pending'")
            let dead = try db.cachedStatement(sql: """
                UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, dead_at = ?, dead_status = ?
                WHERE seq = ? AND state = 'pending'
                """)
            let unanswered = try db.cachedStatement(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")
            for entry in batch.entries {
                switch outcomes[entry.seq] {
                case .delivered?: try sent.execute(arguments: [now, entry.seq])
                case .rejected(let message)?: try dead.execute(arguments: [message, now, status, entry.seq])
                case nil: try unanswered.execute(arguments: ["the platform's answer did not mention this record", entry.seq])
                }
            }
            try db.execute(sql: "DELETE FROM sync_batches WHERE batch_id = ?", arguments: [batch.id])
            try db.execute(sql: "UPDATE sync_state SET last_success = ?, consecutive_failures = 0, next_attempt_at = NULL WHERE id = 1",
                           arguments: [now])
        }
    }

    /// The batch as a whole was refused (4xx): it is dropped so its records can be re-batched
    /// smaller; a batch of one is a dead letter with the platform's message.
    public func refuse(_ batch: OutboxBatch, status: Int, message: String, now: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sync_batches WHERE batch_id = ?", arguments: [batch.id])
            if batch.entries.count == 1 {
                try db.execute(sql: """
                    UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, dead_at = ?, dead_status = ?
                    WHERE seq = ? AND state = 'pending'
                    """, arguments: [message, now, status, batch.entries[0].seq])
            }
            try db.execute(sql: "UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1",
                           arguments: ["HTTP \(status): \(message)", now])
        }
    }

    /// A try that failed (network, 5xx, 429, auth): entries stay pending; the error is kept.
    public func failed(_ batch: OutboxBatch?, error: String, now: String, nextAttempt: String?) throws {
        try database.write { db in
            if let batch {
                try db.execute(sql: "UPDATE sync_batches SET attempts = attempts + 1 WHERE batch_id = ?", arguments: [batch.id])
                let statement = try db.cachedStatement(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")
                for entry in batch.entries { try statement.execute(arguments: [error, entry.seq]) }
            }
            try db.execute(sql: """
                UPDATE sync_state SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1,
                next_attempt_at = ? WHERE id = 1
                """, arguments: [error, now, nextAttempt])
        }
    }

    /// `sync retry --dead`: every dead letter back to pending, for another try. Returns how many.
    public func retryDead() throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'pending', attempts = 0, dead_at = NULL, dead_status = NULL WHERE state = 'dead'")
            return db.changesCount
        }
    }
}
