import Assist
import Foundation
import HPV
import Logging
import ScreenVaxCore
import ScreenVaxTestSupport
import Screening
import Store

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

/// The repository's Schemas folder, so tests judge with the shipped programme files.

let hpvProgramme: HPVProgramme = try! HPVProgramme.load(schemas: schemasURL)
let screeningProgramme: ScreeningProgramme = try! ScreeningProgramme.load(schemas: schemasURL)

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// A valid resident ID (an even last sequence digit is a woman).
func residentID(_ born: String, region: String = "360102", sequence: String = "002") -> String {
    TestIDs.residentID(born: born, region: region, sequenceDigits: sequence)
}

/// A registry in a temporary folder holding one HPV girl (dose 1 on 2023-10-10), one pregnant
/// woman with a positive NT result (a recall case whose contact deadline is 2023-03-23), and one
/// pregnant woman without results.
struct Registry {
    static let girl = residentID("2011-05-10")
    static let girlName = "王小红"
    static let guardianPhone = "13812345678"
    static let mother = residentID("1990-01-01", sequence: "002")
    static let motherName = "陈静怡"
    static let quietMother = residentID("1991-02-02", sequence: "004")
    static let motherPhone = "13955554444"

    let database: RegistryDatabase
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("assist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try RegistryDatabase(path: folder.appendingPathComponent("registry.sqlite").path, schemas: schemasURL)
        let audit = AuditLog(operatorName: "test", timestamp: "2023-10-10T09:00:00+08:00")
        let roster = folder.appendingPathComponent("roster.csv").path
        try Data("""
            序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV 疫苗接种 情况,是否愿 意接种
            1,东湖区,\(Registry.girlName),2011-05-10,\(Registry.girl),东湖区第一中学,初一(1)班,王伟,\(Registry.guardianPhone),无,是

            """.utf8).write(to: URL(fileURLWithPath: roster))
        let divisions = try Divisions.load(schemas: schemasURL)
        _ = try RosterImport(programme: hpvProgramme, divisions: divisions, today: day("2023-10-10"), audit: audit)
            .run(path: roster, database: database, dryRun: false)
        let entry = DoseEntry(residentID: try ResidentID(Registry.girl), date: day("2023-10-10"), product: "cecolin", lot: "C1",
                              expiry: day("2025-06-30"), clinic: "东湖区接种门诊")
        _ = try database.write { db in
            try DoseRecords.record(db, entry: entry, today: day("2023-10-10"), knownProducts: hpvProgramme.knownProductCodes, audit: audit)
        }
        let context = ScreeningContext(programme: screeningProgramme, divisions: divisions, today: day("2023-03-20"),
                                       audit: AuditLog(operatorName: "test", timestamp: "2023-03-20T09:00:00+08:00"))
        try database.write { db in
            let p = try PregnancyRegistration.register(db, context: context, residentID: Registry.mother, name: Registry.motherName,
                                                       phone: Registry.motherPhone, county: "360102", dating: .lmp(day("2023-01-01"))).pregnancy
            let subject = try ResultRecording.subject(db, pregnancyUUID: p.uuid, newbornUUID: nil)
            _ = try ResultRecording.record(db, context: context, subject: subject,
                                           input: ResultInput(service: "nt", performed: ClinicalTime("2023-03-20")!, values: [("nt_mm", "4.0")]))
            _ = try PregnancyRegistration.register(db, context: context, residentID: Registry.quietMother, name: "刘敏",
                                                   phone: "13900001111", county: "360102", dating: .lmp(day("2023-01-01")))
        }
    }

    func engine(ai: AIConfiguration? = nil) -> AssistEngine {
        AssistEngine(database: database, hpvProgramme: hpvProgramme, screeningProgramme: screeningProgramme, ai: ai,
                     logger: Logger(label: "assist-test"))
    }

    struct NotFound: Error { let id: String }

    func facts(_ id: String) throws -> PatientFacts {
        guard let facts = try database.read({ db in try PatientFactsQuery.find(db, patientID: id, hpvProgramme: hpvProgramme.id) }) else {
            throw NotFound(id: id)
        }
        return facts
    }
}
