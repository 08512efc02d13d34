import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxTestSupport
import Store
import Sync

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL
typealias TempFolder = ScreenVaxTestSupport.TempFolder

/// A real registry database file with outbox entries written the way the domain rooms write them.
struct TestRegistry {
    let folder: TempFolder
    let database: RegistryDatabase
    var queue: SyncQueue { SyncQueue(database: database) }

    init(folder: TempFolder) throws {
        self.folder = folder
        database = try RegistryDatabase(path: folder.path("registry.sqlite"), schemas: schemasURL)
    }

    /// A valid person payload (Schemas/sync/person.schema.json).
    static func person(uuid: String, version: Int = 1, birthDate: String = "2012-05-01") -> String {
        var w = JSONWriter()
        w.string("uuid", uuid)
        w.int("version", version)
        w.string("resident_id", nil)
        w.string("name", "测试")
        w.string("birth_date", birthDate)
        w.string("sex", "F")
        w.string("phone", nil)
        return w.finished()
    }

    /// Enqueues `count` valid person records; returns their uuids in outbox order.
    @discardableResult
    func enqueuePersons(_ count: Int) throws -> [String] {
        try database.write { db in
            var uuids: [String] = []
            for _ in 0..<count {
                let uuid = RecordID.make()
                try Outbox.enqueue(db, type: "person", uuid: uuid, version: 1, payload: TestRegistry.person(uuid: uuid),
                                   at: Clock.system.timestamp())
                uuids.append(uuid)
            }
            return uuids
        }
    }

    func enqueue(type: String = "person", uuid: String, version: Int, payload: String) throws {
        try database.write { db in
            try Outbox.enqueue(db, type: type, uuid: uuid, version: version, payload: payload, at: Clock.system.timestamp())
        }
    }

    func state(uuid: String, version: Int) throws -> (state: String, error: String?) {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT state, last_error FROM outbox WHERE record_uuid = ? AND version = ?",
                                       arguments: [uuid, version])!
            return (row["state"], row["last_error"])
        }
    }

    /// Settings for a push to `port` on loopback, with short backoffs so tests stay quick.
    func settings(port: Int, token: String = TestPlatform.token, batch: Int = 100, scheme: String = "http") -> SyncSettings {
        var s = SyncSettings(endpoint: "\(scheme)://127.0.0.1:\(port)/api/v1/batches", token: token, sourceClinic: "360102001")
        s.batchSize = batch
        s.backoff = Backoff(base: 0.02, cap: 0.2)
        s.maxTries = 60
        s.transfer.connectTimeout = 2
        s.transfer.totalTimeout = 10
        return s
    }

    /// Drains on a thread of its own, as the CLI does.
    @discardableResult
    func push(_ settings: SyncSettings, stop: StopSignal = StopSignal()) async throws -> Pusher.Report {
        let queue = self.queue
        return try await PushThread.run { try Pusher(queue: queue, settings: settings, stop: stop).drain() }
    }
}
