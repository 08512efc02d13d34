import GRDB
import ScreenVaxCore
import Store

/// Each dial's outcome as a `call_outcome` record for the provincial hub (Schemas/sync/
/// call_outcome.schema.json), enqueued in the attempt's own transaction. It carries what the
/// province supervises (when, what came of it, the how-many-th attempt, the topics) and nothing
/// about who: no phone, no name, no ID.
enum CallOutcomeRecords {
    static func enqueue(_ db: Database, at: CallTime, outcome: CallOutcome, attempt: Int, source: String,
                        status: AttemptDecision.CallStatus, escalated: Int, topics: [String], recordedAt: String) throws {
        let uuid = RecordID.make()
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", 1)
        w.string("day", at.day.iso)
        w.string("at", at.iso)
        w.string("outcome", outcome.rawValue)
        w.int("attempt", attempt)
        w.string("source", source)
        w.string("call_status", status.rawValue)
        w.int("escalated", escalated)
        w.strings("topics", Array(Set(topics)).sorted())
        try Outbox.enqueue(db, type: "call_outcome", uuid: uuid, version: 1, payload: w.finished(), at: recordedAt)
    }
}
