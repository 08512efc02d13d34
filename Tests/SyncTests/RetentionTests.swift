import Foundation
import GRDB
import ScreenVaxCore
import Store
import Sync
import Testing

/// Outbox retention with a real push: what the platform acknowledged loses its payload, the row stays.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RetentionTests {
    func rows(_ registry: TestRegistry) throws -> (pruned: Int, createdDropped: Int, all: Int) {
        try registry.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE payload IS NULL") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE created_at IS NULL") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? -1)
        }
    }

    @Test func afterAPushKeepDaysZeroDropsEveryAcknowledgedPayloadAndKeepsTheRows() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(250)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }
        try await registry.push(registry.settings(port: platform.port, batch: 100))
        try registry.enqueuePersons(7)  // written after the push: pending, never pruned

        #expect(try OutboxRetention(keepDays: 30).prune(registry.database) == 0, "sent a moment ago: inside 30 days")
        #expect(try OutboxRetention(keepDays: 0).prune(registry.database) == 250)
        #expect(try rows(registry) == (250, 250, 257))
        let size = try registry.database.outboxSize()
        #expect(size == OutboxSize(pending: 7, acknowledged: 0, pruned: 250, dead: 0, payloadBytes: size.payloadBytes))
        #expect(size.payloadBytes > 7 * 50)
        #expect(try registry.queue.status().sent == 250, "a pruned entry is still a sent one")

        // The pending ones still go, with their payloads, and nothing pruned goes again.
        try await registry.push(registry.settings(port: platform.port, batch: 100))
        #expect(try await platform.stats().distinct == 257)
        #expect(try await platform.stats().received == 257)
    }

    @Test func syncPushPrunesAfterDrainingWithKeepDays() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(120)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }
        let token = folder.path("token")
        try TestPlatform.token.write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let arguments = ["sync", "push", "--db", registry.database.path, "--endpoint",
                         "http://127.0.0.1:\(platform.port)/api/v1/batches", "--token-file", token, "--keep-days", "0"]
        // Waited for on a thread of its own: blocking a thread of the cooperative pool (two on this
        // machine) would starve the receiver this push, and other suites' pushes, talk to.
        let push = try await PushThread.run { try ScreenvaxProcess.run(arguments, timeout: 120) }
        #expect(push.code == 0, "\(push.output)")
        #expect(push.output.contains("120 acknowledged payloads older than 0 days dropped"), "\(push.output)")
        #expect(try rows(registry) == (120, 120, 120))

        let path = registry.database.path
        let info = try await PushThread.run { try ScreenvaxProcess.run(["db", "info", "--db", path, "--format", "json"]) }
        let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
        let outbox = json?["outbox"] as? [String: Int]
        #expect(outbox == ["pending": 0, "acknowledged": 0, "pruned": 120, "dead": 0, "payload_bytes": 0], "\(info.output)")
    }
}
