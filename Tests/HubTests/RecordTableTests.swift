import Foundation
import Testing
@testable import Hub

/// A record type the counties send without a hub table is refused at every push and ends as a dead
/// letter on the county side: every wire schema has its table.
struct RecordTableTests {
    @Test func everyWireRecordTypeHasAHubTable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: schemasURL.appendingPathComponent("sync").path)
        let types = names.filter { $0.hasSuffix(".schema.json") && $0 != "batch.schema.json" }
            .map { String($0.dropLast(".schema.json".count)) }
        #expect(types.count >= 14)
        for type in types { #expect(RecordTable.all[type] != nil, "\(type) has no hub table") }
    }
}
