import Foundation
import GRDB
import Hub
import Store
import Sync
import Testing

/// People matched across counties by resident ID: links, never overwrites; the conflicts found,
/// resolved, and brought back to each county.
@Suite(.timeLimit(.minutes(3))) struct ConflictTests {
    /// A girl as a county registers her: person and roster entry.
    static func girl(id: String, county: String, name: String = "王小红", born: String = "2011-05-01") -> (person: WireRecord, enrolment: WireRecord) {
        let person = WireRecord.person(id: id, name: name, born: born)
        return (person, .rosterEntry(person: person.uuid, county: county))
    }

    @Test func twoCountiesPushingTheSameGirlsAtOnceFindEachOther() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder)
        let b = try TestCounty(code: "360103", folder: folder)
        let ids = (0..<40).map { WireRecord.residentID(born: "2011-05-01", serial: $0) }
        // Girl i is a person and an enrolment in both counties; batches of 4 records interleave.
        try a.enqueue(ids.flatMap { id in let g = ConflictTests.girl(id: id, county: "360102"); return [g.person, g.enrolment] })
        try b.enqueue(ids.enumerated().flatMap { i, id in
            let g = ConflictTests.girl(id: id, county: "360103", name: i < 5 ? "王晓红" : "王小红")
            return [g.person, g.enrolment]
        })

        async let pushA = a.push(port: running.port, batch: 4)
        async let pushB = b.push(port: running.port, batch: 4)
        _ = try await (pushA, pushB)

        let conflicts = try await ConflictList.read(hub.database)
        let enrolments = conflicts.filter { $0.kind == "duplicate_enrolment" }
        #expect(enrolments.count == 40, "every girl enrolled in both counties is found, whichever batch committed first")
        #expect(enrolments.allSatisfy { $0.counties == ["360102", "360103"] && $0.records.count == 2 })
        let names = conflicts.filter { $0.kind == "id_conflict" }
        #expect(names.count == 5, "the five girls 360103 spells differently")
        #expect(names.allSatisfy { $0.residentIDMasked.contains("********") && $0.records.allSatisfy { $0.type == "person" } })
        // A link, never an overwrite: each county's person keeps its own name.
        #expect(try await hub.count("SELECT count(*) FROM hub_persons WHERE resident_id = '\(ids[0])'") == 2)
        #expect(try await hub.strings("SELECT name FROM hub_persons WHERE resident_id = '\(ids[0])' ORDER BY county_code") == ["王小红", "王晓红"])
        #expect(try await hub.count("SELECT count(*) FROM hub_person_links WHERE cardinality(counties) = 2") == 40)
    }

    @Test func theConflictsReachBothCountiesWithTheirOwnRecordsOnlyAndResolve() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder)
        let b = try TestCounty(code: "360103", folder: folder)
        let id = WireRecord.residentID(born: "2011-05-01", serial: 7)
        let mine = ConflictTests.girl(id: id, county: "360102")
        let theirs = ConflictTests.girl(id: id, county: "360103", name: "李小红")
        try a.enqueue([mine.person, mine.enrolment])
        try b.enqueue([theirs.person, theirs.enrolment])
        try await a.push(port: running.port)
        try await b.push(port: running.port)

        let pulledA = try await PushThread.run { [a] in try ConflictPull(database: a.database, settings: a.settings(port: running.port)).run() }
        let pulledB = try await PushThread.run { [b] in try ConflictPull(database: b.database, settings: b.settings(port: running.port)).run() }
        #expect(pulledA == .init(open: 2, new: 2, resolved: 0))
        #expect(pulledB == .init(open: 2, new: 2, resolved: 0))
        let seenByA = try a.database.read { try ConflictRecords.list($0) }
        #expect(Set(seenByA.map(\.kind)) == ["id_conflict", "duplicate_enrolment"])
        #expect(seenByA.allSatisfy { $0.counties == ["360102", "360103"] })
        let recordsA = Set(seenByA.flatMap(\.records).map(\.uuid))
        #expect(recordsA == [mine.person.uuid, mine.enrolment.uuid], "a county sees only its own records, the other county by code")
        #expect(try a.database.read { try ConflictRecords.open($0, record: mine.person.uuid) }.map(\.kind) == ["id_conflict"])

        // 360103 corrects the name: the id conflict resolves at the hub and, on the next pull, at both.
        try b.enqueue([.person(theirs.person.uuid, version: 2, id: id)])
        try await b.push(port: running.port)
        #expect(try await ConflictList.read(hub.database).map(\.kind) == ["duplicate_enrolment"])
        let again = try await PushThread.run { [a] in try ConflictPull(database: a.database, settings: a.settings(port: running.port)).run() }
        #expect(again == .init(open: 1, new: 0, resolved: 1))
        #expect(try a.database.read { try ConflictRecords.list($0) }.map(\.kind) == ["duplicate_enrolment"])
        #expect(try a.database.read { try ConflictRecords.list($0, includeResolved: true) }.count == 2)
        let resolved = try await ConflictList.read(hub.database, includeResolved: true).filter { $0.resolvedAt != nil }
        #expect(resolved.map(\.kind) == ["id_conflict"])
    }

    @Test func pregnanciesAndServicesRegisteredTwice() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder)
        let b = try TestCounty(code: "360103", folder: folder)
        let woman = WireRecord.residentID(born: "1995-01-01", serial: 2)
        let other = WireRecord.residentID(born: "1994-03-03", serial: 4)
        let baby = WireRecord.residentID(born: "2023-12-05", serial: 6)
        func mother(_ county: String, id: String, lmp: String, open: Bool = true) -> [WireRecord] {
            let p = WireRecord.person(id: id, name: "王芳", born: "1995-01-01")
            let g = WireRecord.pregnancy(person: p.uuid, county: county, lmp: lmp, edd: "2023-12-06", registered: "2023-04-01",
                                         outcome: open ? nil : "live_birth", closed: open ? nil : "2023-12-05")
            let r = WireRecord.result(service: "serum", pregnancy: g.uuid, county: county, date: "2023-06-10")
            return [p, g, r]
        }
        // The same woman: one pregnancy registered in both (LMPs 20 days apart), serum subsidised twice.
        let aRecords = mother("360102", id: woman, lmp: "2023-03-01")
        let bRecords = mother("360103", id: woman, lmp: "2023-03-21")
        // Another woman: registered in both, but her pregnancies are 400 days apart and closed: no conflict.
        let cRecords = mother("360102", id: other, lmp: "2022-01-01", open: false)
        let dRecords = mother("360103", id: other, lmp: "2023-02-05", open: false)
        // A newborn with her own ID, hearing-screened and subsidised in both counties.
        let babyA = WireRecord.person(id: baby, name: "王宝", born: "2023-12-05")
        let bornA = WireRecord.newborn(pregnancy: aRecords[1].uuid, person: babyA.uuid, county: "360102", born: "2023-12-05")
        let babyB = WireRecord.person(id: baby, name: "王宝", born: "2023-12-05")
        let bornB = WireRecord.newborn(pregnancy: bRecords[1].uuid, person: babyB.uuid, county: "360103", born: "2023-12-05")
        try a.enqueue(aRecords + cRecords + [babyA, bornA,
            .result(service: "hearing", pregnancy: aRecords[1].uuid, newborn: bornA.uuid, county: "360102", date: "2023-12-07")])
        try b.enqueue(bRecords + dRecords + [babyB, bornB,
            .result(service: "hearing", pregnancy: bRecords[1].uuid, newborn: bornB.uuid, county: "360103", date: "2023-12-20")])
        try await a.push(port: running.port)
        try await b.push(port: running.port)

        let kinds = try await ConflictList.read(hub.database).map { "\($0.kind) \($0.records.map(\.type).sorted().joined(separator: ","))" }.sorted()
        #expect(kinds == [
            "duplicate_pregnancy pregnancy,pregnancy",
            "duplicate_service screening_result,screening_result",
            "duplicate_service screening_result,screening_result",
        ])
        // 360103 closes its pregnancy record: her open pregnancy is no longer registered twice.
        try b.enqueue([.pregnancy(bRecords[1].uuid, version: 2, person: bRecords[0].uuid, county: "360103", lmp: "2023-03-21",
                                  edd: "2023-12-06", registered: "2023-04-01", outcome: "miscarriage", closed: "2023-05-01")])
        try await b.push(port: running.port)
        #expect(try await ConflictList.read(hub.database).filter { $0.kind == "duplicate_pregnancy" }.isEmpty)
    }

    @Test func theCommandLineListsConflictsWithTheContractKeysAndCountiesPullThem() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder)
        let b = try TestCounty(code: "360103", folder: folder)
        let id = WireRecord.residentID(born: "2011-05-01", serial: 9)
        let mine = ConflictTests.girl(id: id, county: "360102"), theirs = ConflictTests.girl(id: id, county: "360103")
        try a.enqueue([mine.person, mine.enrolment])
        try b.enqueue([theirs.person, theirs.enrolment])
        try await a.push(port: running.port)
        try await b.push(port: running.port)

        let listed = try await HubProcess.run(["hub", "conflicts", "--postgres", hub.url.description, "--format", "json"], folder: folder)
        #expect(listed.code == 0, "\(listed.output)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(Set(array.first?.keys ?? [:].keys) == ["kind", "resident_id_masked", "counties", "records", "detected_at"])
        #expect(array.first?["kind"] as? String == "duplicate_enrolment")
        #expect(array.first?["counties"] as? [String] == ["360102", "360103"])
        #expect((array.first?["resident_id_masked"] as? String)?.hasSuffix(String(id.suffix(4))) == true)
        #expect(!listed.output.contains(id), "the full resident ID is never printed")
        #expect((array.first?["detected_at"] as? String)?.hasSuffix("+08:00") == true)

        let token = folder.path("a.token")
        try TestHub.token("360102").write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let endpoint = "http://127.0.0.1:\(running.port)/api/v1/batches"
        let pulled = try await HubProcess.run(["sync", "pull-conflicts", "--db", a.database.path, "--endpoint", endpoint,
                                               "--token-file", token, "--format", "json"], folder: folder)
        #expect(pulled.code == 0, "\(pulled.output)")
        let shown = try await HubProcess.run(["sync", "conflicts", "--db", a.database.path, "--format", "json"], folder: folder)
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [[String: Any]])
        #expect(kept.map { $0["kind"] as? String } == ["duplicate_enrolment"])
        #expect((kept.first?["records"] as? [[String: Any]])?.map { $0["uuid"] as? String } == [mine.enrolment.uuid])
    }

    @Test func theSyncDaemonBringsConflictsBackEachCycle() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder)
        let b = try TestCounty(code: "360103", folder: folder)
        let id = WireRecord.residentID(born: "2011-05-01", serial: 11)
        let mine = ConflictTests.girl(id: id, county: "360102"), theirs = ConflictTests.girl(id: id, county: "360103")
        try a.enqueue([mine.person, mine.enrolment])
        try await a.push(port: running.port)
        try b.enqueue([theirs.person, theirs.enrolment])
        let token = folder.path("b.token")
        try TestHub.token("360103").write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let daemon = try HubProcess(["sync", "run", "--db", b.database.path, "--endpoint", "http://127.0.0.1:\(running.port)/api/v1/batches",
                                     "--token-file", token, "--interval", "0.2"], log: folder.url.appendingPathComponent("daemon.log"))
        try daemon.start()
        defer { daemon.kill9() }
        // The daemon pushes 360103's girl, the hub finds her enrolled twice, the next cycle brings it back.
        try await poll("the conflict pulled by sync run") {
            try b.database.read { try ConflictRecords.list($0) }.map(\.kind) == ["duplicate_enrolment"]
        }
        #expect(try b.status().sent == 2)
    }
}
