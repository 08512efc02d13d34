import Foundation
import Hub
import Sync
import Testing

@Suite(.serialized, .timeLimit(.minutes(3))) struct OutageTests {
    /// A port that was free a moment ago: nothing listens there until the platform starts on it.
    static func freePort() async throws -> Int {
        let folder = try TempFolder()
        let probe = try await TestPlatform.start(folder: folder)
        let port = probe.port
        await probe.stop()
        return port
    }

    @Test func platformDownForTheWholeFirstRunThenTheBacklogDrains() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let uuids = try registry.enqueuePersons(700)
        let port = try await OutageTests.freePort()
        var settings = registry.settings(port: port)
        settings.maxTries = 4

        await #expect(throws: SyncError.self) { try await registry.push(settings) }
        let down = try registry.queue.status()
        #expect(down.pending == 700 && down.sent == 0 && down.dead == 0)
        #expect(down.lastError?.contains("connect") == true, "\(down.lastError ?? "nil")")
        #expect(down.lastSuccess == nil)
        #expect(down.consecutiveFailures == 4)

        let platform = try await TestPlatform.start(folder: folder, port: port)
        defer { Task { await platform.stop() } }
        try await registry.push(settings)

        #expect(try await platform.stored() == Set(uuids.map { "\($0)#1" }))
        let up = try registry.queue.status()
        #expect(up.pending == 0 && up.sent == 700 && up.lastSuccess != nil && up.consecutiveFailures == 0)
    }

    @Test func aRefusedTokenStopsWithAnAuthErrorAndKeepsRecordsPending() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(50)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }

        do {
            try await registry.push(registry.settings(port: platform.port, token: "wrong-token"))
            Issue.record("a wrong token cannot deliver")
        } catch let error as SyncError {
            #expect(error.code == "sync_auth")
            #expect(!error.message.contains("wrong-token"), "the token is never echoed")
        }
        let status = try registry.queue.status()
        #expect(status.pending == 50 && status.dead == 0)
        #expect(platform.receiver.arrivals().count == 1, "no retry loop on 401")
        #expect(try await platform.stats().distinct == 0)
    }

    @Test func statusJSONHasTheContractKeys() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(3)
        let run = try ScreenvaxProcess.run(["sync", "status", "--db", registry.database.path, "--format", "json"])
        #expect(run.code == 0, "\(run.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["pending"] as? Int == 3)
        #expect(object["sent"] as? Int == 0)
        #expect(object["dead"] as? Int == 0)
        #expect(object["last_success"] is NSNull)
        #expect(object["last_error"] is NSNull)
        #expect(object["oldest_pending_age_seconds"] as? Int != nil)
    }
}
