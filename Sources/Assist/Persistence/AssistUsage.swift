import GRDB
import ScreenVaxCore
import Store

/// The clinics' use of the assist services, rolled up per (clinic, day, service) for the
/// provincial hub: hook calls, cards shown, AI calls and AI failures. Counts only: no patient,
/// no card text. Each roll-up that changes a day's counts enqueues the day's totals as a new
/// version of its `assist_usage` record (Schemas/sync/assist_usage.schema.json).
///
/// The clinic is the API client that called (the hook audit's `client`), `local` for
/// `screenvax assist` and for calls audited before clients were recorded.
public enum AssistUsage {
    /// One row of the roll-up, as the record carries it.
    public struct Day: Sendable, Equatable {
        public let clinic: String
        public let day: String
        public let service: String
        public let hookCalls: Int
        public let cardsShown: Int
        public let aiCalls: Int
        public let aiFailures: Int
    }

    /// Folds the hook calls audited since the last roll-up in, in one transaction; returns the
    /// days whose records were enqueued.
    @discardableResult
    public static func rollUp(_ db: Database, at: String) throws -> [Day] {
        let mark = try Int64.fetchOne(db, sql: "SELECT last_call_id FROM assist_usage_mark WHERE id = 1") ?? 0
        let hasClient = try db.columns(in: "assist_hook_calls").contains { $0.name == "client" }
        let clinic = hasClient ? "coalesce(nullif(trim(client), ''), 'local')" : "'local'"
        let rows = try Row.fetchAll(db, sql: """
            SELECT substr(\(clinic), 1, 100) AS clinic, substr(at, 1, 10) AS day, service, count(*) AS calls,
                   sum(json_array_length(card_ids)) AS cards, sum(ai_called) AS ai,
                   sum(ai_outcome IN ('timeout', 'error', 'malformed')) AS failures, max(id) AS last
            FROM assist_hook_calls WHERE id > ? GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
            """, arguments: [mark])
        guard !rows.isEmpty else { return [] }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO assist_usage_days (clinic, day, service, uuid, version, hook_calls, cards_shown, ai_calls, ai_failures)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
            ON CONFLICT (clinic, day, service) DO UPDATE SET version = version + 1,
              hook_calls = hook_calls + excluded.hook_calls, cards_shown = cards_shown + excluded.cards_shown,
              ai_calls = ai_calls + excluded.ai_calls, ai_failures = ai_failures + excluded.ai_failures
            RETURNING uuid, version, hook_calls, cards_shown, ai_calls, ai_failures
            """)
        var last = mark
        var days: [Day] = []
        for r in rows {
            let clinic: String = r["clinic"], day: String = r["day"], service: String = r["service"]
            guard let totals = try Row.fetchOne(upsert, arguments: [clinic, day, service, RecordID.make(), r["calls"] as Int,
                                                                   r["cards"] as Int? ?? 0, r["ai"] as Int? ?? 0,
                                                                   r["failures"] as Int? ?? 0]) else { continue }
            let d = Day(clinic: clinic, day: day, service: service, hookCalls: totals["hook_calls"], cardsShown: totals["cards_shown"],
                        aiCalls: totals["ai_calls"], aiFailures: totals["ai_failures"])
            var w = JSONWriter()
            w.string("uuid", totals["uuid"]); w.int("version", totals["version"]); w.string("clinic", d.clinic)
            w.string("day", d.day); w.string("service", d.service); w.int("hook_calls", d.hookCalls)
            w.int("cards_shown", d.cardsShown); w.int("ai_calls", d.aiCalls); w.int("ai_failures", d.aiFailures)
            try Outbox.enqueue(db, type: "assist_usage", uuid: totals["uuid"], version: totals["version"], payload: w.finished(), at: at)
            days.append(d)
            last = max(last, r["last"] as Int64)
        }
        try db.execute(sql: "INSERT INTO assist_usage_mark (id, last_call_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_call_id = excluded.last_call_id",
                       arguments: [last])
        return days
    }
}
