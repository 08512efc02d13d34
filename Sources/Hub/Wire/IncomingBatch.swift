import Crypto
import Foundation

/// A batch body parsed and checked: the envelope must be right as a whole; each record is
/// checked on its own against its type's schema, so one bad record does not sink the others.
struct IncomingBatch: Sendable {
    struct Record: Sendable {
        let type: String
        let uuid: String
        let version: Int
        let data: JSONValue
        /// Why the record is refused; nil when it conforms.
        var problem: String?
    }

    let sourceClinic: String
    let batchID: String
    var records: [Record]

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
        guard let clinic = envelope["source_clinic"]?.string, let batchID = envelope["batch_id"]?.string,
              let items = envelope["records"]?.array else {
            throw Refusal(message: "batch envelope: source_clinic, batch_id and records are required")
        }
        sourceClinic = clinic
        self.batchID = batchID
        let itemSchema = schemas.envelope.property("records")?.itemSchema
        var records: [Record] = []
        records.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            // Without uuid and version a record cannot be answered on its own: the batch is refused.
            guard let uuid = item["uuid"]?.string, let version = item["version"]?.int else {
                throw Refusal(message: "records[\(i)]: every record needs a string uuid and an integer version")
            }
            let type = item["type"]?.string ?? ""
            let data = item["data"] ?? .null
            records.append(Record(type: type, uuid: uuid, version: version, data: data,
                                  problem: IncomingBatch.problem(item, type: type, uuid: uuid, version: version,
                                                                 itemSchema: itemSchema, schemas: schemas)))
        }
        self.records = records
    }

    private static func problem(_ item: JSONValue, type: String, uuid: String, version: Int, itemSchema: RecordSchema?,
                                schemas: SyncSchemas) -> String? {
        if let p = itemSchema?.problem(with: item, field: "") { return "\(type): \(p)" }
        if version > Int(Int32.max) { return "\(type): field version: above the maximum \(Int32.max)" }
        guard let schema = schemas.records[type] else {
            return "\(type): record type \"\(type)\" is not known to the platform (no \(type).schema.json)"
        }
        let data = item["data"] ?? .null
        if let p = schema.problem(with: data, field: "") { return "\(type): \(p)" }
        if let inner = data["uuid"]?.string, inner != uuid { return "\(type): field uuid: differs from the record's uuid in the batch" }
        if let inner = data["version"]?.int, inner != version {
            return "\(type): field version: differs from the record's version in the batch"
        }
        if data.containsNul { return "\(type): a text field holds the character U+0000, which the platform cannot store" }
        return nil
    }

    /// SHA-256 of the decoded body: tells a resend (same bytes) from a different batch reusing a key.
    static func fingerprint(_ body: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: body)) }
}

extension JSONValue {
    /// Whether any string (key or value) holds U+0000: PostgreSQL's text and jsonb refuse it.
    var containsNul: Bool {
        switch self {
        case .string(let s): return s.utf8.contains(0)
        case .array(let a): return a.contains { $0.containsNul }
        case .object(let o): return o.contains { $0.key.utf8.contains(0) || $0.value.containsNul }
        default: return false
        }
    }
}

/// The hub's answers, as JSON text (the shape of Schemas/sync/README.md).
enum BatchAnswer {
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
