import Foundation
import GRDB
import ScreenVaxCore
import Store

/// The receiver's own SQLite file (`platform serve --db F`): what arrived, once per record version.
public final class ReceiverDatabase: Sendable {
    let database: RegistryDatabase

    /// Opens (and migrates) the receiver database with the migrations in `Schemas/platform/`.
    public init(path: String, schemas: URL) throws {
        let migrations = try Migrations.load(from: schemas.appendingPathComponent("platform"))
        database = try RegistryDatabase(path: path, migrations: migrations)
    }

    /// A batch already answered under this Idempotency-Key: its fingerprint and stored answer.
    struct Answered: Sendable {
        let fingerprint: String
        let response: String
    }

    /// Stores one batch in one transaction: the valid records (a known uuid + version is a
    /// duplicate, dropped), the answer under its key, and the counters.
    ///
    /// A concurrent resend with the same key waits for the first to commit, then replays it.
    func store(_ batch: IncomingBatch, key: String, fingerprint: String, at: String) throws -> (status: Int, body: String) {
        try database.write { db -> (Int, String) in
            if let row = try Row.fetchOne(db, sql: "SELECT fingerprint, response FROM received_batches WHERE idempotency_key = ?", arguments: [key]) {
                let earlier: String = row["fingerprint"]
                guard earlier == fingerprint else {
                    return (422, ReceiverAnswer.error("this Idempotency-Key was used before with a different body; a new batch needs a new key"))
                }
                let valid = batch.records.filter { $0.problem == nil }.count
                try db.execute(sql: """
                    UPDATE receiver_counters SET received = received + ?, duplicates_dropped = duplicates_dropped + ?,
                    replayed_batches = replayed_batches + 1 WHERE id = 1
                    """, arguments: [valid, valid])
                return (200, row["response"])
            }
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO received_records (record_uuid, version, record_type, source_clinic, batch_id, data, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var results: [ReceiverAnswer.Result] = []
            results.reserveCapacity(batch.records.count)
            var stored = 0, duplicates = 0, rejected = 0
            for record in batch.records {
                if let problem = record.problem {
                    rejected += 1
                    results.append(.init(uuid: record.uuid, version: record.version, status: "rejected", message: problem))
                    continue
                }
                try insert.execute(arguments: [record.uuid, record.version, record.type, batch.sourceClinic,
                                               batch.batchID, record.data, at])
                if db.changesCount == 1 {
                    stored += 1
                    results.append(.init(uuid: record.uuid, version: record.version, status: "stored", message: nil))
                } else {
                    duplicates += 1
                    results.append(.init(uuid: record.uuid, version: record.version, status: "duplicate", message: nil))
                }
            }
            let body = ReceiverAnswer.results(batchID: batch.batchID, results, stored: stored, duplicates: duplicates, rejected: rejected)
            try db.execute(sql: "INSERT INTO received_batches (idempotency_key, fingerprint, response, received_at) VALUES (?, ?, ?, ?)",
                           arguments: [key, fingerprint, body, at])
            try db.execute(sql: """
                UPDATE receiver_counters SET received = received + ?, duplicates_dropped = duplicates_dropped + ?,
                rejected = rejected + ? WHERE id = 1
                """, arguments: [stored + duplicates, duplicates, rejected])
            return (200, body)
        }
    }

    /// `platform stats`: how many record versions arrived, how many distinct, how many dropped.
    public func stats() throws -> ReceiverStats {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM receiver_counters WHERE id = 1")!
            let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM received_records") ?? 0
            return ReceiverStats(received: row["received"], distinct: distinct,
                                 duplicatesDropped: row["duplicates_dropped"], rejected: row["rejected"],
                                 replayedBatches: row["replayed_batches"])
        }
    }

    /// Every stored record version as "uuid#version".
    public func storedVersions() throws -> Set<String> {
        try database.read { db in
            var out = Set<String>()
            let rows = try Row.fetchCursor(db, sql: "SELECT record_uuid, version FROM received_records")
            while let row = try rows.next() { out.insert("\(row["record_uuid"] as String)#\(row["version"] as Int)") }
            return out
        }
    }
}

/// `platform stats --format json`.
public struct ReceiverStats: Codable, Sendable, Equatable {
    public let received: Int
    public let distinct: Int
    public let duplicatesDropped: Int
    public let rejected: Int
    public let replayedBatches: Int

    enum CodingKeys: String, CodingKey {
        case received, distinct, rejected
        case duplicatesDropped = "duplicates_dropped"
        case replayedBatches = "replayed_batches"
    }
}
