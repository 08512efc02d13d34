import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// 尊重意愿: a declined service leaves the due list (and so the call plan), counts as not screened,
/// and a later result is still recorded and lifts the refusal. Every refusal path says why.
struct DeclineTests {
    func due(_ r: TestRegistry, _ asOf: String) throws -> [DueListEntry] {
        try r.database.read { db in try WorkListQueries.dueList(db, programme: programme, asOf: day(asOf)) }
    }

    func decline(_ r: TestRegistry, pregnancy: PregnancyID? = nil, newborn: NewbornID? = nil, _ service: String, reason: String = "担心流产",
                 on: String = "2023-03-20", today: String = "2023-03-20") throws -> DeclineRecord {
        try r.database.write { db in
            let s = try ResultRecording.subject(db, pregnancyUUID: pregnancy, newbornUUID: newborn)
            return try DeclineRecording.record(db, context: r.context(today), subject: s, service: service, reason: reason, by: "刘护士", on: day(on))
        }
    }

    @Test func aDeclinedServiceLeavesTheDueListAndALaterResultLiftsIt() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: "2023-01-01", today: "2023-03-01")
        #expect(try due(r, "2023-03-20").contains { $0.item.subjectUUID == p.uuid.raw && $0.item.service == "nt" })
        let d = try decline(r, pregnancy: p.uuid, "nt")
        #expect(d.liftedOn == nil && d.by == "刘护士")
        let after = try due(r, "2023-03-20").filter { $0.item.subjectUUID == p.uuid.raw }
        #expect(!after.contains { $0.item.service == "nt" })
        #expect(after.contains { $0.item.service == "thal_gene" })       // only that service
        #expect(try r.count("SELECT COUNT(*) FROM outbox WHERE record_type = 'screening_decline'") == 1)
        // She came after all: recorded, and the refusal is lifted.
        let result = try r.result((p.uuid, nil), "nt", at: "2023-03-28", today: "2023-03-28", values: [("nt_mm", "1.5")])
        #expect(result.outcome == .negative)
        let lifted = try r.database.read { db in try DeclineRecords.of(db, subjectKey: p.id) }
        #expect(lifted.first?.liftedOn == day("2023-03-28"))
        #expect(try r.database.read { db in try DeclineRecords.standing(db) }.isEmpty)
    }

    @Test("each refusal path", arguments: [
        ("an empty reason", "nt", "   ", "missing_value"),
        ("a reason over 200 characters", "nt", String(repeating: "长", count: 201), "too_long"),
        ("a newborn service for a pregnancy", "metabolic", "不想做", "service_subject"),
        ("an unknown service", "xray", "不想做", "unknown_service"),
        ("declined twice", "nt", "again", "already_declined"),
        ("a service already done", "thal_gene", "不想做", "already_screened"),
    ])
    func refusals(_ name: String, _ service: String, _ reason: String, _ code: String) throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: "2023-01-01", today: "2023-03-01")
        _ = try decline(r, pregnancy: p.uuid, "nt")
        _ = try r.result((p.uuid, nil), "thal_gene", at: "2023-03-10", today: "2023-03-10", values: [("alpha", "αα/αα"), ("beta", "βN/βN")])
        #expect(throws: ScreeningError.self) { try decline(r, pregnancy: p.uuid, service, reason: reason) }
        do { _ = try decline(r, pregnancy: p.uuid, service, reason: reason) } catch let e as ScreeningError { #expect(e.code == code, "\(name)") }
    }

    @Test func aClosedPregnancyCannotDecline() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: "2023-01-01", today: "2023-03-01")
        _ = try r.database.write { db in
            try PregnancyRegistration.close(db, context: r.context("2023-03-10"), pregnancyUUID: p.uuid, outcome: .miscarriage, on: day("2023-03-05"))
        }
        do { _ = try decline(r, pregnancy: p.uuid, "nt"); Issue.record("accepted") } catch let e as ScreeningError { #expect(e.code == "pregnancy_closed") }
    }

    @Test func aDeclinedNewbornServiceIsCountedAsDeclinedNotScreened() throws {
        let world = try LabWorld()
        _ = try decline(world.r, newborn: world.subjects["b1"].map(NewbornID.init), "hearing", on: "2023-05-03", today: "2023-05-03")
        let report = try world.r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2023-05-01"), to: day("2023-05-31"))
        }
        let hearing = try #require(report.services.first { $0.service == "hearing" })
        #expect(hearing.declined == 1 && hearing.screened == 0 && hearing.denominator == 5)
    }
}
