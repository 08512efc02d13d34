import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// Pregnancies, newborns and results on a real SQLite file.
struct RegistryTests {
    let mother = residentID(born: "1995-03-10", sequence: "002")

    @Test func sameWomanFromTwoCountiesIsOnePersonAndOnePregnancy() throws {
        let r = try TestRegistry()
        let a = try r.pregnancy(id: mother, county: "360102", lmp: "2023-03-01", today: "2023-05-01")
        let again = try r.database.write { db in
            try PregnancyRegistration.register(db, context: r.context("2023-05-03"), residentID: mother.lowercased(), name: "王 芳",
                                               phone: "+86 138 1234 5678", county: "360702", dating: .edd(day("2023-12-08")))
        }
        #expect(again.existing)
        #expect(again.pregnancy.uuid == a.uuid)
        #expect(again.pregnancy.countyCode == "360102")
        #expect(try r.count("SELECT COUNT(*) FROM persons") == 1)
        #expect(try r.count("SELECT COUNT(*) FROM screening_pregnancies") == 1)
        // A clearly different pregnancy while one is open is refused with what to do.
        #expect(throws: ScreeningError.pregnancyStillOpen(registeredOn: "2023-05-01", lmp: "2023-03-01")) {
            try r.database.write { db in
                try PregnancyRegistration.register(db, context: r.context("2023-09-01"), residentID: mother, name: "王芳",
                                                   phone: "13812345678", county: "360102", dating: .lmp(day("2023-08-01")))
            }
        }
        // The same ID under another name is a conflict, never a second person.
        #expect(throws: (any Error).self) {
            try r.database.write { db in
                try PregnancyRegistration.register(db, context: r.context("2023-05-03"), residentID: mother, name: "李娜",
                                                   phone: "13812345678", county: "360102", dating: .lmp(day("2023-03-01")))
            }
        }
    }

    @Test func everyRecordWriteHasItsOutboxEntry() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-03-01", today: "2023-05-20")
        _ = try r.result((p.uuid, nil), "nt", at: "2023-05-20", today: "2023-05-20", values: [("nt_mm", "3.4")])
        let types = try r.database.read { db in try String.fetchAll(db, sql: "SELECT record_type FROM outbox ORDER BY seq") }
        #expect(types == ["person", "pregnancy", "screening_result", "recall_step"])
        let payload = try r.database.read { db in try String.fetchOne(db, sql: "SELECT payload FROM outbox WHERE record_type = 'screening_result'")! }
        let json = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as! [String: Any]
        #expect(json["rule_version"] as? String == "nt-2023.1")
        #expect(json["positive"] as? Bool == true)
        #expect((json["values"] as? [String: Any])?["nt_mm"] as? Double == 3.4)
    }

    @Test func twinsAreTwoNewbornsOfOnePregnancyEachScreenedAndSubsidised() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2022-09-01", today: "2023-05-01")
        let (one, two) = try r.database.write { db -> (NewbornRecord, NewbornRecord) in
            let ctx = r.context("2023-05-02")
            let a = try BirthRegistration.add(db, context: ctx, pregnancyUUID: p.uuid,
                                              newborn: .init(birthOrder: 1, born: time("2023-05-01T08:10"), sex: .female, gestationalWeeks: 35, birthWeightG: 2300), residentID: nil)
            let b = try BirthRegistration.add(db, context: ctx, pregnancyUUID: p.uuid,
                                              newborn: .init(birthOrder: 2, born: time("2023-05-01T08:25"), sex: .female, gestationalWeeks: 35, birthWeightG: 2150), residentID: nil)
            return (a, b)
        }
        #expect(one.uuid != two.uuid)
        #expect(try r.count("SELECT COUNT(*) FROM persons WHERE resident_id IS NULL") == 2)
        #expect(try r.database.read { db in try PregnancyRecords.find(db, uuid: p.uuid)!.outcome } == .liveBirth)
        // A third baby with birth order 2 is refused: twins are told apart by their order.
        #expect(throws: ScreeningError.birthOrderTaken(order: 2)) {
            try r.database.write { db in
                try BirthRegistration.add(db, context: r.context("2023-05-02"), pregnancyUUID: p.uuid,
                                          newborn: .init(birthOrder: 2, born: time("2023-05-01T08:30"), sex: .male), residentID: nil)
            }
        }
        // 17-OHP 20 nmol/L: positive at term, negative for these 35-week twins (stratified cutoff).
        let a = try r.result((nil, one.uuid), "metabolic", at: "2023-05-04T09:00", today: "2023-05-05", values: [("ohp17", "20"), ("phe", "60")])
        let b = try r.result((nil, two.uuid), "metabolic", at: "2023-05-04T09:00", today: "2023-05-05", values: [("ohp17", "40")])
        #expect(a.positive == false)
        #expect(b.positive == true)
        #expect(b.recallCaseID != nil)
        let report = try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2023-01-01"), to: day("2023-12-31"))
        }
        let metabolic = report.services.first { $0.service == "metabolic" }!
        #expect(metabolic.denominator == 2)
        #expect(metabolic.screened == 2)
        #expect(metabolic.positives == 1)
        #expect(metabolic.subsidy == 200)
    }

    @Test func newbornIDArrivesLaterOnTheSamePerson() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2022-09-01", today: "2023-05-01")
        let n = try r.database.write { db in
            try BirthRegistration.add(db, context: r.context("2023-05-02"), pregnancyUUID: p.uuid,
                                      newborn: .init(birthOrder: 1, born: time("2023-05-01T08:10"), sex: .male), residentID: nil)
        }
        let babyID = residentID(born: "2023-05-01", sequence: "011")
        _ = try r.database.write { db in try BirthRegistration.assignID(db, context: r.context("2023-05-20"), newbornUUID: n.uuid, residentID: babyID) }
        #expect(try r.count("SELECT COUNT(*) FROM persons") == 2)
        let person = try r.database.read { db in try Persons.find(db, id: n.personID)! }
        #expect(person.residentID == babyID)
        #expect(person.version == 2)
        #expect(try r.count("SELECT COUNT(*) FROM outbox WHERE record_type = 'person' AND version = 2") == 1)
        // The same ID given to another baby is an identity conflict.
        let p2 = try r.pregnancy(id: residentID(born: "1990-01-02", sequence: "004"), lmp: "2022-09-01", today: "2023-05-01", name: "刘敏")
        let other = try r.database.write { db in
            try BirthRegistration.add(db, context: r.context("2023-05-02"), pregnancyUUID: p2.uuid,
                                      newborn: .init(birthOrder: 1, born: time("2023-05-01T09:00"), sex: .male), residentID: nil)
        }
        #expect(throws: ScreeningError.self) {
            try r.database.write { db in try BirthRegistration.assignID(db, context: r.context("2023-05-20"), newbornUUID: other.uuid, residentID: babyID) }
        }
        // An ID whose birth date is not the baby's is refused.
        #expect(throws: (any Error).self) {
            try r.database.write { db in
                try BirthRegistration.assignID(db, context: r.context("2023-05-20"), newbornUUID: other.uuid,
                                               residentID: residentID(born: "2023-05-02", sequence: "013"))
            }
        }
    }

    @Test func pregnancyEndingEarlyCancelsWhatWasDueAndLeavesTheLaterDenominators() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-02-01", today: "2023-04-20")
        _ = try r.result((p.uuid, nil), "thal_gene", at: "2023-04-15", today: "2023-04-20", values: [("alpha", "αα/αα"), ("beta", "βN/βN")])
        let before = try r.database.read { db in try WorkListQueries.dueList(db, programme: programme, asOf: day("2023-04-20")) }
        #expect(before.contains { $0.item.service == "nt" })
        _ = try r.database.write { db in
            try PregnancyRegistration.close(db, context: r.context("2023-04-25"), pregnancyUUID: p.uuid, outcome: .miscarriage, on: day("2023-04-24"))
        }
        let after = try r.database.read { db in try WorkListQueries.dueList(db, programme: programme, asOf: day("2023-04-26")) }
        #expect(after.isEmpty)
        let report = try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2023-01-01"), to: day("2023-12-31"))
        }
        // A miscarriage is not a delivery: in no prenatal denominator (the national 产妇数), though
        // the thalassaemia test done before it is still claimed.
        #expect(report.services.first { $0.service == "nt" }!.denominator == 0)
        #expect(report.services.first { $0.service == "nt" }!.registered == 1)
        #expect(report.services.first { $0.service == "thal_gene" }!.screened == 0)
        #expect(report.services.first { $0.service == "thal_gene" }!.subsidy == 150)
        // Nothing more can be recorded after the outcome date.
        #expect(throws: (any Error).self) { try r.result((p.uuid, nil), "nt", at: "2023-04-25", today: "2023-04-26", values: [("nt_mm", "1.2")]) }
    }

    @Test func repeatBeyondTheFreeCountIsRecordedNotSubsidisedAndJoinsTheOpenCase() throws {
        let r = try TestRegistry()
        // Inside the implementation phase (from 2023-04-01): claimed once.
        let p = try r.pregnancy(id: mother, lmp: "2023-01-20", today: "2023-04-12")
        let first = try r.result((p.uuid, nil), "nt", at: "2023-04-12", today: "2023-04-12", values: [("nt_mm", "3.3")])
        let retest = try r.result((p.uuid, nil), "nt", at: "2023-04-17", today: "2023-04-17", values: [("nt_mm", "3.5")])
        #expect(first.flags.isEmpty)
        #expect(retest.flags.contains("repeat"))
        #expect(retest.recallCaseID == first.recallCaseID)
        #expect(try r.count("SELECT COUNT(*) FROM screening_recall_cases") == 1)
        #expect(try r.count("SELECT SUM(subsidised) FROM screening_results") == 1)
        // The anomaly ultrasound is free twice; a not-assessable scan does not use up a free scan.
        _ = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-01", today: "2023-05-01", conclusion: .notAssessable)
        let second = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-05", today: "2023-05-05", values: [("finding", "not_seen")])
        let third = try r.result((p.uuid, nil), "anomaly_us", at: "2023-08-01", today: "2023-08-01", values: [("finding", "not_seen")])
        let fourth = try r.result((p.uuid, nil), "anomaly_us", at: "2023-08-10", today: "2023-08-10", values: [("finding", "not_seen")])
        #expect(!second.flags.contains("repeat"))
        #expect(!third.flags.contains("repeat"))
        #expect(fourth.flags.contains("repeat"))
        // Re-entering the same result changes nothing; a different value at the same time is a conflict.
        let again = try r.result((p.uuid, nil), "nt", at: "2023-04-12", today: "2023-04-20", values: [("nt_mm", "3.3")])
        #expect(again.unchanged)
        #expect(throws: ScreeningError.resultConflict(service: "nt", at: "2023-04-12")) {
            try r.result((p.uuid, nil), "nt", at: "2023-04-12", today: "2023-04-20", values: [("nt_mm", "3.2")])
        }
    }

    @Test func outOfWindowIsAcceptedAndFlagged() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-01-01", today: "2023-04-20")
        let late = try r.result((p.uuid, nil), "nt", at: "2023-04-15", today: "2023-04-20", values: [("nt_mm", "1.5")])
        #expect(late.positive == false)
        #expect(late.flags == ["out_of_window"])
    }

    @Test func resultEnteredAfterItsRecallDeadlineIsFlaggedAndOverdue() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-01-01", today: "2023-03-20")
        // Released 2023-03-20; the contact deadline is 3 days later; entered on 2023-03-28.
        let late = try r.result((p.uuid, nil), "nt", at: "2023-03-20", today: "2023-03-28", values: [("nt_mm", "4.0")])
        #expect(late.flags.contains("late_entered"))
        let list = try r.database.read { db in try WorkListQueries.recallList(db, asOf: day("2023-03-28"), overdueOnly: true) }
        #expect(list.count == 1)
        #expect(list[0].deadline == "2023-03-23")
        #expect(list[0].overdue && list[0].lateEntered)
        // On time: no flag, not overdue.
        let p2 = try r.pregnancy(id: residentID(born: "1990-01-02", sequence: "004"), lmp: "2023-01-01", today: "2023-03-20", name: "刘敏")
        let onTime = try r.result((p2.uuid, nil), "nt", at: "2023-03-20", today: "2023-03-21", values: [("nt_mm", "4.0")])
        #expect(!onTime.flags.contains("late_entered"))
        #expect(try r.database.read { db in try WorkListQueries.recallList(db, asOf: day("2023-03-21"), overdueOnly: true) }.isEmpty)
        let all = try r.database.read { db in try WorkListQueries.recallList(db, asOf: day("2023-03-21"), overdueOnly: false) }
        #expect(all.map(\.lateEntered).sorted { !$0 && $1 } == [false, true])
    }

    @Test func recallStepsAreStoredWithTheirOutboxEntries() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-01-01", today: "2023-03-20")
        let result = try r.result((p.uuid, nil), "nt", at: "2023-03-20", today: "2023-03-20", values: [("nt_mm", "4.0")])
        let caseID = try #require(result.recallCaseID)
        let steps: [(RecallStep, String?)] = [(.contact, "unreachable"), (.contact, "reached"), (.referred, "省妇幼保健院"),
                                               (.diagnosed, "confirmed"), (.managed, nil), (.closed, nil)]
        for (i, (step, outcome)) in steps.enumerated() {
            _ = try r.database.write { db in
                try RecallStepRecording.record(db, context: r.context("2023-04-10"), caseUUID: caseID, step: step, outcome: outcome,
                                               channel: step == .contact ? "phone" : nil, on: day("2023-03-2\(i + 1)"))
            }
        }
        #expect(try r.count("SELECT COUNT(*) FROM screening_recall_steps") == 7)
        #expect(try r.count("SELECT COUNT(*) FROM outbox WHERE record_type = 'recall_step'") == 7)
        #expect(try r.database.read { db in try WorkListQueries.recallList(db, asOf: day("2023-04-10"), overdueOnly: false) }.isEmpty)
        #expect(throws: ScreeningError.illegalTransition(stage: "closed", step: "contact", allowed: [])) {
            try r.database.write { db in
                try RecallStepRecording.record(db, context: r.context("2023-04-10"), caseUUID: caseID, step: .contact, outcome: "reached",
                                               channel: "phone", on: day("2023-04-01"))
            }
        }
        let report = try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2023-01-01"), to: day("2023-12-31"))
        }
        // Her pregnancy has not ended: not yet among the deliveries the national rates count.
        var nt = report.services.first { $0.service == "nt" }!
        #expect((nt.positives, nt.recalled, nt.diagnosed, nt.confirmed) == (0, 0, 0, 0))
        _ = try r.database.write { db in
            try BirthRegistration.add(db, context: r.context("2023-10-10"), pregnancyUUID: p.uuid,
                                      newborn: .init(birthOrder: 1, born: time("2023-10-08T08:00"), sex: .female), residentID: nil)
        }
        let delivered = try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2023-01-01"), to: day("2023-12-31"))
        }
        nt = delivered.services.first { $0.service == "nt" }!
        #expect((nt.denominator, nt.screened, nt.positives, nt.recalled, nt.diagnosed, nt.confirmed) == (1, 1, 1, 1, 1, 1))
    }
}
