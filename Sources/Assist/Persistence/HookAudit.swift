import Foundation
import GRDB

/// The append-only record of hook calls (`assist_hook_calls`): what was asked and answered, never
/// who in full.
public struct HookAuditEntry: Encodable, Sendable, Equatable {
    public var at: String
    public var service: String
    public var hook: String
    public var hookInstance: String
    public var origin: String
    public var patientMasked: String
    public var patientFound: Bool
    public var cardIDs: [String]
    public var indicators: [String]
    public var latencyMs: Double
    public var aiCalled: Bool
    public var aiOutcome: String
    /// The API client that called (nil from `screenvax assist`).
    public var client: String?
    /// The patient is registered, but only outside the client's area: answered as unknown.
    public var outsideArea = false

    // The encoder's snake_case splits `IDs` into `i_ds`; the other keys are the properties' names.
    enum CodingKeys: String, CodingKey {
        case at, service, hook, hookInstance, origin, patientMasked, patientFound, indicators, latencyMs, aiCalled, aiOutcome, client
        case outsideArea
        case cardIDs = "card_ids"
    }
}

public enum HookAudit {
    public static func record(_ db: Database, _ e: HookAuditEntry) throws {
        let ids = String(decoding: try JSONEncoder().encode(e.cardIDs), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO assist_hook_calls (at, service, hook, hook_instance, origin, patient_masked, patient_found, card_ids,
                                           indicators, latency_ms, ai_called, ai_outcome, client, outside_area)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [e.at, e.service, e.hook, e.hookInstance, e.origin, e.patientMasked, e.patientFound, ids,
                                     e.indicators.joined(separator: ","), e.latencyMs, e.aiCalled, e.aiOutcome, e.client, e.outsideArea])
    }

    /// The latest calls first.
    public static func entries(_ db: Database, service: String? = nil, limit: Int = 100) throws -> [HookAuditEntry] {
        var sql = "SELECT * FROM assist_hook_calls"
        var args: StatementArguments = []
        if let service { sql += " WHERE service = ?"; args += [service] }
        sql += " ORDER BY id DESC LIMIT ?"
        args += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
            let ids = (try? JSONDecoder().decode([String].self, from: Data((r["card_ids"] as String).utf8))) ?? []
            let indicators = (r["indicators"] as String).split(separator: ",").map(String.init)
            return HookAuditEntry(at: r["at"], service: r["service"], hook: r["hook"], hookInstance: r["hook_instance"],
                                  origin: r["origin"], patientMasked: r["patient_masked"], patientFound: r["patient_found"],
                                  cardIDs: ids, indicators: indicators, latencyMs: r["latency_ms"], aiCalled: r["ai_called"],
                                  aiOutcome: r["ai_outcome"], client: r["client"], outsideArea: r["outside_area"])
        }
    }
}
