import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("Recording doses, consent and adverse events")
struct DoseRecordTests {
    let audit = AuditLog(operatorName: "nurse", timestamp: "2023-10-10T09:00:00+08:00")
    let today = date("2026-11-29")

    /// A database holding the roster of RosterImportTests.
    func registry() throws -> RegistryDatabase {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try Data(RosterImportTests.csv.utf8).write(to: URL(fileURLWithPath: file))
        _ = try RosterImport(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: today, audit: audit)
            .run(path: file, database: db, dryRun: false)
        return db
    }

    func doseEntry(_ day: String, id: String = RosterImportTests.girlA, product: String = "cecolin", expiry: String = "2025-06-30") throws -> DoseEntry {
        DoseEntry(residentID: try ResidentID(id), date: date(day), product: product, lot: "C202301", expiry: date(expiry), clinic: "东湖区接种门诊")
    }

    func record(_ db: RegistryDatabase, _ e: DoseEntry) throws -> DoseRecord {
        let p = try programme()
        return try db.write { db in try DoseRecords.record(db, entry: e, today: today, knownProducts: p.knownProductCodes, audit: audit) }
    }

    @Test("Refused only what cannot be true", arguments: [
        ("2026-11-30", "future_date"), ("2011-05-09", "before_birth"),
    ])
    func impossible(day: String, code: String) throws {
        let db = try registry()
        do {
            _ = try record(db, try doseEntry(day))
            Issue.record("accepted \(day)")
        } catch let error as HPVError {
            #expect(error.code == code)
        }
    }

    @Test("Unknown person, the same dose twice, an unknown product code")
    func otherRefusals() throws {
        let db = try registry()
        #expect(throws: HPVError.self) { try record(db, try doseEntry("2023-10-10", id: residentID("2011-01-01", sequence: 998))) }
        _ = try record(db, try doseEntry("2023-10-10"))
        do {
            _ = try record(db, try doseEntry("2023-10-10", product: "walrinvax"))
            Issue.record("accepted a second dose on the same day")
        } catch let error as HPVError { #expect(error.code == "duplicate_dose") }
        do {
            _ = try record(db, try doseEntry("2023-10-11", product: "hpv-x"))
            Issue.record("accepted an unknown product")
        } catch let error as HPVError { #expect(error.code == "unknown_product") }
    }

    @Test("A dose that breaks a rule is stored, then judged; its outbox entry and audit row land with it")
    func factsRecorded() throws {
        let db = try registry()
        _ = try record(db, try doseEntry("2023-10-10"))
        _ = try record(db, try doseEntry("2024-01-10"))   // too soon: stored anyway
        let girl = try #require(try db.read { db in try Register.girl(db, programme: "hpv-2023", residentID: try ResidentID(RosterImportTests.girlA)) })
        let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: try programme(), asOf: date("2024-02-01"))
        #expect(f.doses.map(\.valid) == [true, false])
        #expect(f.doses[1].reason == .tooSoon)
        #expect(f.next?.earliest == date("2024-07-10"))
        let (outbox, audits) = try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE record_type = 'dose'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE entity = 'hpv_dose' AND operator = 'nurse'")!)
        }
        #expect(outbox == 2 && audits == 2)
        let payload = try db.read { try String.fetchOne($0, sql: "SELECT payload FROM outbox WHERE record_type = 'dose' ORDER BY seq LIMIT 1")! }
        let json = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as! [String: Any]
        #expect(json["date"] as? String == "2023-10-10")
        #expect(json["product"] as? String == "cecolin")
    }

    @Test("Consent recorded at the clinic survives a roster re-import")
    func consentAtClinic() throws {
        let db = try registry()
        let declinedGirl = try ResidentID(residentID("2011-01-02", sequence: 6))
        _ = try db.write { db in try ConsentRecords.record(db, residentID: declinedGirl, programme: "hpv-2023", consent: .given, reason: "", audit: audit) }
        let (_, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("again.csv").path
        try Data(RosterImportTests.csv.utf8).write(to: URL(fileURLWithPath: file))
        let again = try RosterImport(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: today, audit: audit)
            .run(path: file, database: db, dryRun: false).report
        #expect(again.imported == 0)
        let consent = try db.read { db in
            try String.fetchOne(db, sql: "SELECT consent FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?", arguments: [declinedGirl.value])
        }
        #expect(consent == "given")
    }

    @Test("AEFI: onset before the dose refused; serious symptoms always serious; listed by lot")
    func aefi() throws {
        let db = try registry()
        let p = try programme()
        _ = try record(db, try doseEntry("2023-10-10"))
        let rid = try ResidentID(RosterImportTests.girlA)
        func add(_ onset: String, _ symptoms: [String], serious: Bool = false) throws -> String {
            let e = AEFIEntry(residentID: rid, doseDate: date("2023-10-10"), onset: try OnsetTime(onset), symptoms: symptoms,
                              serious: serious, outcome: .recovered, reporter: "接种门诊")
            return try db.write { db in try AEFIRecords.record(db, entry: e, programme: p, today: today, audit: audit) }
        }
        do {
            _ = try add("2023-10-09T23:59", ["fever"])
            Issue.record("accepted an onset before the dose")
        } catch let error as HPVError { #expect(error.code == "onset_before_dose") }
        // 2023-10-09T16:30Z is 2023-10-10T00:30 in China Standard Time: the same day as the dose.
        _ = try add("2023-10-09T16:30Z", ["fever"])
        _ = try add("2023-10-10T10:05+08:00", ["anaphylaxis"])
        #expect(throws: HPVError.self) { try add("2023-10-10T10:05", ["sneezing"]) }
        let serious = try db.read { db in try AEFIRecords.list(db, seriousOnly: true, lot: nil, programme: "hpv-2023") }
        #expect(serious.count == 1)
        #expect(serious.first?.symptoms == ["anaphylaxis"])
        let lots = try db.read { db in try AEFIRecords.byLot(db) }
        let lot = try #require(lots.first)
        #expect(lot.lot == "C202301" && lot.doses == 1 && lot.events == 2 && lot.serious == 1)
    }

    @Test("Onset times", arguments: [
        ("2023-10-10T14:30", "2023-10-10T14:30+08:00", "2023-10-10"),
        ("2023-10-10T23:30-05:00", "2023-10-10T23:30-05:00", "2023-10-11"),
        ("2023-10-10T01:00+09:00", "2023-10-10T01:00+09:00", "2023-10-10"),
    ])
    func onsets(raw: String, text: String, day: String) throws {
        let o = try OnsetTime(raw)
        #expect(o.text == text)
        #expect(o.date == date(day))
    }

    @Test("Coverage report: counted where enrolled, cost and split per the county's funding rule")
    func report() throws {
        let db = try registry()
        let p = try programme()
        _ = try record(db, try doseEntry("2023-10-10"))
        _ = try record(db, try doseEntry("2024-04-10"))
        _ = try record(db, try doseEntry("2023-10-12", id: RosterImportTests.girlB, product: "walrinvax"))
        let girls = try db.read { db in try Register.girls(db, programme: p.id) }
        let plan = try Plan.load(schemas: schemasURL, file: p.plan)
        let report = CoverageReport.build(girls: girls, aefi: [:], plan: plan, divisions: try Divisions.load(schemas: schemasURL),
                                          programme: p, asOf: date("2024-05-01"))
        let nanchang = try #require(report.cities.first { $0.cityCode == "360100" })
        #expect(nanchang.target == 30000)
        #expect(nanchang.roster == 7)
        #expect(nanchang.eligible == 3)
        #expect(nanchang.dose1 == 1 && nanchang.complete == 1)
        #expect(nanchang.cost == 636)               // 2 × (300 + 18)
        #expect(nanchang.provinceShare == 190.8)    // 3 : 7
        let ganzhou = try #require(report.cities.first { $0.cityCode == "360700" })
        #expect(ganzhou.cost == 318)
        #expect(ganzhou.provinceShare == 127.2)     // 4 : 6, western extension
        #expect(report.totals.target == 248000)
        #expect(report.totals.complete == 1)
        #expect(report.totals.coverage == 1.0 / 248000)
        #expect(nanchang.dose1Coverage == 1.0 / 30000)
        #expect(ganzhou.dose1Coverage == ganzhou.target.map { 1.0 / Double($0) })
        #expect(report.totals.dose1Coverage == 2.0 / 248000)
        // Every line carries both rates as keys, null where there is no target (a county).
        let json = try JSONSerialization.jsonObject(with: OutputJSON.data(report)) as? [String: Any]
        let counties = try #require(json?["counties"] as? [[String: Any]])
        #expect(!counties.isEmpty && counties.allSatisfy { $0.keys.contains("dose1_coverage") && $0["dose1_coverage"] is NSNull })
        let cities = try #require(json?["cities"] as? [[String: Any]])
        #expect(cities.allSatisfy { $0["dose1_coverage"] is Double })
        #expect((json?["totals"] as? [String: Any])?["dose1_coverage"] as? Double == 2.0 / 248000)
    }
}
