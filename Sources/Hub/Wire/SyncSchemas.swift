import Foundation

/// The wire schemas of `Schemas/sync/`: the batch envelope and one schema per record type
/// (`<type>.schema.json`). A record type without a schema is rejected, never stored unchecked.
public struct SyncSchemas: Sendable {
    public let envelope: RecordSchema
    public let records: [String: RecordSchema]

    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".schema.json") }.sorted()
        var records: [String: RecordSchema] = [:]
        var envelope: RecordSchema?
        for file in files {
            let schema = try RecordSchema(file: directory.appendingPathComponent(file))
            let type = String(file.dropLast(".schema.json".count))
            if type == "batch" { envelope = schema } else { records[type] = schema }
        }
        guard let envelope else {
            throw RecordSchema.LoadError(description: "\(directory.path): batch.schema.json is missing")
        }
        self.envelope = envelope
        self.records = records
    }
}
