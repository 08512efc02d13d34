import Foundation
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// A lab file with every kind of bad row, and its idempotent re-import.
struct ResultImportTests {
    @Test func badRowsAreReportedAndReimportChangesNothing() throws {
        let r = try TestRegistry()
        let p = try r.pregnancy(id: residentID(born: "1995-03-10", sequence: "002"), lmp: "2023-01-01", today: "2023-03-01")
        let n = try r.database.write { db in
            let p2 = try PregnancyRegistration.register(db, context: r.context("2023-03-01"), residentID: residentID(born: "1992-07-07", sequence: "024"),
                                                        name: "陈静", phone: "13900001111", county: "360702", dating: .lmp(day("2022-06-01"))).pregnancy
            return try BirthRegistration.add(db, context: r.context("2023-03-01"), pregnancyUUID: p2.uuid,
                                             newborn: .init(birthOrder: 1, born: time("2023-02-20T06:00"), sex: .male, gestationalWeeks: 39, birthWeightG: 3300),
                                             residentID: nil)
        }
        let csv = """
            pregnancy_id,newborn_id,service,date,institution,conclusion,nt_mm,t21_risk,phe,tsh,ohp17,g6pd,specimen_id
            \(p.uuid),,nt,2023-03-20,NC-MCH,,1.8,,,,,,S1
            \(p.uuid),,serum,2023-04-20,NC-MCH,,,1/150,,,,,S2
            ,\(n.uuid),metabolic,2023-02-23T08:00,JX-MCH,,,,60,3.1,8,4.5,S3
            \(p.uuid),,nt,2023-03-21,NC-MCH,,22,,,,,,S4
            \(p.uuid),,serum,2023/13/01,NC-MCH,,,1/500,,,,,S5
            nope,,nt,2023-03-20,NC-MCH,,1.1,,,,,,S6
            \(p.uuid),,metabolic,2023-03-20,NC-MCH,,,,60,,,,S7
            \(p.uuid),,thal_gene,2023-02-20,NC-MCH,,,,,,,,S8
            ,\(n.uuid),metabolic,2023-02-24T08:00,JX-MCH,maybe,,,abc,,,,S9
            """
        let file = r.folder.appendingPathComponent("lab.csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let importer = ResultImport(context: r.context("2023-05-01"))

        let dry = try importer.run(path: file, database: r.database, dryRun: true)
        #expect(dry.report.imported == 3)
        #expect(try r.count("SELECT COUNT(*) FROM screening_results") == 0)

        let first = try importer.run(path: file, database: r.database, dryRun: false)
        #expect(first.report.rows == 9)
        #expect(first.report.imported == 3)
        #expect(first.report.rejected == 6)
        #expect(first.report.positives == 1)
        let byRow = Dictionary(grouping: first.report.errors, by: \.row)
        #expect(byRow[5]?.map(\.code) == ["value_out_of_range"])
        #expect(byRow[5]?.first?.column == "nt_mm")
        #expect(byRow[6]?.map(\.code) == ["bad_date"])
        #expect(byRow[6]?.first?.column == "date")
        #expect(byRow[7]?.map(\.code) == ["pregnancy_not_found"])
        #expect(byRow[8]?.map(\.code) == ["service_subject"])
        #expect(byRow[9]?.map(\.code) == ["result_undetermined"])
        #expect(byRow[10]?.map(\.code) == ["bad_value"])
        #expect(byRow[10]?.first?.column == "conclusion")
        #expect(try r.count("SELECT COUNT(*) FROM screening_recall_cases") == 1)

        let errorsFile = r.folder.appendingPathComponent("errors.csv").path
        try first.writeErrors(to: errorsFile)
        let errorsText = try String(contentsOfFile: errorsFile, encoding: .utf8)
        #expect(errorsText.contains("错误原因"))
        #expect(errorsText.split(separator: "\r\n").count == 7)

        let outboxBefore = try r.count("SELECT COUNT(*) FROM outbox")
        let second = try importer.run(path: file, database: r.database, dryRun: false)
        #expect(second.report.imported == 0)
        #expect(second.report.unchanged == 3)
        #expect(second.report.rejected == 6)
        #expect(try r.count("SELECT COUNT(*) FROM screening_results") == 3)
        #expect(try r.count("SELECT COUNT(*) FROM screening_recall_cases") == 1)
        #expect(try r.count("SELECT COUNT(*) FROM outbox") == outboxBefore)
    }

    @Test func anUnknownColumnIsRefusedBeforeAnyRow() throws {
        let r = try TestRegistry()
        let file = r.folder.appendingPathComponent("bad.csv").path
        try "pregnancy_id,service,date,nt_m\nx,nt,2023-03-01,1.1\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ScreeningError.self) { try ResultImport(context: r.context("2023-05-01")).run(path: file, database: r.database, dryRun: false) }
        #expect(try r.count("SELECT COUNT(*) FROM import_batches") == 0)
    }
}
