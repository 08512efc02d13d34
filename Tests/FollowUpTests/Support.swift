import Foundation
import GRDB
import HPV
import ScreenVaxCore
import ScreenVaxTestSupport
import Screening
import Store
@testable import FollowUp

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

/// The repository's own Schemas folder, so tests run against the shipped policy and programmes.

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// `2024-04-15T09:30`.
func t(_ text: String) -> CallTime { CallTime(text)! }

/// The shipped call policy, optionally edited as a county would edit the file.
func policy(_ edit: ((inout [String: Any]) -> Void)? = nil) throws -> CallPolicy {
    guard let edit else { return try CallPolicy.load(schemas: schemasURL) }
    let data = try Data(contentsOf: schemasURL.appendingPathComponent("programs/followup-2023.json"))
    var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    edit(&json)
    return try ProgrammeFile.decode(CallPolicy.self, data: try JSONSerialization.data(withJSONObject: json), file: "edited.json")
}

/// A valid resident ID for a region, birth date and sequence (even last digit: female).
func residentID(_ birth: String, region: String = "360102", sequence: Int = 2) -> String {
    TestIDs.residentID(born: birth, region: region, sequence: sequence)
}

func reason(_ key: String, _ source: ReasonSource = .hpv, _ priority: Priority = .due, phone: String = "13812345678",
            deadline: String = "2024-06-01", addressee: String = "王伟") -> CallReason {
    CallReason(key: key, source: source, priority: priority, phone: phone, addressee: addressee, subjectUUID: key,
               reference: key, deadline: deadline)
}

/// A registry in its own temporary folder, with the shipped programmes.
struct Registry {
    let database: RegistryDatabase
    let folder: URL
    let hpv: HPVProgramme
    let screening: ScreeningProgramme
    let divisions: Divisions
    let policy: CallPolicy

    init(policy: CallPolicy? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("followup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try RegistryDatabase(path: folder.appendingPathComponent("t.sqlite").path, schemas: schemasURL)
        hpv = try HPVProgramme.load(schemas: schemasURL)
        screening = try ScreeningProgramme.load(schemas: schemasURL)
        divisions = try Divisions.load(schemas: schemasURL)
        self.policy = try policy ?? FollowUpTests.policy()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func audit(_ today: String) -> AuditLog { AuditLog(operatorName: "test", timestamp: "\(today)T08:00:00+08:00") }

    func context(_ today: String) -> FollowUpContext {
        FollowUpContext(policy: policy, hpv: hpv,
                        screening: ScreeningContext(programme: screening, divisions: divisions, today: day(today), audit: audit(today)),
                        audit: audit(today))
    }

    func count(_ sql: String, _ args: StatementArguments = []) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: sql, arguments: args)! }
    }

    func string(_ sql: String, _ args: StatementArguments = []) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: sql, arguments: args) }
    }

    /// Girls on a school roster: (name, birth date, ID sequence, guardian, phone).
    func roster(_ girls: [(name: String, born: String, seq: Int, guardian: String, phone: String)]) throws {
        let header = "序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种"
        let rows = girls.enumerated().map { i, g in
            "\(i + 1),东湖区,\(g.name),\(g.born),\(residentID(g.born, sequence: g.seq)),东湖区第一中学,初一(1)班,\(g.guardian),\(g.phone),无,是"
        }
        let file = path("roster-\(UUID().uuidString.prefix(6)).csv")
        try (([header] + rows).joined(separator: "\r\n") + "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
        let importer = RosterImport(programme: hpv, divisions: divisions, today: day("2023-09-15"), audit: audit("2023-09-15"))
        _ = try importer.run(path: file, database: database, dryRun: false)
    }

    /// A pregnancy with a screen-positive serum result: an open recall case waiting for contact.
    func positiveRecall(id: String, name: String = "王芳", phone: String = "13912345678", lmp: String, resultDay: String,
                        today: String) throws -> String {
        try database.write { db in
            let sc = ScreeningContext(programme: screening, divisions: divisions, today: day(today), audit: audit(today))
            let p = try PregnancyRegistration.register(db, context: sc, residentID: id, name: name, phone: phone,
                                                       county: "360102", dating: .lmp(day(lmp))).pregnancy
            let s = try ResultRecording.subject(db, pregnancyUUID: p.uuid, newbornUUID: nil)
            _ = try ResultRecording.record(db, context: sc, subject: s,
                                           input: ResultInput(service: "serum", performed: ClinicalTime(date: day(resultDay)),
                                                              values: [("t21_risk", "1/150"), ("afp_mom", "1.1")], conclusion: nil))
            return try String.fetchOne(db, sql: "SELECT uuid FROM screening_recall_cases")!
        }
    }
}
