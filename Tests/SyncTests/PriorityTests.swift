import Foundation
import GRDB
import ScreenVaxCore
import Store
import Sync
import Testing

@Suite("Urgent outbox entries go ahead of whatever is queued")
struct PriorityTests {
    @Test("A batch takes urgent entries first, in their order, then the rest in outbox order", arguments: [
        // (entries, urgent positions, batch limit, expected positions in the batch)
        (6, [4], 3, [4, 0, 1]),
        (6, [5, 2], 2, [2, 5]),
        (4, [Int](), 3, [0, 1, 2]),
        (3, [0, 1, 2], 5, [0, 1, 2]),
    ])
    func urgentFirst(count: Int, urgent: [Int], limit: Int, expected: [Int]) throws {
        let registry = try TestRegistry(folder: TempFolder())
        let uuids = try registry.enqueuePersons(count)
        try registry.database.write { db in
            for i in urgent {
                try db.execute(sql: "UPDATE outbox SET priority = 1 WHERE record_uuid = ?", arguments: [uuids[i]])
            }
        }
        let batch = try #require(try registry.queue.nextBatch(limit: limit, now: Clock.system.timestamp()))
        #expect(batch.entries.map(\.uuid) == expected.map { uuids[$0] })
    }
}
