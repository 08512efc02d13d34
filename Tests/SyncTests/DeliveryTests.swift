import Foundation
import Hub
import Store
import Sync
import Testing

/// Pushes against the real receiver on 127.0.0.1 over the real libcurl, with real SQLite files.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DeliveryTests {
    @Test func everyRecordArrivesOnceAndIsMarkedSent() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let uuids = try registry.enqueuePersons(1050)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }

        let report = try await registry.push(registry.settings(port: platform.port, batch: 100))

        #expect(report.batches == 11)
        #expect(report.delivered == 1050)
        #expect(try await platform.stored() == Set(uuids.map { "\($0)#1" }))
        let status = try registry.queue.status()
        #expect(status.pending == 0 && status.sent == 1050 && status.dead == 0 && status.inFlight == 0)
        #expect(status.lastSuccess != nil)
        #expect(status.lastError == nil)
    }

    @Test func failRateThirtyPercentStillDeliversEachRecordExactlyOnce() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let uuids = try registry.enqueuePersons(2000)
        // 500, 503, 429 and dropped connections (stored, then no answer) at random.
        let platform = try await TestPlatform.start(folder: folder, faults: FaultPlan(failRate: 0.3, retryAfter: 0))
        defer { Task { await platform.stop() } }

        let report = try await registry.push(registry.settings(port: platform.port, batch: 100))

        let stats = try await platform.stats()
        #expect(report.failedTries > 0, "with 30 % faults over 20+ requests some tries must fail")
        #expect(try await platform.stored() == Set(uuids.map { "\($0)#1" }))
        #expect(stats.distinct == 2000)
        #expect(stats.received == stats.distinct + stats.duplicatesDropped)
        let status = try registry.queue.status()
        #expect(status.sent == 2000 && status.pending == 0 && status.dead == 0)
    }

    @Test func retryAfterTwoSecondsIsWaitedFor() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(10)
        let platform = try await TestPlatform.start(
            folder: folder, faults: FaultPlan(failFirst: 1, faults: [.unavailable503], retryAfter: 2))
        defer { Task { await platform.stop() } }

        try await registry.push(registry.settings(port: platform.port))

        let arrivals = platform.receiver.arrivals()
        #expect(arrivals.count == 2)
        if arrivals.count == 2 {
            // The backoff alone would wait at most 0.02 s here; only Retry-After explains 2 s.
            #expect(arrivals[1].timeIntervalSince(arrivals[0]) >= 2.0)
        }
        #expect(try registry.queue.status().sent == 10)
    }

    @Test func tooManyRequestsIsRetriedNotDeadLettered() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        try registry.enqueuePersons(30)
        let platform = try await TestPlatform.start(
            folder: folder, faults: FaultPlan(failFirst: 3, faults: [.tooMany429, .error500], retryAfter: 0))
        defer { Task { await platform.stop() } }

        let report = try await registry.push(registry.settings(port: platform.port))

        #expect(report.failedTries == 3)
        let status = try registry.queue.status()
        #expect(status.sent == 30 && status.dead == 0)
    }

    @Test func aMalformedRecordIsDeadLetteredWhileTheOthersArrive() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let before = try registry.enqueuePersons(150)
        let bad = "0b0e6a4e-5a0f-4a55-9d52-6e0f3b1f0c01"
        try registry.enqueue(uuid: bad, version: 1, payload: TestRegistry.person(uuid: bad, birthDate: "2012-02-30"))
        let after = try registry.enqueuePersons(150)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }

        let report = try await registry.push(registry.settings(port: platform.port))

        #expect(report.rejected == 1)
        #expect(try await platform.stored() == Set((before + after).map { "\($0)#1" }))
        let dead = try registry.state(uuid: bad, version: 1)
        #expect(dead.state == "dead")
        #expect(dead.error?.contains("birth_date") == true, "the platform's message names the field: \(dead.error ?? "nil")")
        let status = try registry.queue.status()
        #expect(status.sent == 300 && status.dead == 1 && status.pending == 0)
    }

    @Test func aDeadLetterHoldsBackItsOwnLaterVersionsOnly() async throws {
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let held = "5f1c2d3e-0000-4000-8000-000000000001"
        let other = "5f1c2d3e-0000-4000-8000-000000000002"
        try registry.enqueue(uuid: held, version: 1, payload: TestRegistry.person(uuid: held, birthDate: "not a date"))
        try registry.enqueue(uuid: other, version: 1, payload: TestRegistry.person(uuid: other))
        try registry.enqueue(uuid: held, version: 2, payload: TestRegistry.person(uuid: held, version: 2))
        try registry.enqueue(uuid: other, version: 2, payload: TestRegistry.person(uuid: other, version: 2))
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }

        try await registry.push(registry.settings(port: platform.port))

        #expect(try registry.state(uuid: held, version: 1).state == "dead")
        #expect(try registry.state(uuid: held, version: 2).state == "pending")
        #expect(try registry.state(uuid: other, version: 1).state == "sent")
        #expect(try registry.state(uuid: other, version: 2).state == "sent")
        #expect(try await platform.stored() == ["\(other)#1", "\(other)#2"])

        // Requeued, the dead letter is refused again and its version 2 still waits behind it.
        #expect(try registry.queue.retryDead() == 1)
        try await registry.push(registry.settings(port: platform.port))
        #expect(try registry.state(uuid: held, version: 1).state == "dead")
        #expect(try registry.state(uuid: held, version: 2).state == "pending")
    }

    @Test func aWholeBatchRefusalIsSplitUntilTheBadRecordStandsAlone() async throws {
        // A payload that is not JSON makes the whole body unreadable, so the platform refuses the
        // batch (400); splitting must isolate it, dead-letter it alone and deliver the other 63.
        let folder = try TempFolder()
        let registry = try TestRegistry(folder: folder)
        let good = try registry.enqueuePersons(40)
        try registry.enqueue(uuid: "x", version: 1, payload: "{\"uuid\": broken")
        let more = try registry.enqueuePersons(23)
        let platform = try await TestPlatform.start(folder: folder)
        defer { Task { await platform.stop() } }

        try await registry.push(registry.settings(port: platform.port, batch: 64))

        #expect(try await platform.stored() == Set((good + more).map { "\($0)#1" }))
        #expect(try registry.state(uuid: "x", version: 1).state == "dead")
    }
}
