import Foundation
import Hub
import PostgresTestSupport
import ScreenVaxTestSupport
import Sync
import Testing

/// The daemon as a real process: killed with -9 mid-batch, stopped with SIGTERM; the hub stopped
/// with SIGTERM while its deriver works.
@Suite(.serialized, .timeLimit(.minutes(3))) struct CrashTests {
    @Test func killNineMidBatchThenRestartLosesAndDuplicatesNothing() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let uuids = try registry.enqueuePersons(3000)
        // 150 ms per request: the daemon is always inside a batch when it is killed.
        let platform = try await TestPlatform.start(folder: folder, faults: FaultPlan(delayMilliseconds: 150))
        defer { Task { await platform.stop() } }
        let token = folder.path("token")
        try TestPlatform.token.write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let endpoint = "http://127.0.0.1:\(platform.port)/api/v1/batches"
        let args = ["sync", "run", "--db", registry.database.path, "--endpoint", endpoint, "--token-file", token,
                    "--batch", "100", "--interval", "0.2"]

        var sentAtLastKill = 0
        for _ in 0..<3 {
            let daemon = try ScreenvaxProcess(args)
            try daemon.start()
            // Each kill lands inside a request, further on than the last: past what the last kill
            // left open (resent under its key), with another batch in flight.
            let midBatch = try await Poll.until(seconds: 60) {
                let s = try registry.queue.status()
                return s.sent > sentAtLastKill && s.inFlight > 0
            }
            #expect(midBatch, "the daemon must get inside a batch before it is killed")
            #expect(daemon.process.isRunning, "the daemon must still be working when it is killed")
            daemon.kill9()
            sentAtLastKill = try registry.queue.status().sent
        }
        let midway = try registry.queue.status()
        #expect(midway.pending > 0, "the kills must leave work behind for the restart")
        #expect(midway.inFlight > 0, "a kill mid-request leaves its batch open")

        let restart = try ScreenvaxProcess.run(["sync", "push", "--db", registry.database.path, "--endpoint", endpoint,
                                                "--token-file", token, "--batch", "500"], timeout: 120)
        #expect(restart.code == 0, "\(restart.output)")

        #expect(try await platform.stored() == Set(uuids.map { "\($0)#1" }))
        let stats = try await platform.stats()
        #expect(stats.distinct == 3000)
        #expect(stats.replayedBatches >= 1, "the batch open at a kill is resent under its Idempotency-Key")
        let status = try registry.queue.status()
        #expect(status.sent == 3000 && status.pending == 0 && status.inFlight == 0)
    }

    @Test func sigtermStopsAfterTheBatchInFlight() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(2000)
        let platform = try await TestPlatform.start(folder: folder, faults: FaultPlan(delayMilliseconds: 300))
        defer { Task { await platform.stop() } }
        let token = folder.path("token")
        try TestPlatform.token.write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let daemon = try ScreenvaxProcess(["sync", "run", "--db", registry.database.path, "--endpoint",
                                           "http://127.0.0.1:\(platform.port)/api/v1/batches", "--token-file", token,
                                           "--batch", "100"])
        try daemon.start()
        #expect(try await Poll.until(seconds: 60) { try registry.queue.status().inFlight > 0 }, "a batch must be in flight at SIGTERM")
        kill(daemon.process.processIdentifier, SIGTERM)

        #expect(daemon.wait(seconds: 10), "SIGTERM must stop the daemon")
        #expect(daemon.process.terminationStatus == 0)
        let status = try registry.queue.status()
        #expect(status.inFlight == 0, "the batch in flight was finished and recorded before exiting")
        #expect(status.sent > 0 && status.sent % 100 == 0 && status.pending == 2000 - status.sent)
        #expect(try await platform.stats().distinct == status.sent)
    }

    /// `hub serve` stops on SIGTERM while its deriver is working a backlog: it once waited for ever
    /// for a connection of the pool that had already stopped. The notes not taken stay.
    @Test func hubServeStopsOnSigtermWhileItsDeriverWorks() async throws {
        let cluster = try PostgresCluster.shared.get()
        let url = cluster.url(try await cluster.makeDatabase())
        let notes = 400_000
        try await HubDatabase.using(try PostgresURL(url), maximumConnections: 1) { database in
            _ = try await HubMigrations.load(schemas: schemasURL).apply(to: database)
            // Notes of records the hub has not got: each chunk of them is real work for the deriver.
            _ = try await database.rows("""
                INSERT INTO hub_dirty (target, county_code, record_type, uuid)
                SELECT t, '360102', 'person', md5(i::text) FROM generate_series(1, \(notes / 2)) i, unnest(ARRAY['conflicts', 'hpv']) t
                """)
        }
        let left = { try await HubDatabase.using(try PostgresURL(url), maximumConnections: 1) { try await HubStats.read($0).backlog } }
        for attempt in 1...3 {
            let hub = try ScreenvaxProcess(["hub", "serve", "--postgres", url, "--port", "0"])
            try hub.start()
            let before = try await left()
            // SIGTERM once the deriver has taken a chunk, mid-pass.
            #expect(try await Poll.until(seconds: 60) { try await left() < before }, "the deriver must have begun (attempt \(attempt))")
            kill(hub.process.processIdentifier, SIGTERM)
            let stopped = hub.wait(seconds: 20)
            if !stopped { hub.kill9() }
            #expect(stopped, "SIGTERM must stop hub serve mid-pass (attempt \(attempt))")
            #expect(hub.process.terminationStatus == 0)
            if try await left() == 0 { break }
        }
    }
}
