import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("Consent at the point of care: no dose without it, given with the dose in one step")
struct ConsentAtClinicTests {
    static let unsure = residentID("2011-03-03", sequence: 24)
    static let declined = residentID("2011-04-04", sequence: 22)

    func fixture() throws -> RegistryFixture {
        let f = try RegistryFixture()
        _ = try f.importRoster([
            RegistryFixture.row(1, area: "东湖区", name: "赵未定", id: Self.unsure, consent: ""),
            RegistryFixture.row(2, area: "东湖区", name: "钱拒绝", id: Self.declined, consent: "否"),
        ], area: nil)
        return f
    }

    func dose(_ id: String, consentBy: String? = nil, historical: Bool = false) -> DoseInput {
        DoseInput(girl: .residentID(id), date: "2023-10-10", product: "cecolin", lot: "C202301", expiry: "2025-06-30",
                  historical: historical, consentBy: consentBy)
    }

    @Test("Without given consent the dose is refused and nothing is written", arguments: [unsure, declined])
    func refused(id: String) throws {
        let f = try fixture()
        let before = try f.count("outbox")
        do {
            _ = try DoseRecording.record(f.database, context: f.context(nil), input: dose(id))
            Issue.record("recorded a dose without consent")
        } catch let error as HPVError {
            #expect(error.code == "consent_required")
            #expect(error.message.contains("--consent-given"))
        }
        #expect(try f.count("hpv_doses") == 0)
        #expect(try f.count("outbox") == before)
    }

    @Test("Consent given with the dose: one step records both, signed by the guardian, and the dose counts", arguments: [unsure, declined])
    func givenWithDose(id: String) throws {
        let f = try fixture()
        let result = try DoseRecording.record(f.database, context: f.context(nil), input: dose(id, consentBy: "赵大"))
        #expect(result.evaluation?.countsForProgramme == true)
        let girl = try GirlLookup.find(f.database, context: f.context(nil), .residentID(id))
        #expect(girl.consent == .given && girl.refusalReason.isEmpty)
        let signed = try f.database.read { db in
            try String.fetchOne(db, sql: """
                SELECT e.consent_signed_by FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?
                """, arguments: [id])
        }
        #expect(signed == "赵大")
        let types = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT record_type FROM outbox WHERE record_type IN ('consent', 'dose') ORDER BY seq")
        }
        #expect(types == ["consent", "dose"])
        #expect(try f.audit(action: "consent").count == 1)
    }

    @Test("Given consent needs no flag; a certificate's dose given elsewhere needs none; an empty signer is refused")
    func otherCases() throws {
        let f = try fixture()
        _ = try DoseRecording.record(f.database, context: f.context(nil), input: dose(RegistryFixture.wang))
        _ = try DoseRecording.record(f.database, context: f.context(nil), input: dose(Self.unsure, historical: true))
        do {
            _ = try DoseRecording.record(f.database, context: f.context(nil), input: dose(Self.declined, consentBy: "  "))
            Issue.record("accepted consent without a signer")
        } catch let error as HPVError {
            #expect(error.code == "consent_by_required")
        }
        #expect(try f.count("hpv_doses") == 2)
    }
}
