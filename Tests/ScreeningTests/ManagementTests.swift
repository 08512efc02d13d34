import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// 高危儿管理 from a newborn's positive result, with contact, referral and diagnosis still tracked;
/// counselling as a step; referrals to designated institutions; the anomaly a positive scan saw.
struct ManagementTests {
    func positiveBaby(_ world: LabWorld) throws -> RecallCaseID {
        let result = try world.r.result((nil, world.subjects["a1"].map(NewbornID.init)), "metabolic", at: "2023-05-05T10:00", today: "2023-05-05",
                                        values: [("phe", "300"), ("tsh", "3"), ("ohp17", "8"), ("g6pd", "4")])
        return try #require(result.recallCaseID)
    }

    func step(_ r: TestRegistry, _ c: RecallCaseID, _ step: RecallStep, _ outcome: String? = nil, on: String, detail: String = "", by: String = "",
              institution: String? = nil) throws -> RecallStepResult {
        try r.database.write { db in
            try RecallStepRecording.record(db, context: r.context("2023-06-30"), caseUUID: c, step: step, outcome: outcome,
                                           channel: step == .contact ? "phone" : nil, detail: detail, by: by, institution: institution, on: day(on))
        }
    }

    @Test func aNewbornPositiveIsUnderManagementAtOnceAndDeadlinesStillRun() throws {
        let world = try LabWorld()
        let c = try positiveBaby(world)
        let list = try world.r.database.read { db in try WorkListQueries.recallList(db, asOf: day("2023-05-05"), overdueOnly: false) }
        let entry = try #require(list.first { $0.caseID == c })
        #expect(entry.highRiskManagement && entry.stage == "opened" && entry.nextStep == "contact")
        #expect(entry.deadline == "2023-05-06")                         // metabolic: contact within 1 day
        #expect(RecallListEntry.jsonArray([entry]).contains("\"high_risk_management\":true"))
        let contacted = try step(world.r, c, .contact, "reached", on: "2023-05-06")
        #expect(contacted.highRiskManagement && contacted.nextStep == "referred")
        let referred = try step(world.r, c, .referred, on: "2023-05-08")
        #expect(referred.highRiskManagement && referred.referralInstitution == "JX-MCH" && referred.nextStep == "diagnosed")
    }

    @Test("the newborn management order", arguments: [
        ("confirmed: management goes on to managed", "confirmed", true, "managed", Optional<String>.none),
        ("not confirmed: management ends with its reason", "not_confirmed", false, "closed", Optional("not_confirmed: 复查TSH正常")),
    ])
    func order(_ name: String, _ diagnosis: String, _ stillManaged: Bool, _ next: String, _ ended: String?) throws {
        let world = try LabWorld()
        let c = try positiveBaby(world)
        _ = try step(world.r, c, .contact, "reached", on: "2023-05-06")
        _ = try step(world.r, c, .referred, on: "2023-05-08", institution: "JX-MCH")
        let d = try step(world.r, c, .diagnosed, diagnosis, on: "2023-05-20", detail: diagnosis == "not_confirmed" ? "复查TSH正常" : "")
        #expect(d.highRiskManagement == stillManaged, "\(name)")
        #expect(d.nextStep == next, "\(name)")
        #expect(d.managementEnded == ended, "\(name)")
    }

    @Test func aWomansCaseEntersManagementOnlyAfterConfirmation() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: "2023-01-01", today: "2023-03-01")
        let c = try #require(try r.result((p.uuid, nil), "nt", at: "2023-03-25", today: "2023-03-25", values: [("nt_mm", "3.4")]).recallCaseID)
        #expect(try step(r, c, .contact, "reached", on: "2023-03-26").highRiskManagement == false)
        let referred = try step(r, c, .referred, on: "2023-03-27")
        #expect(referred.referralInstitution == "NCU1-PD")              // the city's prenatal diagnosis centre before the province's
        #expect(try step(r, c, .diagnosed, "confirmed", on: "2023-04-10").highRiskManagement == false)
        #expect(try step(r, c, .managed, on: "2023-04-12").highRiskManagement == true)
    }

    @Test func counsellingIsAStepWithWhoWhenAndWhatAndMovesNothing() throws {
        let world = try LabWorld()
        let c = try positiveBaby(world)
        let s = try step(world.r, c, .counselled, on: "2023-05-06", detail: "解释初筛阳性的意义，嘱3日内到省新筛中心复查", by: "刘医生")
        #expect(s.stage == "opened" && s.nextStep == "contact")
        let stored = try world.r.database.read { db in
            try String.fetchOne(db, sql: "SELECT by_name || '|' || on_date FROM screening_recall_steps WHERE step = 'counselled'")
        }
        #expect(stored == "刘医生|2023-05-06")
        for (by, detail, code) in [("", "建议复查", "missing_value"), ("刘医生", "", "missing_value"), (String(repeating: "刘", count: 201), "x", "too_long")] {
            do { _ = try step(world.r, c, .counselled, on: "2023-05-06", detail: detail, by: by); Issue.record("accepted") }
            catch let e as ScreeningError { #expect(e.code == code) }
        }
    }

    @Test func aReferralNamesAListedInstitution() throws {
        let world = try LabWorld()
        let c = try positiveBaby(world)
        _ = try step(world.r, c, .contact, "reached", on: "2023-05-06")
        do { _ = try step(world.r, c, .referred, on: "2023-05-07", institution: "某诊所"); Issue.record("accepted") }
        catch let e as ScreeningError { #expect(e.code == "unknown_institution") }
        #expect(try step(world.r, c, .referred, on: "2023-05-07", institution: "江西省妇幼保健院").referralInstitution == "JX-MCH")
    }

    @Test("an anomaly-ultrasound positive says which of the six anomalies", arguments: [
        ("无脑儿", "anencephaly", true),
        ("单腔心、严重脑膨出", "encephalocele,single_ventricle", true),
        ("lethal_chondrodysplasia", "lethal_chondrodysplasia", true),
        ("", "", false),
        ("唇裂", "", false),
    ])
    func anomalies(_ given: String, _ stored: String, _ accepted: Bool) throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: LabWorld.d, lmp: "2023-01-01", today: "2023-03-01")
        var values = [("finding", "seen")]
        if !given.isEmpty { values.append(("anomalies", given)) }
        do {
            let result = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-10", today: "2023-05-10", values: values)
            #expect(accepted && result.outcome == .positive)
            #expect(try r.database.read { db in try String.fetchOne(db, sql: "SELECT value_text FROM screening_results") }?.contains(stored) == true)
        } catch let e as any UserError {
            #expect(!accepted)
            #expect(e.code == (given.isEmpty ? "positive_needs_value" : "bad_value"))
        }
    }
}
