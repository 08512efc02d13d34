import Foundation
import Hub
import Testing

/// Conflicts and the reports' state worked out after batches commit, from the notes they leave:
/// notes a hub did not get to are worked out by the next one, and every reader works out what it
/// reads first, so no answer lags the batches acknowledged before it.
@Suite(.timeLimit(.minutes(5))) struct DeriverTests {
    /// Girls of the register on both counties' rosters under one resident ID (before its changes).
    static let enrolledTwice = (0..<40).filter { $0 % 5 == 0 && $0 % 7 != 3 }.count

    static func paused() -> FaultPlan {
        var faults = FaultPlan()
        faults.deriverPaused = true
        return faults
    }

    @Test func notesLeftByAHubThatStoppedAreDerivedByTheNext() async throws {
        let hub = try await TestHub.make(counties: [ReportStateTests.a, ReportStateTests.b])
        let folder = try TempFolder()
        let a = try TestCounty(code: ReportStateTests.a, folder: folder), b = try TestCounty(code: ReportStateTests.b, folder: folder)
        let (aRecords, bRecords, changes, _) = ReportStateTests.register()
        do {
            // Acknowledged, never derived: what a hub killed between the two leaves.
            let running = try await hub.start(faults: DeriverTests.paused())
            try a.enqueue(aRecords + changes)
            try b.enqueue(bRecords)
            #expect(try await a.push(port: running.port, batch: 25).rejected == 0)
            #expect(try await b.push(port: running.port, batch: 25).rejected == 0)
            await running.stop()
        }
        #expect(try await hub.stats().backlog > 0)
        #expect(try await hub.count("SELECT count(*) FROM hub_conflicts") == 0)
        #expect(try await hub.count("SELECT count(*) FROM hub_hpv_girls") == 0)
        #expect(try await hub.count("SELECT count(*) FROM hub_screening_figures") == 0)

        let restarted = try await hub.start()
        defer { Task { await restarted.stop() } }
        try await poll("the next hub's deriver took every note") { try await hub.stats().backlog == 0 }
        #expect(try await hub.count("SELECT count(*) FROM hub_conflicts WHERE kind = 'duplicate_enrolment' AND resolved_at IS NULL") > 0)
        #expect(try await hub.count("SELECT count(*) FROM hub_hpv_girls") > 30)
        #expect(try await hub.count("SELECT count(*) FROM hub_screening_figures") > 30)
        let (kept, worked) = try await ReportStateTests.reports(hub)
        #expect(kept == worked)
    }

    @Test func readersDeriveWhatTheyReadBeforeReadingIt() async throws {
        let hub = try await TestHub.make(counties: [ReportStateTests.a, ReportStateTests.b])
        let running = try await hub.start(faults: DeriverTests.paused())
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: ReportStateTests.a, folder: folder), b = try TestCounty(code: ReportStateTests.b, folder: folder)
        let (aRecords, bRecords, changes, changesB) = ReportStateTests.register()
        try a.enqueue(aRecords)
        try b.enqueue(bRecords)
        _ = try await a.push(port: running.port, batch: 9)
        _ = try await b.push(port: running.port, batch: 9)
        #expect(try await hub.stats().backlog > 0)

        let enrolments = try await ConflictList.read(hub.database, kind: "duplicate_enrolment")
        #expect(enrolments.count == DeriverTests.enrolledTwice)
        #expect(enrolments.allSatisfy { $0.counties == [ReportStateTests.a, ReportStateTests.b] })
        var (kept, worked) = try await ReportStateTests.reports(hub)
        #expect(kept == worked)
        #expect(try await hub.stats().backlog == 0, "each reader took its own target's notes")

        try a.enqueue(changes)
        try b.enqueue(changesB)
        _ = try await a.push(port: running.port, batch: 4)
        _ = try await b.push(port: running.port, batch: 4)
        (kept, worked) = try await ReportStateTests.reports(hub)
        #expect(kept == worked)
        // Conflicts are matched by whoever reads them: the reports left their notes alone.
        #expect(try await hub.stats().backlog > 0)
        _ = try await ConflictList.read(hub.database)
        #expect(try await hub.stats().backlog == 0)
    }
}
