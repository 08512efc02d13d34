import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// The national MCH annual report's anchors: prenatal services over deliveries (产妇数) by outcome
/// date, newborn services over live births (活产数); the report periods; the subsidy only inside the
/// implementation phase.
struct RateDenominatorTests {
    /// Four pregnancies: delivered 2023-09-30 (live birth, screened NT), delivered 2023-10-01
    /// (stillbirth), miscarried 2023-05-01, still open; and the live birth's newborn.
    func world() throws -> TestRegistry {
        let r = try TestRegistry()
        let ids = (0..<4).map { residentID(born: "199\($0)-01-01", sequence: "0\($0)2") }
        let ps = try ids.enumerated().map { i, id in try r.pregnancy(id: id, lmp: i < 2 ? "2022-12-20" : "2023-02-01", today: "2023-03-01", name: "母亲\(i)") }
        _ = try r.result((ps[0].uuid, nil), "nt", at: "2023-03-10", today: "2023-03-10", values: [("nt_mm", "1.4")])
        _ = try r.result((ps[2].uuid, nil), "nt", at: "2023-04-25", today: "2023-04-25", values: [("nt_mm", "1.4")])
        try r.database.write { db in
            _ = try BirthRegistration.add(db, context: r.context("2023-10-05"), pregnancyUUID: ps[0].uuid,
                                          newborn: .init(birthOrder: 1, born: time("2023-09-30T10:00"), sex: .female, gestationalWeeks: 40, birthWeightG: 3300),
                                          residentID: nil)
            _ = try PregnancyRegistration.close(db, context: r.context("2023-10-05"), pregnancyUUID: ps[1].uuid, outcome: .stillbirth, on: day("2023-10-01"))
            _ = try PregnancyRegistration.close(db, context: r.context("2023-10-05"), pregnancyUUID: ps[2].uuid, outcome: .miscarriage, on: day("2023-05-01"))
        }
        return r
    }

    func report(_ r: TestRegistry, _ from: String, _ to: String) throws -> ScreeningReport {
        try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions, from: day(from), to: day(to))
        }
    }

    @Test("denominators by the national definitions", arguments: [
        // period, NT denominator (deliveries), NT screened, NT registered, metabolic denominator (live births)
        ("2023-01-01", "2023-12-31", 2, 1, 4, 1),
        ("2022-10-01", "2023-09-30", 1, 1, 4, 1),     // annual report 2023: the stillbirth of 1 October falls in 2024
        ("2023-10-01", "2024-09-30", 1, 0, 0, 0),
        ("2023-09-30", "2023-09-30", 1, 1, 0, 1),     // the delivery day itself
        ("2023-05-01", "2023-05-01", 0, 0, 0, 0),     // a miscarriage is not a delivery
    ])
    func denominators(_ from: String, _ to: String, _ deliveries: Int, _ screened: Int, _ registered: Int, _ liveBirths: Int) throws {
        let r = try world()
        let rep = try report(r, from, to)
        let nt = try #require(rep.services.first { $0.service == "nt" })
        #expect(nt.denominator == deliveries && nt.screened == screened && nt.registered == registered, "\(from)…\(to)")
        #expect(nt.denominatorBasis == "deliveries")
        let metabolic = try #require(rep.services.first { $0.service == "metabolic" })
        #expect(metabolic.denominator == liveBirths && metabolic.denominatorBasis == "live_births" && metabolic.registered == nil)
    }

    @Test func thePeriodsAreProgrammeData() throws {
        let programmeYear = try #require(ReportPeriod.programme(programme))
        #expect(programmeYear.from == day("2023-01-01") && programmeYear.to == day("2023-12-31"))
        let annual = try #require(ReportPeriod.annualReport(programme, year: 2023))
        #expect(annual.from == day("2022-10-01") && annual.to == day("2023-09-30"))
        #expect(ReportPeriod.annualReport(programme, year: 0) == nil)
    }

    @Test("a result is claimed only inside the implementation phase", arguments: [
        ("2023-03-31", false), ("2023-04-01", true), ("2023-12-31", true),
    ])
    func phase(_ date: String, _ claimed: Bool) throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: date == "2023-12-31" ? "2023-02-20" : "2022-12-15", today: "2023-03-01")
        let service = date == "2023-12-31" ? "anomaly_us" : "thal_gene"
        let values = service == "thal_gene" ? [("alpha", "αα/αα"), ("beta", "βN/βN")] : [("finding", "not_seen")]
        let result = try r.result((p.uuid, nil), service, at: date, today: date, values: values)
        #expect(result.flags.contains("outside_implementation_phase") == !claimed)
        #expect(try r.count("SELECT subsidised FROM screening_results") == (claimed ? 1 : 0))
    }
}
