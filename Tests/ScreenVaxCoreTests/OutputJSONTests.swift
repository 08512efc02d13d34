import Foundation
import Testing
@testable import ScreenVaxCore

@Suite("Output JSON: snake_case keys, nulls written")
struct OutputJSONTests {
    /// One key named at run time, to see what the encoder makes of a property name.
    struct Named: Encodable {
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        let name: String
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(0, forKey: Key(stringValue: name))
        }
    }

    // This Foundation's rule, not Darwin's documentation: a trailing acronym stays one word, digits
    // stay with the letters before them, an acronym before a lower-case letter splits (`IDs`), and
    // a name already in snake_case or lower case is left alone (hand-written keys keep working).
    @Test("Property names become the keys the contract uses", arguments: [
        ("residentIDMasked", "resident_id_masked"), ("hubID", "hub_id"), ("personID", "person_id"), ("asOf", "as_of"),
        ("errorsURL", "errors_url"), ("entityUUID", "entity_uuid"), ("dose1Coverage", "dose1_coverage"), ("dose1", "dose1"),
        ("oldestPendingAgeSeconds", "oldest_pending_age_seconds"), ("latencyMs", "latency_ms"), ("cardIDs", "card_i_ds"),
        ("id_masked", "id_masked"), ("class", "class"), ("status", "status"),
    ])
    func keys(name: String, key: String) throws {
        #expect(try OutputJSON.string(Named(name: name)) == "{\n  \"\(key)\" : 0\n}")
    }

    @Test("Dictionary keys are data, not names: left as they are")
    func dictionaryKeys() throws {
        #expect(try OutputJSON.string(["byOutcome": ["Cecolin": 1]]) == "{\n  \"byOutcome\" : {\n    \"Cecolin\" : 1\n  }\n}")
    }

    struct Reply: Codable, Equatable {
        var countyCode: String
        @NullWhenAbsent var decidedAt: String?
        var note: String?
    }

    @Test("A NullWhenAbsent property writes null; a plain optional leaves its key out")
    func nulls() throws {
        #expect(try OutputJSON.string(Reply(countyCode: "360102", decidedAt: nil, note: nil))
            == "{\n  \"county_code\" : \"360102\",\n  \"decided_at\" : null\n}")
        #expect(try OutputJSON.string(Reply(countyCode: "360102", decidedAt: "2024-01-02", note: "n"))
            == "{\n  \"county_code\" : \"360102\",\n  \"decided_at\" : \"2024-01-02\",\n  \"note\" : \"n\"\n}")
    }

    @Test("A missing key and null both decode as nil", arguments: [#"{"countyCode":"1"}"#, #"{"countyCode":"1","decidedAt":null}"#])
    func decodesMissing(json: String) throws {
        #expect(try JSONDecoder().decode(Reply.self, from: Data(json.utf8)) == Reply(countyCode: "1", decidedAt: nil, note: nil))
    }
}
