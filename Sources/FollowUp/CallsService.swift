import Foundation
import HPV
import Screening
import ScreenVaxCore
import Store

/// The call queue for a long-running caller (the HTTP server): the database and the programmes
/// loaded once, a fresh context (today, now, audit timestamp) per request.
public struct CallsService: Sendable {
    public let database: RegistryDatabase
    public let policy: CallPolicy
    public let hpv: HPVProgramme
    public let screening: ScreeningProgramme
    public let divisions: Divisions
    /// Who the audit log names for results that come in over HTTP.
    public let operatorName: String
    public let clock: Clock

    public init(database: RegistryDatabase, schemas: URL, operatorName: String = "voice-platform", clock: Clock = .system) throws {
        self.database = database
        policy = try CallPolicy.load(schemas: schemas)
        hpv = try HPVProgramme.load(schemas: schemas)
        screening = try ScreeningProgramme.load(schemas: schemas)
        divisions = try Divisions.load(schemas: schemas)
        self.operatorName = operatorName
        self.clock = clock
    }

    public func context() -> FollowUpContext {
        FollowUpContext(policy: policy, hpv: hpv,
                        screening: ScreeningContext(programme: screening, divisions: divisions, today: clock.today(),
                                                    audit: AuditLog(operatorName: operatorName, timestamp: clock.timestamp())),
                        audit: AuditLog(operatorName: operatorName, timestamp: clock.timestamp()))
    }

    public func now() -> CallTime { CallTime.now(clock) }

    public func next(limit: Int) throws -> [ExportCall] {
        let context = context()
        let now = now()
        return try database.write { db in try CallQueue.nextBatch(db, context: context, now: now, limit: limit) }
    }

    public func result(callID: String, outcome: CallOutcome, at: CallTime?, resultKey: String?, note: String) throws -> AttemptResult {
        let context = context()
        let at = at ?? now()
        return try database.write { db in
            try CallQueue.record(db, context: context, callID: callID, outcome: outcome, at: at, source: "platform",
                                 resultKey: resultKey, note: note)
        }
    }
}
