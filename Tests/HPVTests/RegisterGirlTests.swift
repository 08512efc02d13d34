import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("hpv register: the girl no roster lists")
struct RegisterGirlTests {
    static let girl = residentID("2011-10-10", sequence: 58)

    func input(_ id: String = girl, county: String = "360102", name: String = "郑无册") -> RegistrationInput {
        RegistrationInput(id: id, name: name, county: county, guardianName: "郑父", guardianPhone: "13600001111")
    }

    @Test("Registered with no roster row: on the work list like any other, audited and synced")
    func registered() throws {
        let f = try RegistryFixture()
        let before = try f.count("outbox")
        let out = try GirlRegistering.register(f.database, context: f.context(nil), input: input())
        #expect(out.status == "not_started")
        #expect(out.personID.raw.count == 36)
        #expect(try f.enrolment(Self.girl)["county_code"] == "360102")
        #expect(try f.count("outbox") == before + 2)
        #expect(try f.audit(action: "register").count == 1)
        // Consent at the clinic with her first dose, then she counts.
        let dose = try DoseRecording.record(f.database, context: f.context(nil), input: DoseInput(
            girl: .residentID(Self.girl), date: "2023-10-10", product: "cecolin", lot: "C1", expiry: "2025-06-30", consentBy: "郑父"))
        #expect(dose.evaluation?.countsForProgramme == true)
    }

    @Test("Refused", arguments: [
        (residentID("2011-10-10", sequence: 58), "360102", nil as AreaScope?, true, "already_enrolled"),
        (residentID("2011-10-11", sequence: 53), "360102", nil, false, "not_in_cohort"),       // odd sequence: a boy
        (residentID("2007-01-01", sequence: 52), "360102", nil, false, "not_in_cohort"),       // over age
        (residentID("2011-10-10", sequence: 54), "360702", RegistryFixture.donghu, false, "outside_area"),
        (residentID("2011-10-10", sequence: 56), "南昌市", nil, false, "unknown_county"),
        (RegistryFixture.wang, "360102", nil, false, "name_mismatch"),
    ])
    func refused(id: String, county: String, area: AreaScope?, registerFirst: Bool, code: String) throws {
        let f = try RegistryFixture()
        if registerFirst { _ = try GirlRegistering.register(f.database, context: f.context(nil), input: input(id)) }
        let before = try f.count("outbox")
        do {
            _ = try GirlRegistering.register(f.database, context: f.context(area), input: input(id, county: county))
            Issue.record("registered \(id)")
        } catch let error as HPVError {
            #expect(error.code == code)
        }
        #expect(try f.count("outbox") == before)
    }
}
