import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// `screening_subject_services` (migration 0005) is a cache of the raw results that the report
/// reads: after every kind of write it must equal what the raw results say.
struct SubjectSummaryTests {
    let mother = residentID(born: "1994-05-06", sequence: "012")

    /// The summary as the raw results and the cohort define it (the same query as 0005's backfill).
    static let fromResults = """
        SELECT r.subject_key, r.service, r.subject,
               CASE WHEN r.newborn_id IS NULL THEN p.registered_day ELSE n.birth_day END,
               CASE WHEN r.newborn_id IS NULL THEN p.county_code ELSE n.county_code END,
               CASE WHEN r.newborn_id IS NULL THEN p.closed_day - p.lmp_day END,
               COUNT(*), SUM(r.first_screen), MAX(r.outcome = 'positive'),
               MIN(CASE WHEN r.subsidised = 1 THEN r.result_day END),
               MIN(CASE WHEN r.subsidised = 1 THEN CAST(substr(r.performed_at, 1, 4) AS INTEGER) END),
               CASE WHEN r.newborn_id IS NULL AND p.outcome IN ('live_birth', 'stillbirth') THEN p.closed_day END,
               MAX(r.first_screen = 1 AND r.outcome IN ('positive', 'rescreen'))
        FROM screening_results r
        JOIN screening_pregnancies p ON p.id = r.pregnancy_id
        LEFT JOIN screening_newborns n ON n.id = r.newborn_id
        GROUP BY r.subject_key, r.service
        """
    static let stored = """
        SELECT subject_key, service, subject, cohort_day, county_code, end_ga, results, screened, positive, subsidy_day, subsidy_year,
               delivery_day, initial_positive
        FROM screening_subject_services
        """

    func expectConsistent(_ r: TestRegistry, _ comment: Comment) throws {
        let missing = try r.count("SELECT COUNT(*) FROM (\(Self.fromResults) EXCEPT \(Self.stored))")
        let extra = try r.count("SELECT COUNT(*) FROM (\(Self.stored) EXCEPT \(Self.fromResults))")
        #expect(missing == 0, comment)
        #expect(extra == 0, comment)
    }

    /// The report's screened / positives / subsidy straight from the raw results, per service.
    func rawFigures(_ r: TestRegistry) throws -> [String: [Int]] {
        try r.database.read { db in
            var out: [String: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT service, SUM(first_screen), COUNT(DISTINCT CASE WHEN outcome = 'positive' THEN subject_key END),
                       SUM(subsidised) FROM screening_results GROUP BY service
                """) {
                out[row[0]] = [row[1], row[2], row[3]]
            }
            return out
        }
    }

    @Test func summaryFollowsInsertsRepeatsNotAssessableClosingAndRecallSteps() throws {
        let r = try TestRegistry()
        try expectConsistent(r, "empty")
        let p = try r.pregnancy(id: mother, lmp: "2023-01-01", today: "2023-03-25")
        // A positive NT opens a case; a retest is a repeat joining it; re-entering it changes nothing.
        let first = try r.result((p.uuid, nil), "nt", at: "2023-03-25", today: "2023-03-25", values: [("nt_mm", "3.3")])
        try expectConsistent(r, "first positive")
        _ = try r.result((p.uuid, nil), "nt", at: "2023-03-30", today: "2023-03-30", values: [("nt_mm", "1.5")])
        _ = try r.result((p.uuid, nil), "nt", at: "2023-03-25", today: "2023-04-01", values: [("nt_mm", "3.3")])
        #expect(throws: ScreeningError.self) {
            try r.result((p.uuid, nil), "nt", at: "2023-03-25", today: "2023-04-01", values: [("nt_mm", "3.2")])
        }
        try expectConsistent(r, "repeat, re-entry and conflict")
        // Not assessable first: neither screened nor positive, but it claims the subsidy.
        _ = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-01", today: "2023-05-01", conclusion: .notAssessable)
        try expectConsistent(r, "not assessable")
        _ = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-05", today: "2023-05-05", values: [("finding", "not_seen")])
        _ = try r.result((p.uuid, nil), "anomaly_us", at: "2023-05-20", today: "2023-05-20", values: [("finding", "suspected"), ("anomalies", "单腔心")])
        try expectConsistent(r, "anomaly scans")
        // Recall steps touch the case, not the results.
        let caseID = try #require(first.recallCaseID)
        for (step, outcome) in [(RecallStep.contact, "reached"), (.referred, "省妇幼保健院"), (.diagnosed, "not_confirmed")] {
            _ = try r.database.write { db in
                try RecallStepRecording.record(db, context: r.context("2023-04-10"), caseUUID: caseID, step: step, outcome: outcome,
                                               channel: step == .contact ? "phone" : nil, on: day("2023-04-05"))
            }
        }
        try expectConsistent(r, "recall steps")

        // A second pregnancy that ends early: the summary learns the end.
        let other = residentID(born: "1990-01-02", sequence: "046")
        let q = try r.pregnancy(id: other, county: "360702", lmp: "2023-02-01", today: "2023-04-20", name: "陈静")
        _ = try r.result((q.uuid, nil), "thal_gene", at: "2023-04-15", today: "2023-04-20", values: [("alpha", "--SEA/αα"), ("beta", "βN/βN")])
        try expectConsistent(r, "before closing")
        _ = try r.database.write { db in
            try PregnancyRegistration.close(db, context: r.context("2023-04-25"), pregnancyUUID: q.uuid, outcome: .miscarriage, on: day("2023-04-24"))
        }
        try expectConsistent(r, "after closing")

        // Twins with newborn services, a hearing refer then its rescreen.
        let third = residentID(born: "1992-07-07", sequence: "024")
        let t = try r.pregnancy(id: third, lmp: "2022-08-01", today: "2023-03-01", name: "李娜")
        let (one, two) = try r.database.write { db -> (NewbornRecord, NewbornRecord) in
            let ctx = r.context("2023-05-02")
            let a = try BirthRegistration.add(db, context: ctx, pregnancyUUID: t.uuid,
                                              newborn: .init(birthOrder: 1, born: time("2023-05-01T08:10"), sex: .female, gestationalWeeks: 38, birthWeightG: 2800), residentID: nil)
            let b = try BirthRegistration.add(db, context: ctx, pregnancyUUID: t.uuid,
                                              newborn: .init(birthOrder: 2, born: time("2023-05-01T08:25"), sex: .male, gestationalWeeks: 38, birthWeightG: 2700), residentID: nil)
            return (a, b)
        }
        for baby in [one, two] {
            _ = try r.result((nil, baby.uuid), "hearing", at: "2023-05-03T10:00", today: "2023-05-03", values: [("left", "refer"), ("right", "pass")])
            _ = try r.result((nil, baby.uuid), "metabolic", at: "2023-05-04T09:00", today: "2023-05-04",
                             values: [("phe", "60"), ("tsh", "3.1"), ("ohp17", "8"), ("g6pd", "4.5")])
        }
        _ = try r.result((nil, one.uuid), "hearing", at: "2023-05-20T10:00", today: "2023-05-20", values: [("left", "refer"), ("right", "pass")])
        _ = try r.result((nil, two.uuid), "hearing", at: "2023-05-20T10:00", today: "2023-05-20", values: [("left", "pass"), ("right", "pass")])
        try expectConsistent(r, "newborns")

        // The report reads the summary; its figures are those of the raw results.
        let report = try r.database.read { db in
            try ScreeningReportQuery.run(db, programme: programme, plan: ScreeningPlan(cities: [:]), divisions: divisions,
                                         from: day("2022-01-01"), to: day("2023-12-31"))
        }
        let raw = try rawFigures(r)
        // Prenatal lines count deliveries only (the national 产妇数): of these three pregnancies
        // only the twins' mother delivered, and she had no prenatal result.
        for s in report.services where programme.service(s.service)?.subject == .pregnancy {
            #expect(s.denominator == 1 && s.screened == 0 && s.registered == 3, "\(s.service)")
        }
        for s in report.services where raw[s.service] != nil && programme.service(s.service)?.subject == .newborn {
            #expect(s.screened == raw[s.service]![0], "screened \(s.service)")
            #expect(s.positives == raw[s.service]![1], "positives \(s.service)")
        }
        for s in report.services where raw[s.service] != nil {
            let price = programme.service(s.service)!.subsidy(year: 2023) ?? 0
            #expect(s.subsidy == price * Double(raw[s.service]![2]), "subsidy \(s.service)")
        }
        #expect(report.services.first { $0.service == "hearing" }!.positives == 1)
        #expect(report.services.first { $0.service == "hearing" }!.screened == 2)
        // Both twins referred on the first hearing screen: two initial positives, one positive after rescreen.
        #expect(report.services.first { $0.service == "hearing" }!.initialPositives == 2)
    }

    @Test func summaryFollowsALabImportAndItsReimport() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: mother, lmp: "2023-01-01", today: "2023-03-01")
        let csv = """
            pregnancy_id,newborn_id,service,date,institution,conclusion,nt_mm,t21_risk,finding
            \(p.uuid),,nt,2023-03-20,NC-MCH,,1.8,,
            \(p.uuid),,nt,2023-03-27,NC-MCH,positive,1.9,,
            \(p.uuid),,serum,2023-04-20,NC-MCH,,,1/150,
            \(p.uuid),,anomaly_us,2023-05-10,NC-MCH,,,,not_assessable
            \(p.uuid),,anomaly_us,2023-05-17,NC-MCH,,,,not_seen
            \(p.uuid),,nt,2023-03-21,NC-MCH,,22,,
            """
        let file = r.folder.appendingPathComponent("lab.csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let importer = ResultImport(context: r.context("2023-06-01"))
        _ = try importer.run(path: file, database: r.database, dryRun: true)
        #expect(try r.count("SELECT COUNT(*) FROM screening_subject_services") == 0)
        let first = try importer.run(path: file, database: r.database, dryRun: false)
        #expect(first.report.imported == 5)
        try expectConsistent(r, "import")
        #expect(try r.count("SELECT screened FROM screening_subject_services WHERE service = 'nt'") == 1)
        #expect(try r.count("SELECT positive FROM screening_subject_services WHERE service = 'nt'") == 1)
        #expect(try r.count("SELECT screened FROM screening_subject_services WHERE service = 'anomaly_us'") == 1)
        _ = try importer.run(path: file, database: r.database, dryRun: false)
        try expectConsistent(r, "re-import")
        #expect(try r.count("SELECT SUM(results) FROM screening_subject_services") == 5)
    }
}
