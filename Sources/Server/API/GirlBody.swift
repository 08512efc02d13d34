import HPV
import Hummingbird
import Store

/// How a body that records something for a girl names her: by her resident ID (`id`) or her
/// registry id (`person_id`, which wins over `id` unless it is empty).
struct GirlReference: Decodable {
    var id: String?
    var personID: String?
    enum CodingKeys: String, CodingKey {
        case id
        case personID = "person_id"
    }

    func girl() throws -> GirlRef {
        if let p = personID, !p.isEmpty { return .person(PersonUUID(p)) }
        guard let id else { throw HTTPFailure(.badRequest, code: "missing_field", message: "the JSON body needs \"id\" (resident ID) or \"person_id\"") }
        return .residentID(id)
    }
}

/// The girl's reference and the route's own fields, read from the same JSON object.
private struct GirlBody<Fields: Decodable>: Decodable {
    let reference: GirlReference
    let fields: Fields

    init(from decoder: any Decoder) throws {
        reference = try GirlReference(from: decoder)
        fields = try Fields(from: decoder)
    }
}

extension Request {
    /// A body that names a girl beside `Fields`. A missing or mistyped field is answered before a
    /// missing reference to her.
    func decodeGirlBody<Fields: Decodable>(_ type: Fields.Type) async throws -> (girl: GirlRef, fields: Fields) {
        let body = try await decodeJSON(GirlBody<Fields>.self)
        return (try body.reference.girl(), body.fields)
    }
}
