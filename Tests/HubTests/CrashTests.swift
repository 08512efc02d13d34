import Foundation
import Hub
import PostgresTestSupport
import ScreenVaxTestSupport
import Sync
import Testing

/// The hub as a real process, killed with -9 while a batch's transaction is open.
@Suite(.timeLimit(.minutes(4))) struct CrashTests {
    @Test func killNineMidBatchLosesAndDuplicatesNothing() async throws {
        let hub = try await TestHub.make()
        let folder = try TempFolder()
        let county = try TestCounty(code: "360102", folder: folder)
        var records: [WireRecord] = []
        for i in 0..<300 {
            let person = WireRecord.uuid()
            records += [.person(person, id: WireRecord.residentID(born: "2011-06-01", serial: i)), .rosterEntry(person: person, county: "360102")]
        }
        try county.enqueue(records)
        let port = PostgresCluster.freePort()
        let serve = ["hub", "serve", "--postgres", hub.url.description, "--port", String(port)]
        // Each batch's transaction stays open 3 s before COMMIT: the kill lands inside one.
        let first = try HubProcess(serve + ["--hold-ms", "3000"], log: folder.url.appendingPathComponent("hub-1.log"))
        try first.start()
        try await first.waitListening()

        let push = Task { try await county.push(port: port, batch: 100) }
        try await poll("a batch transaction open at the hub") {
            try await hub.count("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(hub.name)' AND state = 'idle in transaction'") > 0
        }
        first.kill9()
        try await poll("PostgreSQL rolled the open batch back") {
            try await hub.count("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(hub.name)' AND state = 'idle in transaction'") == 0
        }
        #expect(try await hub.count("SELECT count(*) FROM hub_record_versions") == 0, "nothing of the cut-off batch was stored")
        #expect(try await hub.count("SELECT count(*) FROM hub_batches") == 0)
        #expect(try county.status().inFlight > 0, "the county keeps the batch open, to resend it under the same key")

        let second = try HubProcess(serve, log: folder.url.appendingPathComponent("hub-2.log"))
        try second.start()
        defer { second.kill9() }
        let report = try await push.value

        #expect(report.delivered == 600)
        let stats = try await hub.stats()
        #expect(stats.distinct == 600 && stats.duplicatesDropped == 0 && stats.received == 600)
        #expect(try await hub.count("SELECT count(*) FROM hub_persons") == 300)
        #expect(try await hub.count("SELECT count(*) FROM hub_roster_entries") == 300)
        #expect(try await hub.count("SELECT count(*) FROM hub_batches") == 6)
        let status = try county.status()
        #expect(status.sent == 600 && status.pending == 0 && status.inFlight == 0)
    }
}

/// Polls `condition` until it holds, or fails the test after `seconds`.
func poll(_ what: String, seconds: Double = 30, _ condition: () async throws -> Bool) async throws {
    if try await Poll.until(seconds: seconds, every: .milliseconds(50), condition) { return }
    Issue.record("timed out waiting for: \(what)")
    throw CancellationError()
}
