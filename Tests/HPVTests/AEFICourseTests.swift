import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("AEFI to its conclusion: investigated, classified, appraisal, closed; serious events first to the platform")
struct AEFICourseTests {
    func event(serious: Bool = false) throws -> (RegistryFixture, String) {
        let f = try RegistryFixture()
        _ = try DoseRecording.record(f.database, context: f.context(nil), input: DoseInput(
            girl: .residentID(RegistryFixture.wang), date: "2023-10-10", product: "cecolin", lot: "C1", expiry: "2025-06-30"))
        let id = try AEFIRecording.record(f.database, context: f.context(nil), input: AEFIInput(
            girl: .residentID(RegistryFixture.wang), doseDate: "2023-10-10", onset: "2023-10-11T10:00", symptoms: ["fever"],
            serious: serious, reporter: "刘护士"))
        return (f, id)
    }

    func update(_ f: RegistryFixture, _ u: AEFIUpdate, area: AreaScope? = nil) throws -> AEFICourse {
        try AEFIUpdating.update(f.database, context: f.context(area), u)
    }

    @Test("reported → investigated → classified → appraisal → result → closed, each a new version, audited and sent")
    func fullCourse() throws {
        let (f, id) = try event()
        let short = String(id.prefix(8))
        var c = try update(f, AEFIUpdate(event: short, investigatedOn: "2023-10-13", investigator: "县疾控 周医生", findings: "体温38.5℃，次日退热"))
        #expect(c.state == .investigated && c.version == 2)
        c = try update(f, AEFIUpdate(event: id, classification: "common_reaction", classifiedOn: "2023-10-20"))
        #expect(c.state == .classified && c.classification == .commonReaction)
        c = try update(f, AEFIUpdate(event: id, appraisalRequestedOn: "2023-10-25"))
        #expect(c.state == .appraisal)
        c = try update(f, AEFIUpdate(event: id, appraisalResult: "维持一般反应诊断", appraisalOn: "2023-11-20"))
        #expect(c.state == .classified && c.appraisalResult == "维持一般反应诊断")
        c = try update(f, AEFIUpdate(event: id, closedOn: "2023-11-21", outcome: "recovered"))
        #expect(c.state == .closed && c.version == 6 && c.outcome == "recovered")
        #expect(try f.audit(action: "aefi_update").count == 5)
        let payloads = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM outbox WHERE record_type = 'aefi' ORDER BY seq")
        }
        #expect(payloads.count == 6)
        #expect(payloads.last?.contains(#""state":"closed""#) == true && payloads.last?.contains(#""classification":"common_reaction""#) == true)
        #expect(payloads.last?.contains(#""closed_on":"2023-11-21""#) == true)
        do {
            _ = try update(f, AEFIUpdate(event: id, findings: "补充"))
            Issue.record("changed a closed event")
        } catch let error as HPVError { #expect(error.code == "aefi_closed") }
    }

    @Test("Steps out of order or impossible are refused, and nothing is written", arguments: [
        (AEFIUpdate(event: "", classification: "common_reaction"), "not_investigated"),
        (AEFIUpdate(event: "", closedOn: "2023-11-01"), "not_classified"),
        (AEFIUpdate(event: "", appraisalResult: "x", appraisalOn: "2023-11-01"), "no_appraisal"),
        (AEFIUpdate(event: "", investigatedOn: "2023-10-10"), "before_onset"),
        (AEFIUpdate(event: "", investigatedOn: "2024-04-16"), "future_date"),
        (AEFIUpdate(event: "", investigatedOn: "2023-10-12", classification: "allergy"), "bad_value"),
        (AEFIUpdate(event: "", investigatedOn: "2023-10-12", classification: "undetermined", closedOn: "2023-10-30"), "undetermined"),
        (AEFIUpdate(event: "", investigatedOn: "2023-10-12", classification: "coincidental", classifiedOn: "2023-10-11"), "before_investigation"),
        (AEFIUpdate(event: ""), "nothing_to_change"),
        (AEFIUpdate(event: "ffffffff"), "aefi_not_found"),
    ])
    func refused(u: AEFIUpdate, code: String) throws {
        let (f, id) = try event()
        var u = u
        if u.event.isEmpty { u.event = id }
        let outbox = try f.count("outbox")
        do {
            _ = try update(f, u)
            Issue.record("accepted \(code)")
        } catch let error as HPVError {
            #expect(error.code == code)
        }
        #expect(try f.count("outbox") == outbox)
    }

    @Test("An event of a girl outside the caller's area is not found")
    func outsideArea() throws {
        let (f, id) = try event()
        do {
            _ = try update(f, AEFIUpdate(event: id, investigatedOn: "2023-10-12"), area: RegistryFixture.zhanggong)
            Issue.record("updated outside the area")
        } catch let error as HPVError { #expect(error.code == "aefi_not_found") }
    }

    @Test("A serious event's versions are urgent in the outbox; a regular one's are not", arguments: [true, false])
    func urgent(serious: Bool) throws {
        let (f, id) = try event(serious: serious)
        _ = try update(f, AEFIUpdate(event: id, investigatedOn: "2023-10-12", investigator: "周医生"))
        let priorities = try f.database.read { db in
            try Int.fetchAll(db, sql: "SELECT priority FROM outbox WHERE record_type = 'aefi' ORDER BY seq")
        }
        #expect(priorities == (serious ? [1, 1] : [0, 0]))
    }
}
