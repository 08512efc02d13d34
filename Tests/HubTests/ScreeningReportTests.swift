import Foundation
import Hub
import ScreenVaxCore
import Screening
import Testing

/// `hub report screening` against a fixture computed by hand (docs/screening-rates.md), with a
/// pregnancy and a newborn each registered in two counties.
@Suite(.timeLimit(.minutes(3))) struct ScreeningReportTests {
    static func mother(_ into: inout [WireRecord], county: String, id: String, lmp: String, edd: String, registered: String,
                       outcome: String? = nil, closed: String? = nil) -> String {
        let p = WireRecord.person(id: id, name: "王芳", born: "1995-01-01")
        let g = WireRecord.pregnancy(person: p.uuid, county: county, lmp: lmp, edd: edd, registered: registered, outcome: outcome, closed: closed)
        into += [p, g]
        return g.uuid
    }

    /// A woman registered the same day in two counties, and her baby (with her own ID) in both,
    /// pushed in both orders: the same reports whichever county's batch the hub received first,
    /// from the kept state and from the records alike. By the instant received, the county that
    /// pushed last would count them.
    @Test func registrationsTheSameDayInTwoCountiesCountWhateverTheArrivalOrder() async throws {
        let (a, b) = ("360102", "360702")
        let woman = WireRecord.residentID(born: "1995-01-01", serial: 40), babyID = WireRecord.residentID(born: "2023-11-01", serial: 42)
        func records(_ county: String) -> [WireRecord] {
            var out: [WireRecord] = []
            let g = ScreeningReportTests.mother(&out, county: county, id: woman, lmp: "2023-02-01", edd: "2023-11-08",
                                                registered: "2023-03-01", outcome: "live_birth", closed: "2023-11-01")
            let baby = WireRecord.person(id: babyID, name: "李宝", born: "2023-11-01")
            let n = WireRecord.newborn(pregnancy: g, person: baby.uuid, county: county, born: "2023-11-01")
            out += [baby, n, .result(service: county == a ? "nt" : "serum", pregnancy: g, county: county, date: "2023-04-25")]
            return out
        }
        let reports = try await ReportStateTests.reportsInBothOrders((a, records(a)), (b, records(b)))
        #expect(reports.count == 2 && reports[0] == reports[1])
    }

    @Test func theProvinceRatesMatchTheFiguresWorkedOutByHand() async throws {
        let hub = try await TestHub.make(counties: ["360102", "360702"])
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let a = try TestCounty(code: "360102", folder: folder), b = try TestCounty(code: "360702", folder: folder)
        var ra: [WireRecord] = [], rb: [WireRecord] = []
        func id(_ serial: Int, born: String = "1995-01-01") -> String { WireRecord.residentID(born: born, serial: serial) }
        // W1 (A): delivered 2023-12-05. NT negative; serum positive, recalled, diagnosis confirmed;
        // she refused the anomaly scan, then the refusal was lifted (version 2).
        let w1 = ScreeningReportTests.mother(&ra, county: "360102", id: id(2), lmp: "2023-03-01", edd: "2023-12-06", registered: "2023-04-01",
                                             outcome: "live_birth", closed: "2023-12-05")
        ra.append(.result(service: "nt", pregnancy: w1, county: "360102", date: "2023-05-25"))
        let serum = WireRecord.result(service: "serum", pregnancy: w1, county: "360102", date: "2023-06-15", outcome: "positive")
        ra.append(serum)
        let c1 = WireRecord.uuid()
        for (v, step, stage, outcome) in [(1, "opened", "opened", nil), (2, "contact", "contacted", "reached"),
                                          (3, "diagnosed", "diagnosed", "confirmed")] as [(Int, String, String, String?)] {
            ra.append(.recallStep(caseUUID: c1, caseVersion: v, result: serum.uuid, service: "serum", step: step, stage: stage,
                                  date: "2023-06-2\(v)", outcome: outcome))
        }
        let lifted = WireRecord.uuid()
        ra += [.decline(lifted, subjectUUID: w1, service: "anomaly_us", county: "360102", on: "2023-06-20"),
               .decline(lifted, version: 2, subjectUUID: w1, service: "anomaly_us", county: "360102", on: "2023-06-20", lifted: "2023-07-01")]
        // W2: registered in A, then (LMP 10 days apart) in B, which counts; delivered 2023-12-20.
        // A's NT counts for her in B, and so does her refusal of the thalassaemia test made in A;
        // her refusal of NT made in B does not count: she was screened.
        let w2a = ScreeningReportTests.mother(&ra, county: "360102", id: id(4), lmp: "2023-03-10", edd: "2023-12-15", registered: "2023-04-01")
        ra.append(.result(service: "nt", pregnancy: w2a, county: "360102", date: "2023-06-01"))
        ra.append(.decline(subjectUUID: w2a, service: "thal_gene", county: "360102", on: "2023-04-02"))
        let w2b = ScreeningReportTests.mother(&rb, county: "360702", id: id(4), lmp: "2023-03-20", edd: "2023-12-25", registered: "2023-05-01",
                                              outcome: "live_birth", closed: "2023-12-20")
        rb.append(.result(service: "serum", pregnancy: w2b, county: "360702", date: "2023-07-01"))
        rb.append(.decline(subjectUUID: w2b, service: "nt", county: "360702", on: "2023-05-02"))
        // W3 (B): a miscarriage is no delivery: registered, in no denominator.
        _ = ScreeningReportTests.mother(&rb, county: "360702", id: id(6), lmp: "2023-03-01", edd: "2023-12-06", registered: "2023-04-10",
                                        outcome: "miscarriage", closed: "2023-05-05")
        // W4 (A): delivered 2023-11-01; an NT that could not be assessed (not screened, but
        // claimed); she refused the serum test.
        let w4 = ScreeningReportTests.mother(&ra, county: "360102", id: id(8), lmp: "2023-02-01", edd: "2023-11-08", registered: "2023-03-01",
                                             outcome: "live_birth", closed: "2023-11-01")
        ra.append(.result(service: "nt", pregnancy: w4, county: "360102", date: "2023-04-25", outcome: "not_assessable"))
        ra.append(.decline(subjectUUID: w4, service: "serum", county: "360102", on: "2023-05-01"))
        // W5 (A): registered in 2022, delivered 2023-07-30: in this year's denominator, not in
        // `registered`. Her results predate the implementation phase (never claimed); her serum's
        // first screen was negative, a later one positive: a positive, not an initial positive.
        let w5 = ScreeningReportTests.mother(&ra, county: "360102", id: id(10), lmp: "2022-10-25", edd: "2023-08-01", registered: "2022-12-20",
                                             outcome: "live_birth", closed: "2023-07-30")
        ra.append(.result(service: "nt", pregnancy: w5, county: "360102", date: "2023-01-10", subsidised: false))
        ra.append(.result(service: "serum", pregnancy: w5, county: "360102", date: "2023-03-01", subsidised: false))
        ra.append(.result(service: "serum", pregnancy: w5, county: "360102", date: "2023-03-20", outcome: "positive", subsidised: false))
        // W6 (A): registered in October, not delivered yet: registered only; her positive NT is
        // claimed but in no rate.
        let w6 = ScreeningReportTests.mother(&ra, county: "360102", id: id(14), lmp: "2023-08-01", edd: "2024-05-07", registered: "2023-10-01")
        ra.append(.result(service: "nt", pregnancy: w6, county: "360102", date: "2023-10-25", outcome: "positive"))
        // N1 (A): W1's baby, hearing first screen refers (rescreen): screened, an initial positive.
        let baby1 = WireRecord.person(id: nil, name: "王宝", born: "2023-12-05")
        let n1 = WireRecord.newborn(pregnancy: w1, person: baby1.uuid, county: "360102", born: "2023-12-05")
        ra += [baby1, n1, .result(service: "hearing", pregnancy: w1, newborn: n1.uuid, county: "360102", date: "2023-12-07", outcome: "rescreen")]
        // N2: one baby with her own ID, registered in A and then in B (which counts); A's heel
        // prick counts for her in B and is claimed by A; B screened her heart.
        let n2id = id(12, born: "2023-11-01")
        let baby2a = WireRecord.person(id: n2id, name: "李宝", born: "2023-11-01")
        let n2a = WireRecord.newborn(pregnancy: w4, person: baby2a.uuid, county: "360102", born: "2023-11-01")
        ra += [baby2a, n2a, .result(service: "metabolic", pregnancy: w4, newborn: n2a.uuid, county: "360102", date: "2023-11-05")]
        let baby2b = WireRecord.person(id: n2id, name: "李宝", born: "2023-11-01")
        let n2b = WireRecord.newborn(pregnancy: w2b, person: baby2b.uuid, county: "360702", born: "2023-11-01")
        rb += [baby2b, n2b, .result(service: "chd", pregnancy: w2b, newborn: n2b.uuid, county: "360702", date: "2023-11-01")]
        try a.enqueue(ra)
        try b.enqueue(rb)
        let pushedA = try await a.push(port: running.port), pushedB = try await b.push(port: running.port)
        #expect(pushedA.rejected == 0 && pushedB.rejected == 0, "the hub stores refusals")

        let p = try HubProgrammes.load(schemas: schemasURL)
        let report = try await HubScreeningReport.run(hub.database, programme: p.screening, plan: p.screeningPlan, divisions: p.divisions,
                                                      from: CalendarDate(year: 2023, month: 1, day: 1)!, to: CalendarDate(year: 2023, month: 12, day: 31)!)
        func figures(_ county: String, _ service: String) -> [Int] {
            guard let s = report.counties.first(where: { $0.code == county })?.services.first(where: { $0.service == service }) else { return [] }
            return [s.denominator, s.screened, s.positives, s.initialPositives, s.recalled, s.diagnosed, s.confirmed, s.declined]
        }
        // [denominator, screened, positives, initial_positives, recalled, diagnosed, confirmed, declined]
        // A's deliveries: W1, W4, W5 (W2 counts in B); its live births: N1 (N2 counts in B).
        #expect(figures("360102", "nt") == [3, 2, 0, 0, 0, 0, 0, 0])          // W1, W5; W4 not assessable
        #expect(figures("360102", "serum") == [3, 2, 2, 1, 1, 1, 1, 1])       // W1 positive first, W5 later; W4 refused
        #expect(figures("360102", "anomaly_us") == [3, 0, 0, 0, 0, 0, 0, 0])  // W1's refusal was lifted
        #expect(figures("360102", "thal_gene") == [3, 0, 0, 0, 0, 0, 0, 0])
        #expect(figures("360102", "hearing") == [1, 1, 0, 1, 0, 0, 0, 0])     // N1's refer: screened, initial positive
        #expect(figures("360102", "metabolic") == [1, 0, 0, 0, 0, 0, 0, 0])
        // B's deliveries: W2 (W3 miscarried); its live births: N2.
        #expect(figures("360702", "nt") == [1, 1, 0, 0, 0, 0, 0, 0])          // by A's scan; her refusal in B does not count
        #expect(figures("360702", "serum") == [1, 1, 0, 0, 0, 0, 0, 0])
        #expect(figures("360702", "thal_gene") == [1, 0, 0, 0, 0, 0, 0, 1])   // her refusal made in A
        #expect(figures("360702", "metabolic") == [1, 1, 0, 0, 0, 0, 0, 0])   // by A's heel prick
        #expect(figures("360702", "chd") == [1, 1, 0, 0, 0, 0, 0, 0])
        let aNT = try #require(report.counties.first { $0.code == "360102" }?.services.first { $0.service == "nt" })
        let bNT = try #require(report.counties.first { $0.code == "360702" }?.services.first { $0.service == "nt" })
        let aHearing = try #require(report.counties.first { $0.code == "360102" }?.services.first { $0.service == "hearing" })
        #expect(aNT.registered == 3 && bNT.registered == 2, "A: W1, W4, W6 (W2 counts in B, W5 in 2022); B: W2, W3")
        #expect(aNT.denominatorBasis == "deliveries" && aHearing.denominatorBasis == "live_births" && aHearing.registered == nil)
        // Claims: A: NT for W1, W2 (its own scan), W4, W6 (4 × 100), W1's serum 190, N1's hearing 40,
        // N2's heel prick 100 = 730 (W5's results predate the phase); B: W2's serum 190, N2's heart 12 = 202.
        let aBill = try #require(report.counties.first { $0.code == "360102" })
        let bBill = try #require(report.counties.first { $0.code == "360702" })
        #expect(aBill.subsidyTotal == 730 && aBill.subsidyProvince == 219 && aBill.subsidyLocal == 511)
        #expect(bBill.subsidyTotal == 202 && bBill.subsidyProvince == 80.8 && bBill.subsidyLocal == 121.2)
        #expect(report.subsidyTotal == 932 && report.subsidyProvince == 299.8 && report.subsidyLocal == 632.2)
        let nt = try #require(report.services.first { $0.service == "nt" })
        #expect(nt.denominator == 4 && nt.screened == 3 && nt.registered == 5 && nt.planned == p.screeningPlan.planned(city: nil, column: "prenatal"))
        #expect(report.cities.map(\.code) == ["360100", "360700"])
        #expect(report.cities.first?.services.first { $0.service == "nt" }?.planned == 21200)
    }

    @Test func theJSONHasTheKeysOfTheCountyReport() async throws {
        let hub = try await TestHub.make()
        let folder = try TempFolder()
        let run = try await HubProcess.run(["hub", "report", "screening", "--postgres", hub.url.description, "--from", "2023-01-01",
                                            "--to", "2023-12-31", "--format", "json"], folder: folder)
        #expect(run.code == 0, "\(run.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["from", "to", "period", "services", "cities", "counties", "subsidy_total", "subsidy_province", "subsidy_local"])
        let service = try #require((object["services"] as? [[String: Any]])?.first)
        #expect(Set(service.keys) == ["service", "screened", "denominator", "rate", "target_rate", "planned", "positives", "recalled",
                                      "diagnosed", "confirmed", "subsidy", "denominator_basis", "registered", "initial_positives", "declined"])
    }
}
