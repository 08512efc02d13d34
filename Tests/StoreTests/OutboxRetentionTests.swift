import Foundation
import GRDB
import ScreenVaxCore
import Testing
@testable import Store

@Suite("Outbox retention")
struct OutboxRetentionTests {
    /// 2024-05-06T12:00:00+08:00.
    static let now = Date(timeIntervalSince1970: 1_714_968_000)

    static func at(daysAgo: Double, plusSeconds: Double = 0) -> String {
        Clock.timestamp(now.addingTimeInterval(-daysAgo * 86_400 + plusSeconds))
    }

    /// One entry per case: its state and when it was sent.
    func registry(_ entries: [(uuid: String, state: String, sentAt: String?)]) throws -> RegistryDatabase {
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        try db.write { db in
            for e in entries {
                try Outbox.enqueue(db, type: "person", uuid: e.uuid, version: 1, payload: #"{"uuid":"\#(e.uuid)","name":"王芳"}"#,
                                   at: "2024-01-01T09:00:00+08:00")
                try db.execute(sql: "UPDATE outbox SET state = ?, sent_at = ? WHERE record_uuid = ?", arguments: [e.state, e.sentAt, e.uuid])
            }
        }
        return db
    }

    /// Each entry's payload, nil once dropped.
    func payloads(_ db: RegistryDatabase) throws -> [String: String?] {
        try db.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT record_uuid, payload FROM outbox").map {
                ($0["record_uuid"] as String, $0["payload"] as String?)
            })
        }
    }

    @Test("Only acknowledged entries older than keep-days lose their payload; the rows stay")
    func prune() throws {
        let db = try registry([
            ("old-sent", "sent", Self.at(daysAgo: 31)),
            ("edge-sent", "sent", Self.at(daysAgo: 30)),
            ("young-sent", "sent", Self.at(daysAgo: 30, plusSeconds: 1)),
            ("new-sent", "sent", Self.at(daysAgo: 0)),
            ("old-pending", "pending", nil),
            ("old-dead", "dead", Self.at(daysAgo: 400)),
        ])
        let retention = try OutboxRetention(keepDays: 30)
        #expect(try retention.prune(db, now: Self.now) == 2)
        let p = try payloads(db)
        #expect(p.count == 6)
        #expect(p.filter { $0.value == nil }.keys.sorted() == ["edge-sent", "old-sent"])
        let kept = try db.read { db -> [String?] in
            let row = try Row.fetchOne(db, sql: "SELECT record_type, version, state, sent_at, created_at FROM outbox WHERE record_uuid = 'old-sent'")
            return [row?["record_type"], (row?["version"] as Int?).map(String.init), row?["state"], row?["sent_at"], row?["created_at"]]
        }
        #expect(kept == ["person", "1", "sent", Self.at(daysAgo: 31), nil])
        let audit = try db.read { try AuditLog.entries($0) }.filter { $0.entity == "outbox" }
        #expect(audit.map(\.action) == ["prune"])
        #expect(audit.first?.operator == "sync" && audit.first?.at == Clock.timestamp(Self.now))
        #expect(audit.first?.detail.contains("2 entries acknowledged on or before \(Self.at(daysAgo: 30)) (keep-days 30)") == true,
                "\(audit.first?.detail ?? "")")
        #expect(try retention.prune(db, now: Self.now) == 0, "pruning again changes nothing")

        #expect(try OutboxRetention(keepDays: 0).prune(db, now: Self.now) == 2)
        #expect(try payloads(db).filter { $0.value != nil }.keys.sorted() == ["old-dead", "old-pending"])
        let size = try db.outboxSize()
        #expect(size.pending == 1 && size.acknowledged == 0 && size.pruned == 4 && size.dead == 1)
        #expect(size.payloadBytes == #"{"uuid":"old-pending","name":"王芳"}"#.utf8.count + #"{"uuid":"old-dead","name":"王芳"}"#.utf8.count)
        #expect(try db.info().outbox == size)
    }

    @Test("keep-days 0 … 36500; anything else is bad_keep_days", arguments: [(-1, false), (0, true), (30, true), (36_500, true), (36_501, false), (Int.max, false), (Int.min, false)])
    func keepDays(days: Int, accepted: Bool) {
        #expect(((try? OutboxRetention(keepDays: days)) != nil) == accepted)
        if !accepted {
            #expect(throws: OutboxRetentionError.keepDays(days)) { try OutboxRetention(keepDays: days) }
            #expect(OutboxRetentionError.keepDays(days).code == "bad_keep_days")
        }
    }

    @Test("A history larger than one chunk is pruned whole, a chunk per transaction")
    func chunks() throws {
        let n = OutboxRetention.chunk * 2 + 17
        let db = try RegistryDatabase(path: try temporaryPath(), schemas: schemasURL)
        try db.write { db in
            let writer = try Outbox.Writer(db)
            for i in 0..<n { try writer.enqueue(type: "person", uuid: "u\(i)", version: 1, payload: "{}", at: "2024-01-01T09:00:00+08:00") }
            try db.execute(sql: "UPDATE outbox SET state = 'sent', sent_at = '2024-01-02T09:00:00+08:00'")
        }
        #expect(try OutboxRetention(keepDays: 0).prune(db, now: Self.now) == n)
        #expect(try db.outboxSize() == OutboxSize(pending: 0, acknowledged: 0, pruned: n, dead: 0, payloadBytes: 0))
    }

    @Test("Only an acknowledged entry can lose its payload; a version is unique among those that keep one")
    func constraints() throws {
        let db = try registry([("a", "pending", nil), ("b", "sent", Self.at(daysAgo: 40))])
        #expect(throws: DatabaseError.self) { try db.write { try $0.execute(sql: "UPDATE outbox SET payload = NULL WHERE record_uuid = 'a'") } }
        #expect(throws: DatabaseError.self) {
            try db.write { try Outbox.enqueue($0, type: "person", uuid: "a", version: 1, payload: "{}", at: "2024-05-06T09:00:00+08:00") }
        }
        #expect(try OutboxRetention(keepDays: 30).prune(db, now: Self.now) == 1)
        let plan = try db.read { try String.fetchAll($0, sql: """
            EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE state = 'sent' AND payload IS NOT NULL AND sent_at <= '2024' ORDER BY sent_at LIMIT 5
            """, adapter: SuffixRowAdapter(fromIndex: 3)) }
        #expect(plan.contains { $0.contains("outbox_prunable") }, "\(plan)")
    }

    @Test("Migration 0012 rebuilds the outbox keeping every entry, its seq and its state")
    func migration() throws {
        let path = try temporaryPath()
        let all = try Migrations.load(from: schemasURL.appendingPathComponent("sql"))
        let before = Migrations(steps: all.steps.filter { $0.number < 12 })
        let old = try RegistryDatabase(path: path, migrations: before)
        try old.write { db in
            for (i, state) in ["pending", "sent", "dead", "sent"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO outbox (seq, record_type, record_uuid, version, payload, created_at, state, attempts, sent_at, last_error, dead_at, dead_status)
                    VALUES (?, 'person', ?, 1, '{}', '2024-01-01T09:00:00+08:00', ?, ?, ?, ?, ?, ?)
                    """, arguments: [10 * (i + 1), "u\(i)", state, i, state == "sent" ? "2024-01-02T09:00:00+08:00" : nil,
                                     state == "dead" ? "HTTP 422: bad" : nil, state == "dead" ? "2024-01-02T09:00:00+08:00" : nil,
                                     state == "dead" ? 422 : nil])
            }
        }
        let snapshot = "SELECT seq, record_type, record_uuid, version, payload, created_at, state, attempts, sent_at, last_error, dead_at, dead_status FROM outbox ORDER BY seq"
        let rowsBefore = try old.read { try Row.fetchAll($0, sql: snapshot).map(\.description) }
        let new = try RegistryDatabase(path: path, migrations: all)
        #expect(try new.read { try Row.fetchAll($0, sql: snapshot).map(\.description) } == rowsBefore)
        #expect(try new.outboxSize() == OutboxSize(pending: 1, acknowledged: 2, pruned: 0, dead: 1, payloadBytes: 8))
        let next = try new.write { db in try Int64.fetchOne(db, sql: "INSERT INTO outbox (record_type, record_uuid, version, payload, created_at) VALUES ('person', 'n', 1, '{}', 'x') RETURNING seq") }
        #expect(next == 41, "rowids go on growing after the rebuild")
    }

    @Test("Outbox status is read from Store, with the sync commands' JSON keys")
    func status() throws {
        let db = try registry([("a", "pending", nil), ("b", "sent", Self.at(daysAgo: 1))])
        let s = try db.outboxStatus(now: Self.now)
        #expect(s.pending == 1 && s.sent == 1 && s.dead == 0 && s.inFlight == 0)
        #expect(s.oldestPendingAt == "2024-01-01T09:00:00+08:00")
        let json = try JSONSerialization.jsonObject(with: OutputJSON.data(s)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["pending", "sent", "dead", "last_success", "last_error", "last_error_at",
                                               "consecutive_failures", "next_attempt_at", "oldest_pending_at",
                                               "oldest_pending_age_seconds", "in_flight"])
    }
}
