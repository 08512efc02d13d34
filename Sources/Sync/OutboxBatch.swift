/// One outbox entry on its way out.
public struct OutboxEntry: Sendable, Equatable {
    public let seq: Int64
    public let type: String
    public let uuid: String
    public let version: Int
    /// The record's wire JSON, as its domain room wrote it; sync never looks inside.
    public let payload: String
}

/// A batch as it goes on the wire: its id doubles as the `Idempotency-Key`, and `sentAt` is
/// kept from the first try, so every resend is byte for byte the same request.
public struct OutboxBatch: Sendable {
    public let id: String
    public let sentAt: String
    public let entries: [OutboxEntry]

    /// The batch envelope (Schemas/sync/batch.schema.json) with each payload inlined as is.
    public func body(sourceClinic: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(128) { $0 + $1.payload.utf8.count + $1.uuid.utf8.count + 64 })
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) {
            var text = ""
            JSONText.appendQuoted(s, to: &text)
            raw(text)
        }
        raw("{\"source_clinic\":"); quoted(sourceClinic)
        raw(",\"batch_id\":"); quoted(id)
        raw(",\"sent_at\":"); quoted(sentAt)
        raw(",\"records\":[")
        for (i, e) in entries.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"type\":"); quoted(e.type)
            raw(",\"uuid\":"); quoted(e.uuid)
            raw(",\"version\":"); raw(String(e.version))
            raw(",\"data\":"); raw(e.payload)
            raw("}")
        }
        raw("]}")
        return out
    }
}
