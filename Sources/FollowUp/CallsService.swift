import Foundation
import HPV
import ScreenVaxCore
import ScreenVaxMacros
import Screening
import Store

/// The call queue for a long-running caller (the HTTP server): the database and the programmes
/// loaded once, a fresh context (today, now, audit timestamp) per request.
@PublicInit
public struct CallsService: Sendable {
    public let database: RegistryDatabase
    public let policy: CallPolicy
    public let hpv: HPVProgramme
    public let screening: ScreeningProgramme
    public let divisions: Divisions
    /// Who the audit log names for results that come in over HTTP.
    public var operatorName: String = "voice-platform"
    public var clock: Clock = .system
    public init(database: RegistryDatabase, schemas: URL, operatorName: String = "voice-platform", clock: Clock = .system) throws {
        self.init(database: database, policy: try CallPolicy.load(schemas: schemas), hpv: try HPVProgramme.load(schemas: schemas),
                  screening: try ScreeningProgramme.load(schemas: schemas), divisions: try Divisions.load(schemas: schemas),
                  operatorName: operatorName, clock: clock)
    }

    /// A context for one request; `operatorName` names a logged-in user in the audit log instead of the platform.
    public func context(operatorName: String? = nil) -> FollowUpContext {
        let audit = AuditLog(operatorName: operatorName ?? self.operatorName, timestamp: clock.timestamp())
        return FollowUpContext(policy: policy, hpv: hpv,
                               screening: ScreeningContext(programme: screening, divisions: divisions, today: clock.today(), audit: audit),
                               audit: audit)
    }

    /// Now, on the clock's day: a pinned today (SCREENVAX_TODAY, training databases) keeps the time of day.
    public func now() -> CallTime { CallTime(day: clock.today(), minute: CallTime.now(clock).minute) }

    /// The next batch for a platform; `area` limits it to calls with a reason in that area.
    public func next(limit: Int, area: CallArea? = nil) throws -> [ExportCall] {
        let context = context()
        let now = now()
        return try database.write { db in try CallQueue.nextBatch(db, context: context, now: now, limit: limit, area: area) }
    }

    /// A platform's result; a call with no reason in `area` does not exist for it.
    public func result(callID: String, outcome: CallOutcome, at: CallTime?, resultKey: String?, note: String,
                       area: CallArea? = nil) throws -> AttemptResult {
        let context = context()
        let at = at ?? now()
        let policy = self.policy
        return try database.write { db in
            if let area, try CallViews.calls(db, day: nil, status: nil, policy: policy, area: area, callID: callID).isEmpty {
                throw FollowUpError.callNotFound(callID)
            }
            return try CallQueue.record(db, context: context, callID: callID, outcome: outcome, at: at, source: "platform",
                                        resultKey: resultKey, note: note)
        }
    }

    /// A staff member's attempt (`calls attempt`), in their name; a call with no reason in `area`
    /// does not exist for them. The same rules as the CLI: caps, do-not-call, escalation.
    public func attempt(callID: String, outcome: CallOutcome, at: CallTime?, note: String, operatorName: String,
                        area: CallArea?) throws -> AttemptResult {
        let context = context(operatorName: operatorName)
        let at = at ?? now()
        let policy = self.policy
        return try database.write { db in
            if let area, try CallViews.calls(db, day: nil, status: nil, policy: policy, area: area, callID: callID).isEmpty {
                throw FollowUpError.callNotFound(callID)
            }
            return try CallQueue.record(db, context: context, callID: callID, outcome: outcome, at: at, source: "staff", note: note)
        }
    }

    /// `calls list` for one day inside an area, full numbers (mask them before they leave).
    public func calls(day: CalendarDate, area: CallArea?) throws -> [CallListEntry] {
        let policy = self.policy
        return try database.read { db in try CallViews.calls(db, day: day, status: nil, policy: policy, area: area) }
    }

    /// `calls escalated --kind all`: open manual follow-up tasks inside an area.
    public func tasks(area: CallArea?) throws -> [TaskEntry] {
        try database.read { db in try CallViews.tasks(db, kind: nil, includeDone: false, area: area) }
    }

    /// One call with its full number for a staff member about to dial it; the audit log records
    /// who saw it (never the number itself).
    public func revealPhone(callID: String, operatorName: String, area: CallArea?) throws -> CallListEntry {
        let audit = AuditLog(operatorName: operatorName, timestamp: clock.timestamp())
        let policy = self.policy
        return try database.write { db in
            guard let entry = try CallViews.calls(db, day: nil, status: nil, policy: policy, area: area, callID: callID).first else {
                throw FollowUpError.callNotFound(callID)
            }
            try audit.record(db, action: "show_phone", entity: "followup_call", uuid: callID, detail: "full number shown to dial")
            return entry
        }
    }
}
