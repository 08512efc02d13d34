import Foundation
import Logging
import PostgresNIO

/// Stores one county's batch in one transaction: its Idempotency-Key first (a concurrent resend
/// waits for it, then replays the answer), every (uuid, version) once in `hub_record_versions`,
/// each new version in its type's table unless a higher one is there, then the answer.
///
/// A hub killed before COMMIT leaves nothing: PostgreSQL rolls the transaction back and the
/// county's resend under the same key is stored as if it were the first.
///
/// Nothing derived is worked out here: the same statement that stores the records notes what
/// they touch in `hub_dirty`, and the `Deriver` works it out for many batches at once.
struct BatchStore: Sendable {
    let database: HubDatabase
    /// Held open this long before COMMIT (fault injection for tests: a kill lands mid-batch).
    var holdBeforeCommit: Duration = .zero
    /// Called after a batch that stored something was committed (the deriver's wake-up).
    var committed: (@Sendable () -> Void)?

    struct Answer: Sendable, Equatable {
        let status: Int
        let body: String
    }

    /// A record stored in this batch (a new version), for what runs after.
    struct StoredRecord: Sendable {
        let type: String
        let uuid: String
    }

    struct Forbidden: Error {
        let message: String
    }

    func store(_ incoming: IncomingBatch, county: String, key: String, fingerprint: [UInt8]) async throws -> Answer {
        var batch = incoming
        // Typed values and the county each record names: checked before anything is written.
        var typed: [Int: [JSONValue]] = [:]
        for i in batch.records.indices where batch.records[i].problem == nil {
            let record = batch.records[i]
            guard let table = RecordTable.all[record.type] else {
                batch.records[i].problem = "\(record.type): the hub has no table for this record type"
                continue
            }
            if let field = table.countyField, let named = record.data[field]?.string, named != county {
                return Answer(status: 403, body: BatchAnswer.error(
                    "record \(record.uuid) (\(record.type)) belongs to county \(named); this token is county \(county)'s, and a county pushes only its own records"))
            }
            switch table.values(of: record.data) {
            case .success(let values): typed[i] = values
            case .failure(let problem): batch.records[i].problem = "\(record.type): \(problem.message)"
            }
        }
        let valid = batch.records.indices.filter { batch.records[$0].problem == nil }
        let logger = database.logger
        let digest = ByteBuffer(bytes: fingerprint)
        do {
            let answer = try await database.transaction { connection -> Answer in
                // The key claimed and the batch's records taken as this county's in one round trip
                // (hub_record_owners; a replay takes none). A uuid already taken is looked up
                // again, in a statement of its own: it sees a concurrent batch that took it and
                // committed while this one waited on the key.
                let uuids = Array(Set(valid.map { batch.records[$0].uuid })).sorted()
                let claim = try await connection.query("""
                    WITH claimed AS (
                      INSERT INTO hub_batches (county_code, idempotency_key, fingerprint, response, records, stored, duplicates, rejected, received_at)
                      VALUES (\(county), \(key), \(digest), '', 0, 0, 0, 0, now()) ON CONFLICT DO NOTHING RETURNING 1),
                    taken AS (
                      INSERT INTO hub_record_owners (uuid, county_code)
                      SELECT u, \(county) FROM unnest(\(uuids)::text[]) WITH ORDINALITY AS x(u, n) WHERE EXISTS (SELECT 1 FROM claimed) ORDER BY n
                      ON CONFLICT (uuid) DO NOTHING RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM claimed), (SELECT count(*) FROM taken)::bigint
                    """, logger: logger).collect()
                guard let row = claim.first else { throw Refused(answer: Answer(status: 503, body: BatchAnswer.error("send the batch again"))) }
                let (isClaimed, taken) = try row.decode((Bool, Int).self)
                if !isClaimed { return try await replay(connection, county: county, key: key, fingerprint: fingerprint) }
                if taken < uuids.count {
                    // No LIMIT: with one, the planner may again prefer a scan that hopes to stop early.
                    let foreign = try await connection.query("""
                        SELECT uuid, county_code FROM hub_record_owners WHERE uuid = ANY(\(uuids)::text[]) AND county_code <> \(county)
                        """, logger: logger).collect()
                    if let first = foreign.first {
                        let (uuid, owner) = try first.decode((String, String).self)
                        throw Forbidden(message: "record \(uuid) was pushed by county \(owner); this token is county \(county)'s, and a county pushes only its own records")
                    }
                }
                let new = try await insert(connection, batch: batch, valid: valid, typed: typed, county: county)
                var results: [BatchAnswer.Result] = []
                results.reserveCapacity(batch.records.count)
                var stored = 0, duplicates = 0, rejected = 0
                var seen = Set<String>()
                for record in batch.records {
                    if let problem = record.problem {
                        rejected += 1
                        results.append(.init(uuid: record.uuid, version: record.version, status: "rejected", message: problem))
                        continue
                    }
                    let pair = "\(record.uuid)#\(record.version)"
                    if new.contains(pair), seen.insert(pair).inserted {
                        stored += 1
                        results.append(.init(uuid: record.uuid, version: record.version, status: "stored", message: nil))
                    } else {
                        duplicates += 1
                        results.append(.init(uuid: record.uuid, version: record.version, status: "duplicate", message: nil))
                    }
                }
                let body = BatchAnswer.results(batchID: batch.batchID, results, stored: stored, duplicates: duplicates, rejected: rejected)
                try await connection.run("""
                    UPDATE hub_batches SET response = \(body), records = \(stored + duplicates), stored = \(stored),
                      duplicates = \(duplicates), rejected = \(rejected)
                    WHERE county_code = \(county) AND idempotency_key = \(key)
                    """, logger)
                if holdBeforeCommit > .zero { try await Task.sleep(for: holdBeforeCommit) }
                return Answer(status: 200, body: body)
            }
            if answer.status == 200 { committed?() }
            return answer
        } catch let forbidden as Forbidden {
            return Answer(status: 403, body: BatchAnswer.error(forbidden.message))
        } catch let refused as Refused {
            return refused.answer
        }
    }

    /// The same key again: the first answer when the body is the same, else 422.
    private func replay(_ connection: PostgresConnection, county: String, key: String, fingerprint: [UInt8]) async throws -> Answer {
        let logger = database.logger
        let rows = try await connection.query("""
            UPDATE hub_batches SET replays = replays + 1 WHERE county_code = \(county) AND idempotency_key = \(key)
            RETURNING fingerprint, response
            """, logger: logger).collect()
        guard let row = rows.first else {
            return Answer(status: 503, body: BatchAnswer.error("the batch under this key is being stored; send it again"))
        }
        let (earlier, response) = try row.decode((ByteBuffer, String).self)
        guard Array(earlier.readableBytesView) == fingerprint else {
            throw Refused(answer: Answer(status: 422, body: BatchAnswer.error(
                "this Idempotency-Key was used before with a different body; a new batch needs a new key")))
        }
        return Answer(status: 200, body: response)
    }

    /// One statement: the version log, each type's table for the versions that are new, and the
    /// deriver's notes of them (with the keys the batch's people had before it: every part of
    /// one statement reads the tables as they were before it). Returns the new pairs as "uuid#version".
    private func insert(_ connection: PostgresConnection, batch: IncomingBatch, valid: [Int], typed: [Int: [JSONValue]],
                        county: String) async throws -> Set<String> {
        guard !valid.isEmpty else { return [] }
        var versions = JSONArrayText()
        // Per type, the highest version of each uuid in the batch (a table row takes one).
        var latest: [String: [String: Int]] = [:]
        for i in valid {
            let r = batch.records[i]
            versions.append([.string(r.uuid), .int(r.version), .string(r.type)])
            if let other = latest[r.type]?[r.uuid], batch.records[other].version >= r.version { continue }
            latest[r.type, default: [:]][r.uuid] = i
        }
        var binds = PostgresBindings()
        binds.append(county)
        binds.append(versions.finished())
        var sql = """
            WITH new AS (
              INSERT INTO hub_record_versions (county_code, uuid, version, record_type, received_at)
              SELECT $1, r->>0, (r->>1)::integer, r->>2, now() FROM jsonb_array_elements($2::jsonb) r
              ON CONFLICT DO NOTHING RETURNING uuid, version, record_type),
            noted AS (
              INSERT INTO hub_dirty (target, county_code, record_type, uuid)
              SELECT t.target, $1, n.record_type, n.uuid FROM new n JOIN (VALUES \(BatchStore.noteTypes)) t(target, record_type)
                ON t.record_type = n.record_type
              UNION ALL
              SELECT t.target, $1, 'person_key', p.person_key
              FROM hub_persons p, (VALUES \(BatchStore.keyTargets)) t(target)
              WHERE p.county_code = $1 AND p.uuid IN (SELECT uuid FROM new WHERE record_type = 'person'))
            """
        for type in latest.keys.sorted() {
            guard let table = RecordTable.all[type], let indices = latest[type] else { continue }
            var rows = JSONArrayText()
            for i in indices.values.sorted() {
                let r = batch.records[i]
                rows.append([.string(r.uuid), .int(r.version), r.data] + (typed[i] ?? []))
            }
            binds.append(rows.finished())
            sql += ",\n" + BatchStore.upsert(table, parameter: binds.count)
        }
        sql += "\nSELECT uuid, version FROM new"
        var new = Set<String>()
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: database.logger)
        for try await (uuid, version) in rows.decode((String, Int).self) { new.insert("\(uuid)#\(version)") }
        return new
    }

    /// (target, record type) of every note a stored record leaves.
    static let noteTypes = Deriver.Target.allCases.flatMap { t in t.recordTypes.map { "('\(t.rawValue)', '\($0)')" } }
        .joined(separator: ", ")
    static let keyTargets = Deriver.Target.allCases.filter(\.keysBefore).map { "('\($0.rawValue)')" }.joined(separator: ", ")

    /// The CTE that puts new versions of one type in its table; a higher version already there stays.
    static func upsert(_ table: RecordTable, parameter: Int) -> String {
        let typedNames = table.columns.map(\.name)
        let names = ["county_code", "uuid", "version", "data", "first_received_at", "received_at"] + typedNames
        let values = ["$1", "r->>0", "(r->>1)::integer", "r->2", "now()", "now()"]
            + table.columns.enumerated().map { i, c in c.kind == .text ? "r->>\(i + 3)" : "(r->>\(i + 3))::\(c.sqlType)" }
        let updates = (["version", "data", "received_at"] + typedNames).map { "\($0) = EXCLUDED.\($0)" }
        return """
            t_\(table.type) AS (
              INSERT INTO \(table.table) AS t (\(names.joined(separator: ", ")))
              SELECT \(values.joined(separator: ", "))
              FROM jsonb_array_elements($\(parameter)::jsonb) r JOIN new n ON n.uuid = r->>0 AND n.version = (r->>1)::integer
              ON CONFLICT (county_code, uuid) DO UPDATE SET \(updates.joined(separator: ", "))
              WHERE t.version < EXCLUDED.version)
            """
    }
}

/// An answer decided inside the transaction that must also roll it back.
struct Refused: Error {
    let answer: BatchStore.Answer
}

/// A JSON array of arrays, written as text for one `jsonb` parameter.
struct JSONArrayText {
    private var text = "["
    private var first = true

    mutating func append(_ row: [JSONValue]) {
        text += first ? "[" : ",["
        first = false
        for (i, v) in row.enumerated() {
            if i > 0 { text += "," }
            text += v.jsonbText
        }
        text += "]"
    }

    func finished() -> String { text + "]" }
}
