import Foundation
import GRDB
import ScreenVaxCore
import ScreenVaxTestSupport
import Store
@testable import Screening

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

/// The repository's own Schemas folder, so tests run against the real programme file.

let programme: ScreeningProgramme = try! ScreeningProgramme.load(schemas: schemasURL)
let divisions: Divisions = try! Divisions.load(schemas: schemasURL)

func service(_ code: String) -> Service { programme.service(code)! }

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

func time(_ text: String) -> ClinicalTime { ClinicalTime(text)! }

/// A valid resident ID for a region, birth date and sequence (an even last sequence digit is a woman).
func residentID(region: String = "360102", born: String, sequence: String) -> String {
    TestIDs.residentID(born: born, region: region, sequenceDigits: sequence)
}

/// A new registry in a temporary folder, with a context pinned to `today`.
struct TestRegistry {
    let database: RegistryDatabase
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("screening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try RegistryDatabase(path: folder.appendingPathComponent("t.sqlite").path, schemas: schemasURL)
    }

    func context(_ today: String) -> ScreeningContext {
        ScreeningContext(programme: programme, divisions: divisions, today: day(today),
                         audit: AuditLog(operatorName: "test", timestamp: "\(today)T09:00:00+08:00"))
    }

    func count(_ sql: String) throws -> Int { try database.read { db in try Int.fetchOne(db, sql: sql)! } }

    func pregnancy(id: String, county: String = "360102", lmp: String, today: String, name: String = "王芳") throws -> PregnancyRecord {
        try database.write { db in
            try PregnancyRegistration.register(db, context: context(today), residentID: id, name: name, phone: "13812345678",
                                               county: county, dating: .lmp(day(lmp))).pregnancy
        }
    }

    func result(_ subject: (pregnancy: PregnancyID?, newborn: NewbornID?), _ code: String, at: String, today: String,
                values: [(key: String, value: String)] = [], conclusion: LabConclusion? = nil) throws -> RecordedResult {
        try database.write { db in
            let s = try ResultRecording.subject(db, pregnancyUUID: subject.pregnancy, newbornUUID: subject.newborn)
            return try ResultRecording.record(db, context: context(today), subject: s,
                                              input: ResultInput(service: code, performed: time(at), values: values, conclusion: conclusion))
        }
    }
}
