import Foundation
import HPV
import Hub
import ScreenVaxCore
import Testing

/// `hub report hpv` against a fixture computed by hand (the expected figures are written out
/// girl by girl below), and the SQL judging of doses against HPV's own DoseEvaluator.
@Suite(.timeLimit(.minutes(3))) struct HPVReportTests {
    static let asOf = CalendarDate(year: 2024, month: 5, day: 6)!

    /// 东湖区 (360102, 南昌市, split 3:7) and 章贡区 (360702, 赣州市, western extension 4:6).
    static func fixture() -> (a: [WireRecord], b: [WireRecord]) {
        var a: [WireRecord] = [], b: [WireRecord] = []
        func girl(_ into: inout [WireRecord], county: String, serial: Int?, born: String = "2011-05-01", consent: String = "given",
                  doses: [(String, String, Bool)] = []) -> String {
            let p = WireRecord.person(id: serial.map { WireRecord.residentID(born: born, serial: $0) }, born: born)
            into += [p, .rosterEntry(person: p.uuid, county: county, consent: consent)]
            for (date, product, historical) in doses { into.append(.dose(person: p.uuid, date: date, product: product, historical: historical)) }
            return p.uuid
        }
        // g1 (A): 6 months apart: complete. An AEFI, serious.
        let g1 = girl(&a, county: "360102", serial: 2, doses: [("2023-10-10", "cecolin", false), ("2024-04-10", "cecolin", false)])
        a.append(aefi(person: g1, onset: "2023-10-11T09:00+08:00", serious: true))
        // g2 (A): the second dose one day too soon (6 months after 10 Oct is 10 Apr): dose 1 only.
        _ = girl(&a, county: "360102", serial: 4, doses: [("2023-10-10", "cecolin", false), ("2024-04-09", "walrinvax", false)])
        // g3 (A): declined: on the roster, not eligible.
        _ = girl(&a, county: "360102", serial: 6, consent: "declined")
        // g4: enrolled in A and in B, received the same day: counted once, in B (the higher code);
        // dose 1 given in A and dose 2 in B are one series: complete in B. Her AEFI counts in B.
        let g4a = girl(&a, county: "360102", serial: 8, doses: [("2023-10-12", "cecolin", false)])
        a.append(aefi(person: g4a, onset: "2023-10-13T10:00+08:00", serious: false))
        // g8 (A): no resident ID: her county's own; one dose.
        _ = girl(&a, county: "360102", serial: nil, doses: [("2023-11-01", "walrinvax", false)])
        // g9 (A): her second dose is after the as-of date: dose 1 only.
        _ = girl(&a, county: "360102", serial: 10, doses: [("2023-10-10", "cecolin", false), ("2024-05-10", "cecolin", false)])
        // g10 (A): 31 Aug + 6 months is 1 March (roll forward): 29 Feb is too soon, and it restarts
        // the interval, so 1 March is too soon as well: dose 1 only.
        _ = girl(&a, county: "360102", serial: 12, doses: [("2023-08-31", "cecolin", false), ("2024-02-29", "cecolin", false),
                                                            ("2024-03-01", "cecolin", false)])
        _ = girl(&b, county: "360702", serial: 8, doses: [("2024-04-12", "cecolin", false)])
        // g5 (B): born 2008: 15 on the cut-off day: not eligible.
        _ = girl(&b, county: "360702", serial: 14, born: "2008-06-01", doses: [("2023-10-10", "cecolin", false)])
        // g6 (B): a 9-valent dose: not a programme product: no dose 1 (but consented).
        _ = girl(&b, county: "360702", serial: 16, doses: [("2023-10-10", "gardasil9", false)])
        // g7 (B): dose 1 historical (valid, not the programme's); dose 2 given: one programme dose.
        _ = girl(&b, county: "360702", serial: 18, doses: [("2023-09-01", "cecolin", true), ("2024-03-01", "cecolin", false)])
        return (a, b)
    }

    static func aefi(person: String, onset: String, serious: Bool) -> WireRecord {
        let uuid = WireRecord.uuid()
        var w = JSONWriter()
        w.string("uuid", uuid); w.int("version", 1); w.string("dose_uuid", WireRecord.uuid()); w.string("person_uuid", person)
        w.string("onset", onset); w.strings("symptoms", ["fever"]); w.bool("serious", serious); w.string("outcome", "recovered")
        w.string("reporter", "门诊")
        return WireRecord(type: "aefi", uuid: uuid, version: 1, payload: w.finished())
    }

    @Test func theProvinceReportMatchesTheFiguresWorkedOutByHand() async throws {
        let hub = try await TestHub.make(counties: ["360102", "360702"])
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder), b = try TestCounty(code: "360702", folder: folder)
        let (aRecords, bRecords) = HPVReportTests.fixture()
        try a.enqueue(aRecords)
        try b.enqueue(bRecords)
        try await a.push(port: running.port)
        try await b.push(port: running.port)

        let p = try HubProgrammes.load(schemas: schemasURL)
        let report = try await HubHPVReport.run(hub.database, programme: p.hpv, plan: p.hpvPlan, divisions: p.divisions, asOf: HPVReportTests.asOf)

        let dongHu = try #require(report.counties.first { $0.countyCode == "360102" })
        // g1 g2 g3 g8 g9 g10; g3 declined; all others consented; dose 1: g1 g2 g8 g9 g10; complete: g1;
        // programme doses: g1 2, g2 1, g8 1, g9 1, g10 1 = 6 at 318 yuan, split 3:7.
        let aFigures: [Int] = [dongHu.roster, dongHu.eligible, dongHu.consented, dongHu.dose1, dongHu.complete, dongHu.programmeDoses]
        #expect(aFigures == [6, 5, 5, 5, 1, 6])
        #expect(dongHu.cost == 1908 && dongHu.provinceShare == 572.4 && dongHu.localShare == 1335.6)
        #expect(dongHu.aefi == 1 && dongHu.aefiSerious == 1)
        let zhangGong = try #require(report.counties.first { $0.countyCode == "360702" })
        // g4 g5 g6 g7; g5 over age; dose 1: g4 (g6 not a programme product, g7's historical);
        // complete: g4; programme doses: g4 2, g7 1 = 3 at 318 yuan, split 4:6.
        let bFigures: [Int] = [zhangGong.roster, zhangGong.eligible, zhangGong.consented, zhangGong.dose1, zhangGong.complete, zhangGong.programmeDoses]
        #expect(bFigures == [4, 3, 3, 1, 1, 3])
        #expect(zhangGong.cost == 954 && zhangGong.provinceShare == 381.6 && zhangGong.localShare == 572.4)
        #expect(zhangGong.aefi == 1 && zhangGong.aefiSerious == 0)

        let nanchang = try #require(report.cities.first { $0.cityCode == "360100" })
        #expect(nanchang.target == 30000 && nanchang.complete == 1 && nanchang.coverage == 1.0 / 30000)
        let ganzhou = try #require(report.cities.first { $0.cityCode == "360700" })
        #expect(ganzhou.target == 50000 && ganzhou.dose1 == 1 && ganzhou.complete == 1)
        #expect(report.cities.count == p.hpvPlan.count, "every city of the plan has a line")
        #expect(report.totals.roster == 10 && report.totals.complete == 2 && report.totals.target == 248_000)
    }

    /// A girl on two counties' rosters the same day, pushed in both orders, and one on her own
    /// county's roster twice in one batch: the same report whichever batch the hub received first,
    /// from the kept register and from the records alike. By the instant received, the county
    /// that pushed last would count her.
    @Test func aGirlEnrolledTheSameDayInTwoCountiesIsCountedWhateverTheArrivalOrder() async throws {
        let (a, b) = ("360102", "360702")
        let id = WireRecord.residentID(born: "2011-05-01", serial: 30)
        let inA = WireRecord.person(id: id), inB = WireRecord.person(id: id)
        let aRecords = [inA, .rosterEntry(person: inA.uuid, county: a, consent: "given"), .dose(person: inA.uuid, date: "2023-10-10")]
        let bRecords = [inB, .rosterEntry(person: inB.uuid, county: b, consent: "declined")]
        // Twice on A's roster: the higher uuid's enrolment (consent given) counts.
        let twice = WireRecord.person(id: WireRecord.residentID(born: "2011-05-01", serial: 32))
        let twiceRecords = [twice, .rosterEntry("ffffffff-0000-4000-8000-000000000000", person: twice.uuid, county: a, consent: "given"),
                            .rosterEntry("00000000-0000-4000-8000-000000000000", person: twice.uuid, county: a, consent: "declined")]
        let p = try HubProgrammes.load(schemas: schemasURL)
        let reports = try await ReportStateTests.reportsInBothOrders((a, aRecords + twiceRecords), (b, bRecords)) { hub in
            // The same day: the higher county code, B, counts her (declined there: not eligible).
            let report = try await HubHPVReport.run(hub.database, programme: p.hpv, plan: p.hpvPlan, divisions: p.divisions,
                                                    asOf: HPVReportTests.asOf)
            let lineA = try #require(report.counties.first { $0.countyCode == a })
            let lineB = try #require(report.counties.first { $0.countyCode == b })
            let figures: [[Int]] = [[lineA.roster, lineA.eligible, lineA.dose1], [lineB.roster, lineB.eligible, lineB.dose1]]
            #expect(figures == [[1, 1, 0], [1, 0, 0]])
        }
        #expect(reports.count == 2 && reports[0] == reports[1])
    }

    @Test func theJSONHasTheKeysOfTheCountyReport() async throws {
        let hub = try await TestHub.make()
        let folder = try TempFolder()
        let run = try await HubProcess.run(["hub", "report", "hpv", "--postgres", hub.url.description, "--as-of", "2024-05-06",
                                            "--format", "json"], folder: folder)
        #expect(run.code == 0, "\(run.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["as_of", "programme", "cities", "counties", "totals"])
        let city = try #require((object["cities"] as? [[String: Any]])?.first)
        for key in ["city_code", "target", "dose1", "complete", "coverage"] { #expect(city.keys.contains(key), "\(key)") }
        #expect(Set(city.keys) == Set((object["totals"] as? [String: Any] ?? [:]).keys))
    }

    /// Dose histories at and around every boundary of the programme's series, judged by the
    /// county's DoseEvaluator and by the hub's SQL: the same doses count.
    @Test("doses judged alike", arguments: [
        ["2020-05-01"],                                 // 9th birthday: the youngest valid dose 1
        ["2020-04-30"],                                 // the day before: too young
        ["2025-04-30"],                                 // the day before the 14th birthday
        ["2025-05-01"],                                 // on it: too old for dose 1
        ["2023-10-10", "2024-04-10"],                   // exactly 6 months
        ["2023-10-10", "2024-04-09"],                   // a day short
        ["2023-10-10", "2024-04-09", "2024-10-09"],     // a too-soon dose restarts the interval
        ["2023-10-10", "2024-04-09", "2024-10-08"],
        ["2025-04-30", "2026-04-30"],                   // dose 2 on the day before the 15th birthday
        ["2025-04-30", "2026-05-01"],                   // on the 15th birthday: too late
        ["2020-04-30", "2020-10-30"],                   // too young, then 6 months later: dose 1 only
        ["2023-10-10", "2024-04-10", "2024-10-10"],     // a third dose: extra
    ])
    func dosesJudgedAlike(dates: [String]) async throws {
        let hub = try await TestHub.make()
        let p = try HubProgrammes.load(schemas: schemasURL)
        let born = CalendarDate(year: 2011, month: 5, day: 1)!
        let facts = dates.map { DoseFact(date: CalendarDate(iso: $0)!, product: "cecolin", expiry: CalendarDate(year: 2030, month: 1, day: 1)!) }
        let county = DoseEvaluator.evaluate(birthDate: born, doses: facts, inProgramme: true, programme: p.hpv)
        let expectedDose1 = county.contains { $0.countsForProgramme && $0.number == 1 }
        let expectedCounted = county.filter(\.countsForProgramme).count

        let person = WireRecord.person(id: WireRecord.residentID(born: "2011-05-01", serial: 20), born: "2011-05-01")
        let records = [person, .rosterEntry(person: person.uuid, county: "360102")]
            + dates.map { WireRecord.dose(person: person.uuid, date: $0, expiry: "2030-01-01") }
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let token = TestHub.token("360102")
        let response = try await RawHTTP.post(port: running.port, token: token, key: UUID().uuidString, body: RawHTTP.batch(records))
        #expect(response.status == 200)
        let report = try await HubHPVReport.run(hub.database, programme: p.hpv, plan: p.hpvPlan, divisions: p.divisions,
                                                asOf: CalendarDate(year: 2030, month: 1, day: 1)!)
        let line = try #require(report.counties.first)
        #expect(line.dose1 == (expectedDose1 ? 1 : 0), "\(dates): county says \(county.map { "\($0.number) \($0.valid) \($0.reason?.rawValue ?? "")" })")
        #expect(line.programmeDoses == expectedCounted, "\(dates)")
        #expect(line.complete == (expectedCounted >= p.hpv.doseCount ? 1 : 0))
    }
}
