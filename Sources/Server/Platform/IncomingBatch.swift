import Foundation

/// A batch body parsed and checked: the envelope must be right as a whole; each record is
/// checked on its own against its type's schema, so one bad record does not sink the others.
struct IncomingBatch: Sendable {
    struct Record: Sendable {
        let type: String
        let uuid: String
        let version: Int
        /// The record's data as compact JSON (sorted keys).
        let data: String
        /// Why the record is refused; nil when it conforms.
        let problem: String?
    }

    let sourceClinic: String
    let batchID: String
    let records: [Record]

    struct Refusal: Error {
        let message: String
    }

    init(body: [UInt8], schemas: SyncSchemas) throws(Refusal) {
        let root: JSONValue
        do { root = try JSONValue.parse(body) } catch { throw Refusal(message: "the body is not valid JSON") }
        guard case .object(let envelope) = root else { throw Refusal(message: "the body must be a JSON object (the batch envelope)") }
        if let problem = schemas.envelope.problem(with: root, field: "", checkItems: false) {
            throw Refusal(message: "batch envelope: \(problem)")
        }
        guard let sourceClinic = envelope["source_clinic"]?.string, let batchID = envelope["batch_id"]?.string else {
            throw Refusal(message: "batch envelope: source_clinic and batch_id must be strings")
        }
        self.sourceClinic = sourceClinic
        self.batchID = batchID
        let itemSchema = schemas.envelope.property("records")?.itemSchema
        var records: [Record] = []
        for (i, item) in (envelope["records"]?.array ?? []).enumerated() {
            // Without uuid and version a record cannot be answered on its own: the batch is refused.
            guard let uuid = item["uuid"]?.string, let version = item["version"]?.int else {
                throw Refusal(message: "records[\(i)]: every record needs a string uuid and an integer version")
            }
            let type = item["type"]?.string ?? ""
            var problem = itemSchema?.problem(with: item, field: "")
            if problem == nil {
                if let schema = schemas.records[type], let data = item["data"] {
                    problem = schema.problem(with: data, field: "")
                    if problem == nil, let inner = item["data"]?["uuid"]?.string, inner != uuid {
                        problem = "field uuid: differs from the record's uuid in the batch"
                    }
                    if problem == nil, let inner = item["data"]?["version"]?.int, inner != version {
                        problem = "field version: differs from the record's version in the batch"
                    }
                } else if schemas.records[type] != nil {
                    problem = "field data: missing"
                } else {
                    problem = "record type \"\(type)\" is not known to the platform (no \(type).schema.json)"
                }
            }
            records.append(Record(type: type, uuid: uuid, version: version,
                                  data: problem == nil ? item["data"]?.text ?? "" : "", problem: problem.map { "\(type): \($0)" }))
        }
        self.records = records
    }

    /// FNV-1a, 64 bits, of the decoded body: tells a resend (same bytes) from a different batch
    /// reusing a key. Not a security measure; the bearer token is.
    static func fingerprint(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in body {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16) + "-" + String(body.count)
    }
}

/// The receiver's answers, as JSON text.
enum ReceiverAnswer {
    struct Result {
        let uuid: String
        let version: Int
        let status: String
        let message: String?
    }

    static func results(batchID: String, _ results: [Result], stored: Int, duplicates: Int, rejected: Int) -> String {
        var out = "{\"batch_id\":"
        out += JSONValue.string(batchID).text
        out += ",\"stored\":\(stored),\"duplicates\":\(duplicates),\"rejected\":\(rejected),\"results\":["
        for (i, r) in results.enumerated() {
            if i > 0 { out += "," }
            out += "{\"uuid\":" + JSONValue.string(r.uuid).text + ",\"version\":\(r.version),\"status\":\"\(r.status)\""
            if let m = r.message { out += ",\"message\":" + JSONValue.string(m).text }
            out += "}"
        }
        return out + "]}"
    }

    static func error(_ message: String) -> String {
        "{\"error\":" + JSONValue.string(message).text + "}"
    }
}
