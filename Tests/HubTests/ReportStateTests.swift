import Foundation
import Hub
import ScreenVaxCore
import Testing

/// The reports' state kept at ingest against the reports worked out from the records alone: a
/// random register of two counties, pushed in small batches in an awkward order (results before
/// their pregnancies, people after their doses), then changed (a resident ID corrected, refusals
/// lifted, pregnancies closed), gives the same reports both ways after every round, and after
/// `hub serve` judges the state again from scratch.
@Suite(.timeLimit(.minutes(5))) struct ReportStateTests {
    static let a = "360102", b = "360702"

    /// SplitMix64: the same register on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func day(_ base: String, _ offset: Int) -> String {
        (CalendarDate(iso: base) ?? CalendarDate(dayNumber: 0)).addingDays(offset).iso
    }

    /// Round 1 and 2 (A's records, B's records), then round 3: the changes.
    static func register() -> (a: [WireRecord], b: [WireRecord], changes: [WireRecord], changesB: [WireRecord]) {
        var rng = Seeded(state: 20_231_231)
        var a: [WireRecord] = [], b: [WireRecord] = [], changes: [WireRecord] = [], changesB: [WireRecord] = []
        // Girls: some on both counties' rosters, some without a resident ID.
        for i in 0..<40 {
            let born = day("2008-10-01", Int.random(in: 0...1400, using: &rng))
            let id: String? = i % 7 == 3 ? nil : WireRecord.residentID(born: born, serial: i)
            let both = i % 5 == 0 && id != nil
            for n in 0..<(both ? 2 : 1) {
                let county = n == 0 ? ReportStateTests.a : ReportStateTests.b
                var records: [WireRecord] = []
                let person = WireRecord.person(id: id, born: born)
                records.append(.rosterEntry(person: person.uuid, county: county,
                                            consent: ["given", "given", "declined", "unknown"][Int.random(in: 0...3, using: &rng)],
                                            prior: Int.random(in: 0...20, using: &rng) == 0))
                var date = day("2020-03-01", Int.random(in: 0...1500, using: &rng))
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    records.append(.dose(person: person.uuid, date: date,
                                         product: ["cecolin", "walrinvax", "gardasil9", "cecolin"][Int.random(in: 0...3, using: &rng)],
                                         historical: Int.random(in: 0...6, using: &rng) == 0))
                    date = day(date, Int.random(in: 150...230, using: &rng))
                }
                // The person after her enrolment and doses: they wait for her.
                records.append(person)
                if n == 0 { a += records } else { b += records }
                if i % 6 == 1 && n == 0 {
                    // Her resident ID corrected to another girl's.
                    changes.append(.person(person.uuid, version: 2, id: WireRecord.residentID(born: born, serial: i + 1), born: born))
                }
            }
        }
        // Women: some registered in both counties (LMPs close or far apart), results before
        // their pregnancies, newborns with and without IDs, refusals, recall cases.
        for i in 0..<30 {
            let id: String? = i % 9 == 4 ? nil : WireRecord.residentID(born: "1994-03-0\(1 + i % 9)", serial: 100 + i)
            let lmp = day("2022-11-01", Int.random(in: 0...300, using: &rng))
            let both = i % 4 == 0 && id != nil
            var pregnancies: [(String, String)] = []
            for n in 0..<(both ? 2 : 1) {
                let county = n == 0 ? ReportStateTests.a : ReportStateTests.b
                var records: [WireRecord] = []
                let woman = WireRecord.person(id: id, name: "王芳", born: "1994-03-01")
                let myLMP = n == 0 ? lmp : day(lmp, Int.random(in: -60...60, using: &rng))
                let outcome: String? = [nil, "live_birth", "live_birth", "miscarriage", "stillbirth"][Int.random(in: 0...4, using: &rng)]
                let closed: String? = outcome.map { _ in day(myLMP, Int.random(in: 90...290, using: &rng)) }
                let pregnancy = WireRecord.pregnancy(person: woman.uuid, county: county, lmp: myLMP, edd: day(myLMP, 280),
                                                     registered: day(myLMP, Int.random(in: 30...90, using: &rng)),
                                                     outcome: outcome, closed: closed)
                pregnancies.append((county, pregnancy.uuid))
                for service in ["nt", "serum", "thal_gene", "anomaly_us"] where Int.random(in: 0...3, using: &rng) > 0 {
                    for attempt in 1...Int.random(in: 1...2, using: &rng) {
                        let result = WireRecord.result(service: service, pregnancy: pregnancy.uuid, county: county,
                                                       date: day(myLMP, 70 + 7 * attempt + Int.random(in: 0...40, using: &rng)),
                                                       outcome: ["negative", "positive", "rescreen", "not_assessable", "negative"][Int.random(in: 0...4, using: &rng)],
                                                       attempt: attempt, subsidised: Int.random(in: 0...4, using: &rng) > 0)
                        records.append(result)
                        if Int.random(in: 0...3, using: &rng) == 0 {
                            let c = WireRecord.uuid()
                            records.append(.recallStep(caseUUID: c, caseVersion: 1, result: result.uuid, service: service, step: "opened",
                                                       stage: "opened", date: day(myLMP, 120)))
                            if Int.random(in: 0...1, using: &rng) == 0 {
                                records.append(.recallStep(caseUUID: c, caseVersion: 2, result: result.uuid, service: service, step: "diagnosed",
                                                           stage: "diagnosed", date: day(myLMP, 130),
                                                           outcome: Int.random(in: 0...1, using: &rng) == 0 ? "confirmed" : "excluded"))
                            }
                        }
                    }
                }
                if Int.random(in: 0...2, using: &rng) == 0 {
                    let decline = WireRecord.decline(subjectUUID: pregnancy.uuid, service: "serum", county: county, on: day(myLMP, 60))
                    records.append(decline)
                    if Int.random(in: 0...1, using: &rng) == 0 {
                        let lifted = WireRecord.decline(decline.uuid, version: 2, subjectUUID: pregnancy.uuid, service: "serum",
                                                        county: county, on: day(myLMP, 60), lifted: day(myLMP, 80))
                        if n == 0 { changes.append(lifted) } else { changesB.append(lifted) }
                    }
                }
                records += [woman, pregnancy]
                if outcome == "live_birth", let closed {
                    let babyID: String? = i % 3 == 0 ? WireRecord.residentID(born: closed, serial: 300 + i) : nil
                    let baby = WireRecord.person(id: babyID, name: "王宝", born: closed)
                    let newborn = WireRecord.newborn(pregnancy: pregnancy.uuid, person: baby.uuid, county: county, born: closed)
                    for service in ["hearing", "metabolic", "chd"] where Int.random(in: 0...2, using: &rng) > 0 {
                        records.append(.result(service: service, pregnancy: pregnancy.uuid, newborn: newborn.uuid, county: county,
                                               date: day(closed, 2), outcome: ["negative", "rescreen"][Int.random(in: 0...1, using: &rng)]))
                    }
                    records += [baby, newborn]
                }
                if n == 0 { a += records } else { b += records }
            }
            // Her pregnancy in A closed later.
            if i % 5 == 2, let (county, uuid) = pregnancies.first, let person = personOf(uuid, in: a) {
                changes.append(.pregnancy(uuid, version: 2, person: person, county: county, lmp: lmp, edd: day(lmp, 280),
                                          registered: day(lmp, 40), outcome: "live_birth", closed: day(lmp, 275)))
            }
        }
        return (a, b, changes, changesB)
    }

    /// The person a pregnancy record names.
    static func personOf(_ pregnancy: String, in records: [WireRecord]) -> String? {
        guard let record = records.first(where: { $0.uuid == pregnancy }),
              let object = try? JSONSerialization.jsonObject(with: Data(record.payload.utf8)) as? [String: Any] else { return nil }
        return object["person_uuid"] as? String
    }

    /// Both reports as JSON: from the kept state, then with the state set aside.
    /// Two counties' records pushed to a new hub in one order, then in the other: the kept reports
    /// of each hub (checked against the reports worked from the records), after `check` has looked
    /// at the hub.
    static func reportsInBothOrders(_ a: (code: String, records: [WireRecord]), _ b: (code: String, records: [WireRecord]),
                                    check: (TestHub) async throws -> Void = { _ in }) async throws -> [[String]] {
        let folder = try TempFolder()
        var kept: [[String]] = []
        for order in [[a, b], [b, a]] {
            let hub = try await TestHub.make(counties: [a.code, b.code])
            let running = try await hub.start()
            defer { Task { await running.stop() } }
            for (code, records) in order {
                let county = try TestCounty(code: code, folder: folder)
                try county.enqueue(records)
                #expect(try await county.push(port: running.port).rejected == 0)
            }
            let both = try await Self.reports(hub)
            #expect(both.kept == both.worked)
            kept.append(both.kept)
            try await check(hub)
        }
        return kept
    }

    static func reports(_ hub: TestHub) async throws -> (kept: [String], worked: [String]) {
        let p = try HubProgrammes.load(schemas: schemasURL)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func both() async throws -> [String] {
            var out: [String] = []
            for asOf in ["2022-01-01", "2023-10-31", "2024-06-30", "2030-01-01"] {
                let report = try await HubHPVReport.run(hub.database, programme: p.hpv, plan: p.hpvPlan, divisions: p.divisions,
                                                        asOf: try #require(CalendarDate(iso: asOf)))
                out.append(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
            for (from, to) in [("2023-01-01", "2023-12-31"), ("2023-06-01", "2024-05-31")] {
                let report = try await HubScreeningReport.run(hub.database, programme: p.screening, plan: p.screeningPlan,
                                                              divisions: p.divisions, from: try #require(CalendarDate(iso: from)),
                                                              to: try #require(CalendarDate(iso: to)))
                out.append(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
            return out
        }
        #expect(try await hub.count("SELECT count(*) FROM hub_report_state WHERE name IN ('hpv', 'screening')") == 2,
                "both reports read kept state")
        let kept = try await both()
        _ = try await hub.strings("UPDATE hub_report_state SET rules = 'set aside: ' || rules RETURNING name")
        let worked = try await both()
        _ = try await hub.strings("UPDATE hub_report_state SET rules = substr(rules, 12) RETURNING name")
        return (kept, worked)
    }

    @Test func theKeptStateGivesTheReportsOfTheRecords() async throws {
        let hub = try await TestHub.make(counties: [ReportStateTests.a, ReportStateTests.b])
        let folder = try TempFolder()
        let a = try TestCounty(code: ReportStateTests.a, folder: folder), b = try TestCounty(code: ReportStateTests.b, folder: folder)
        let (aRecords, bRecords, changes, changesB) = ReportStateTests.register()
        do {
            let running = try await hub.start()
            defer { Task { await running.stop() } }
            for (county, records) in [(a, aRecords), (b, bRecords), (a, changes), (b, changesB)] {
                try county.enqueue(records)
                let pushed = try await county.push(port: running.port, batch: 7)
                #expect(pushed.rejected == 0)
                let (kept, worked) = try await ReportStateTests.reports(hub)
                #expect(kept == worked)
            }
            #expect(try await hub.count("SELECT count(*) FROM hub_hpv_girls") > 30)
            #expect(try await hub.count("SELECT count(*) FROM hub_screening_figures") > 30)
        }
        // Judged again from scratch when the rules it was judged by are not the programme's.
        let before = try await ReportStateTests.reports(hub).kept
        _ = try await hub.strings("UPDATE hub_report_state SET rules = 'older rules' RETURNING name")
        let restarted = try await hub.start()
        defer { Task { await restarted.stop() } }
        let after = try await ReportStateTests.reports(hub)
        #expect(after.kept == before && after.worked == before)
    }
}
