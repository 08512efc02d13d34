import Foundation
import Hub
import Sync
import Testing

/// Counties push to the hub over the real sync client and libcurl; the hub stores in a real
/// PostgreSQL cluster made for this run.
@Suite(.timeLimit(.minutes(3))) struct IngestTests {
    @Test func everyRecordArrivesOnceInItsTypesTable() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let county = try TestCounty(code: "360102", folder: TempFolder())
        var records: [WireRecord] = []
        for i in 0..<120 {
            let person = WireRecord.uuid()
            records.append(.person(person, id: WireRecord.residentID(born: "2011-05-01", serial: i)))
            records.append(.rosterEntry(person: person, county: "360102"))
            records.append(.dose(person: person, date: "2023-10-10"))
        }
        try county.enqueue(records)

        let report = try await county.push(port: running.port, batch: 50)

        #expect(report.delivered == 360 && report.rejected == 0)
        let stats = try await hub.stats()
        #expect(stats.received == 360 && stats.distinct == 360 && stats.duplicatesDropped == 0)
        #expect(try await hub.count("SELECT count(*) FROM hub_persons WHERE county_code = '360102'") == 120)
        #expect(try await hub.count("SELECT count(*) FROM hub_roster_entries") == 120)
        #expect(try await hub.count("SELECT count(*) FROM hub_doses WHERE dose_date = '2023-10-10' AND product = 'cecolin'") == 120)
        // The wire JSON is kept as the county sent it.
        #expect(try await hub.count("SELECT count(*) FROM hub_persons WHERE data->>'name' = '王小红' AND data->>'uuid' = uuid") == 120)
        let status = try county.status()
        #expect(status.sent == 360 && status.pending == 0 && status.dead == 0)
    }

    @Test func aReplayedBatchGetsTheFirstAnswerAndStoresNothingTwice() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let person = WireRecord.uuid()
        let body = RawHTTP.batch([.person(person, id: nil), .rosterEntry(person: person, county: "360102")])
        let key = UUID().uuidString.lowercased()

        let first = try await RawHTTP.post(port: running.port, token: TestHub.token("360102"), key: key, body: body, gzip: true)
        let again = try await RawHTTP.post(port: running.port, token: TestHub.token("360102"), key: key, body: body, gzip: true)
        let other = try await RawHTTP.post(port: running.port, token: TestHub.token("360102"), key: key,
                                           body: RawHTTP.batch([.person(id: nil)]))

        #expect(first.status == 200)
        #expect(again.status == 200 && again.body == first.body, "a resend gets the first answer, byte for byte")
        #expect(other.status == 422, "the same key with another body is refused")
        let stats = try await hub.stats()
        #expect(stats.distinct == 2 && stats.received == 4 && stats.duplicatesDropped == 2 && stats.replayedBatches == 1)
        #expect(try await hub.count("SELECT count(*) FROM hub_record_versions") == 2)
    }

    @Test func versionsArrivingOutOfOrderLeaveTheHighestInPlace() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let person = WireRecord.uuid()
        let token = TestHub.token("360102")
        for (version, name) in [(3, "三"), (1, "一"), (2, "二"), (3, "三")] {
            let response = try await RawHTTP.post(port: running.port, token: token, key: UUID().uuidString,
                                                  body: RawHTTP.batch([.person(person, version: version, id: nil, name: name)]))
            #expect(response.status == 200)
        }
        #expect(try await hub.strings("SELECT name || ' v' || version FROM hub_persons") == ["三 v3"])
        let stats = try await hub.stats()
        #expect(stats.distinct == 3, "versions 1, 2 and 3, each once")
        #expect(stats.duplicatesDropped == 1)
    }

    @Test func aCountyPushingAnotherCountysRecordIsRefusedWith403() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let county = try TestCounty(code: "360102", folder: TempFolder())
        let person = WireRecord.uuid()
        try county.enqueue([.person(person, id: nil), .rosterEntry(person: person, county: "360103")])

        do {
            try await county.push(port: running.port)
            Issue.record("a roster entry of 360103 pushed with 360102's token must be refused")
        } catch let error as SyncError {
            #expect(error.code == "sync_auth")
            #expect(error.message.contains("403") && error.message.contains("360103"), "\(error.message)")
        }
        #expect(try county.status().pending == 2)
        #expect(try await hub.stats().distinct == 0, "nothing of the refused batch is stored")

        // A record uuid another county already pushed is not this county's either.
        let taken = WireRecord.person(id: nil)
        let mine = try await RawHTTP.post(port: running.port, token: TestHub.token("360103"), key: UUID().uuidString,
                                          body: RawHTTP.batch([taken]))
        let theirs = try await RawHTTP.post(port: running.port, token: TestHub.token("360102"), key: UUID().uuidString,
                                            body: RawHTTP.batch([taken]))
        #expect(mine.status == 200)
        #expect(theirs.status == 403)
        #expect(try await hub.count("SELECT count(*) FROM hub_persons WHERE county_code = '360102'") == 0)
    }

    @Test("refused requests", arguments: [
        ("no token", nil, "key-0000001", "{}", 401),
        ("unknown token", "not-a-county-token-00000000000000000", "key-0000002", "{}", 401),
        ("no key", TestHub.token("360102"), nil, "{}", 400),
        ("short key", TestHub.token("360102"), "k", "{}", 400),
        ("not JSON", TestHub.token("360102"), "key-0000003", "{\"records\": [", 400),
        ("no records", TestHub.token("360102"), "key-0000004", "{\"source_clinic\":\"x\",\"batch_id\":\"12345678\",\"sent_at\":\"2024-05-06T09:00:00+08:00\",\"records\":[]}", 400),
    ] as [(String, String?, String?, String, Int)])
    func refused(what: String, token: String?, key: String?, body: String, status: Int) async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let response = try await RawHTTP.post(port: running.port, token: token, key: key, body: Array(body.utf8))
        #expect(response.status == status, "\(what): \(response.bodyText)")
        #expect(RawHTTP.json(response)["error"] is String, "\(what): errors are {\"error\": \"…\"}")
    }

    @Test func bodiesOverTheCapsAre413AndBadRecordsAreRejectedOneByOne() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let token = TestHub.token("360102")
        // 70 MB of zeros gzip to about 70 KB: the inflated size is what is capped.
        let bomb = [UInt8](repeating: 0x20, count: 70 << 20)
        let inflated = try await RawHTTP.post(port: running.port, token: token, key: "bomb-00001", body: bomb, gzip: true)
        #expect(inflated.status == 413)

        let good = WireRecord.person(id: nil)
        let badDate = WireRecord.person(id: nil, born: "2011-02-30")
        let nulUUID = WireRecord.uuid()
        let nul = WireRecord(type: "person", uuid: nulUUID, version: 1,
                             payload: WireRecord.person(nulUUID, id: nil, name: "aNULb").payload.replacingOccurrences(of: "NUL", with: "\\u0000"))
        let hugeVersion = WireRecord(type: "person", uuid: good.uuid, version: 1 << 40,
                                     payload: WireRecord.person(good.uuid, version: 1 << 40, id: nil).payload)
        let unknownType = WireRecord(type: "gossip", uuid: WireRecord.uuid(), version: 1, payload: "{}")
        let response = try await RawHTTP.post(port: running.port, token: token, key: "mixed-0001",
                                              body: RawHTTP.batch([good, badDate, nul, hugeVersion, unknownType]))
        #expect(response.status == 200)
        let results = RawHTTP.json(response)["results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["status"] as? String } == ["stored", "rejected", "rejected", "rejected", "rejected"])
        #expect((results[safe: 1]?["message"] as? String)?.contains("birth_date") == true)
        #expect((results[safe: 2]?["message"] as? String)?.contains("U+0000") == true)
        #expect((results[safe: 3]?["message"] as? String)?.contains("version") == true)
        #expect((results[safe: 4]?["message"] as? String)?.contains("gossip") == true)
        #expect(try await hub.stats().distinct == 1)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
