import Foundation
import Hub
import Server
import Testing

@Suite("The CDS Hooks schemas refuse what the spec forbids")
struct SchemaTests {
    static let good = #"{"summary":"s","indicator":"info","source":{"label":"l"}}"#

    @Test("A minimal card passes; each breach of the spec is refused", arguments: [
        (good, true),
        (#"{"summary":"s","indicator":"urgent","source":{"label":"l"}}"#, false),
        (#"{"summary":"s","indicator":"info","source":{}}"#, false),
        (#"{"summary":"s","indicator":"info"}"#, false),
        (#"{"summary":"","indicator":"info","source":{"label":"l"}}"#, false),
        ("{\"summary\":\"\(String(repeating: "a", count: 140))\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}", false),
        ("{\"summary\":\"\(String(repeating: "a", count: 139))\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}", true),
        (#"{"summary":"s","detail":null,"indicator":"info","source":{"label":"l"}}"#, false),
        (#"{"summary":"s","indicator":"info","source":{"label":"l"},"links":[]}"#, false),
        (#"{"summary":"s","indicator":"info","source":{"label":"l"},"suggestions":[{"label":"x"}]}"#, false),
        (#"{"summary":"s","indicator":"info","source":{"label":"l"},"suggestions":[{"label":"x"}],"selectionBehavior":"at-most-one"}"#, true),
        (#"{"summary":"s","indicator":"info","source":{"label":"l"},"overrideReasons":[{"code":"x"}]}"#, false),
    ])
    func card(json: String, valid: Bool) throws {
        let body = Array(("{\"cards\":[" + json + "]}").utf8)
        let problem = try SchemaCheck.schema("cards").problem(with: try JSONValue.parse(body))
        #expect((problem == nil) == valid, "\(problem ?? "valid")")
    }
}
