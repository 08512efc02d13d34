import Foundation
import GRDB
import ScreenVaxCore
import Store
@testable import Screening

/// Mothers and babies as labs know them: a single baby with a specimen, twins, a mother in another
/// county, an open pregnancy, and a baby with its own resident ID.
struct LabWorld {
    let r: TestRegistry
    /// Names → subject uuids: a1, b1, b2, c1, d (pregnancy), e1.
    var subjects: [String: String] = [:]
    static let a = residentID(born: "1995-03-10", sequence: "002")
    static let b = residentID(born: "1992-07-07", sequence: "024")
    static let c = residentID(region: "360702", born: "1990-01-02", sequence: "046")
    static let d = residentID(born: "1993-11-11", sequence: "068")
    static let e = residentID(born: "1991-02-03", sequence: "080")
    static let e1ID = residentID(born: "2023-05-03", sequence: "011")

    init() throws {
        r = try TestRegistry()
        let ctx = r.context("2023-05-10")
        subjects = try r.database.write { db in
            var out: [String: String] = [:]
            func mother(_ id: String, _ name: String, county: String, lmp: String) throws -> PregnancyRecord {
                try PregnancyRegistration.register(db, context: r.context("2023-03-01"), residentID: id, name: name, phone: "13812345678",
                                                   county: county, dating: .lmp(day(lmp))).pregnancy
            }
            func baby(_ p: PregnancyRecord, order: Int, born: String, id: String? = nil, sex: ResidentID.Sex = .female) throws -> NewbornRecord {
                try BirthRegistration.add(db, context: ctx, pregnancyUUID: p.uuid,
                                          newborn: .init(birthOrder: order, born: time(born), sex: sex, gestationalWeeks: 39, birthWeightG: 3200),
                                          residentID: id)
            }
            let a = try mother(LabWorld.a, "王芳", county: "360102", lmp: "2022-08-01")
            let a1 = try baby(a, order: 1, born: "2023-05-01T08:00")
            out["a1"] = a1.uuid.raw
            _ = try SpecimenTracking.collect(db, context: ctx, subject: SubjectRef(pregnancy: a, newborn: a1), service: "metabolic", number: "M1",
                                             collectedAt: time("2023-05-04T09:00"), institution: "NC-MCH-BH")
            let b = try mother(LabWorld.b, "李娜", county: "360102", lmp: "2022-08-05")
            out["b1"] = try baby(b, order: 1, born: "2023-05-02T07:00").uuid.raw
            out["b2"] = try baby(b, order: 2, born: "2023-05-02T07:20").uuid.raw
            let c = try mother(LabWorld.c, "陈静", county: "360702", lmp: "2022-08-03")
            out["c1"] = try baby(c, order: 1, born: "2023-05-01T10:00").uuid.raw
            out["d"] = try mother(LabWorld.d, "赵敏", county: "360102", lmp: "2023-01-01").uuid.raw
            let e = try mother(LabWorld.e, "周婷", county: "360102", lmp: "2022-08-02")
            out["e1"] = try baby(e, order: 1, born: "2023-05-03T06:00", id: LabWorld.e1ID, sex: .male).uuid.raw
            return out
        }
    }

    /// Imports one row under the Chinese lab header; returns the report and the subject it landed on.
    func importRow(_ cells: [String: String], inArea: (@Sendable (String, String) -> Bool)? = nil) throws -> (ResultImportReport, String?) {
        let header = ["标本编号", "母亲身份证号", "母亲姓名", "出生顺序", "新生儿身份证号", "检测项目", "检测日期", "检测机构",
                      "苯丙氨酸", "促甲状腺激素", "17-羟孕酮", "G6PD活性", "NT值"]
        let csv = header.joined(separator: ",") + "\n" + header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n"
        let file = r.folder.appendingPathComponent("lab-\(UUID().uuidString).csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try ResultImport(context: r.context("2023-05-10"), inArea: inArea).run(path: file, database: r.database, dryRun: false)
        let subject = try r.database.read { db in
            try String.fetchOne(db, sql: """
                SELECT COALESCE(n.uuid, p.uuid) FROM screening_results r JOIN screening_pregnancies p ON p.id = r.pregnancy_id
                LEFT JOIN screening_newborns n ON n.id = r.newborn_id ORDER BY r.id DESC LIMIT 1
                """)
        }
        return (result.report, subject)
    }

    static let metabolic = ["检测项目": "遗传代谢病筛查", "检测日期": "2023-05-05T10:00", "检测机构": "JX-MCH",
                            "苯丙氨酸": "60", "促甲状腺激素": "3.1", "17-羟孕酮": "8", "G6PD活性": "4.5"]
}
