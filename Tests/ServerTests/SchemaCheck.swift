import Foundation
import Hub
import Server
import Testing

/// Checks a response against Schemas/cds-hooks/<name>.schema.json with the registry's own schema
/// checker (the same one the provincial hub uses on sync records).
enum SchemaCheck {
    static func schema(_ name: String) throws -> RecordSchema {
        try RecordSchema(file: schemasURL.appendingPathComponent("cds-hooks/\(name).schema.json"))
    }

    static func expectValid(_ body: [UInt8], schema name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try JSONValue.parse(body)
        let problem = try schema(name).problem(with: value)
        #expect(problem == nil, "\(name): \(problem ?? "")", sourceLocation: sourceLocation)
    }
}
