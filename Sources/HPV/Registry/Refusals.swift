import GRDB
import ScreenVaxCore
import Store

/// Attempts refused to a caller bound to an area, kept in the audit log (who, masked ID, code).
/// A refused change rolls back, so they are written in a transaction of their own after it.
/// Answers about records outside the caller's area are `counted` (`ConflictBudget`).
enum Refusals {
    struct Entry: Sendable {
        let entity: String
        let code: String
        let maskedID: String
        let counted: Bool
    }

    static func record(_ database: RegistryDatabase, context: HPVContext, _ entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        let audit = context.audit
        try database.write { db in try record(db, audit: audit, entries) }
    }

    static func record(_ db: Database, audit: AuditLog, _ entries: [Entry]) throws {
        for e in entries {
            if e.counted {
                try ConflictBudget.record(db, audit: audit, entity: e.entity, code: e.code, maskedID: e.maskedID)
            } else {
                try audit.record(db, action: "refused", entity: e.entity, uuid: nil, detail: "\(e.code) \(e.maskedID)")
            }
        }
    }
}
