import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("Roster import (附3), UTF-8 and GB18030")
struct RosterImportTests {
    static let header = "序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV 疫苗接种 情况,是否愿 意接种"

    /// An ID whose check character is X, to test lower-case x and spaces.
    static let idWithX: String = {
        for seq in stride(from: 2, to: 999, by: 2) {
            let id = residentID("2011-06-01", region: "360103", sequence: seq)
            if id.hasSuffix("X") { return id }
        }
        fatalError("no X check character found")
    }()

    static let girlA = residentID("2011-05-10")
    static let girlB = residentID("2010-08-31", region: "360702", sequence: 4)

    /// Every kind of row: valid, excluded for each reason, and rejected for each check.
    static var rows: [String] {
        let badCheck = String(residentID("2011-03-03").dropLast()) + (residentID("2011-03-03").hasSuffix("1") ? "2" : "1")
        let impossible = "360102" + "20110230" + "002"
        return [
            "1,东湖区,王小红,2011-05-10,\(girlA),东湖区第一中学,初一(1)班,王伟,13812345678,无,是",
            "2,360702,李梅,2010/8/31,\(girlB),章贡区第三中学,初一(2)班,李强,13912345678,无,是",
            "3,东湖区,张丽,2011-01-02,\(residentID("2011-01-02", sequence: 6)),东湖区第一中学,初一(1)班,张军,13712345678,无,否（担心副作用）",
            "4,东湖区,赵敏,2011-02-03,\(residentID("2011-02-03", sequence: 8)),东湖区第一中学,初一(1)班,赵刚,13612345678,有,是",
            "5,东湖区,钱明,2011-04-04,\(residentID("2011-04-04", sequence: 11)),东湖区第一中学,初一(1)班,钱平,13512345678,无,是",
            "6,东湖区,孙琳,2008-06-01,\(residentID("2008-06-01", sequence: 12)),东湖区第一中学,初一(1)班,孙涛,13412345678,无,是",
            "7,东湖区,周洁,2011-03-03,\(badCheck),东湖区第一中学,初一(1)班,周辉,13312345678,无,是",
            "8,东湖区,吴静,2011-07-07,\(residentID("2011-07-08", sequence: 14)),东湖区第一中学,初一(1)班,吴斌,13212345678,无,是",
            "9,火星区,郑瑶,2011-09-09,\(residentID("2011-09-09", sequence: 16)),东湖区第一中学,初一(1)班,郑宇,13112345678,无,是",
            "10,东湖区,,2011-10-10,\(residentID("2011-10-10", sequence: 18)),东湖区第一中学,初一(1)班,冯浩,13012345678,无,是",
            "11,东湖区,陈欣,2011-02-30,\(residentID("2011-02-28", sequence: 20)),东湖区第一中学,初一(1)班,陈凯,15012345678,无,是",
            "12,东湖区,褚悦,2011-11-11,\(residentID("2011-11-11", sequence: 22)),东湖区第一中学,初一(1)班,褚健,12345,无,是",
            "13,东湖区,卫宁,2011-02-30,\(impossible + String(ResidentID.checkCharacter(for: impossible))),东湖区第一中学,初一(1)班,卫俊,15112345678,无,是",
            "14,东湖区,蒋芳,2011-12-12,\(residentID("2011-12-12", sequence: 24)),东湖区第一中学,初一(1)班,蒋帆,15212345678,无,也许",
            "15,西湖区,沈佳, 2011-06-01 , \(idWithX.lowercased()) ,西湖区第二中学,初一(3)班,沈飞,+86 153 1234 5678,无,是",
            "16,南昌市东湖区,韩雪,2011年5月1日,\(residentID("2011-05-01", sequence: 26)),东湖区第一中学,初一(2)班,韩鹏,15512345678,无,Y",
            "17,东湖区,王小红,2011-05-10,\(girlA),东湖区第一中学,初一(1)班,王伟,13812345678,无,是",
            "18,360702,李小梅,2010-08-31,\(girlB),章贡区第三中学,初一(2)班,李强,13912345678,无,是",
        ]
    }

    static var csv: String { ([header] + rows).joined(separator: "\r\n") + "\r\n" }

    func importer() throws -> RosterImport {
        RosterImport(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL),
                     today: date("2026-11-29"), audit: AuditLog(operatorName: "test", timestamp: "2023-09-15T09:00:00+08:00"))
    }

    func counts(_ db: RegistryDatabase) throws -> [String: Int] {
        try db.read { db in
            var c: [String: Int] = [:]
            for t in ["persons", "hpv_enrollments", "outbox", "hpv_doses"] {
                c[t] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)")!
            }
            return c
        }
    }

    @Test("Every kind of row, in both encodings: counts, codes, errors file, and a re-import that changes nothing",
          arguments: [false, true])
    func everyKindOfRow(gb18030: Bool) throws {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try (gb18030 ? try GB18030Encoder.encode(Self.csv) : Data(Self.csv.utf8)).write(to: URL(fileURLWithPath: file))
        let errorsPath = dir.appendingPathComponent("errors.csv").path
        var streaming = try importer()
        streaming.errorsFile = try RosterErrorsFile(path: errorsPath)
        let first = try streaming.run(path: file, database: db, dryRun: false)
        try streaming.errorsFile?.finish()
        let r = first.report
        #expect(r.encoding == (gb18030 ? .gb18030 : .utf8))
        // Row 1 and row 17 are the same girl: the later row is kept, the earlier skipped with a warning.
        #expect((r.rows, r.imported, r.unchanged, r.excluded, r.rejected, r.duplicates) == (18, 4, 0, 4, 9, 1))
        #expect(r.warnings.map(\.code) == ["duplicate_in_file"] && r.warnings.first?.row == 2)
        #expect(r.exclusions == ["declined": 1, "previously_vaccinated": 1, "male": 1, "over_age": 1])
        let byRow = Dictionary(grouping: r.errors, by: \.row)
        #expect(byRow[8]?.map(\.code) == ["id_checksum"])
        #expect(byRow[8]?.first?.column == "身份证号码")
        #expect(byRow[9]?.map(\.code) == ["birth_date_mismatch"])
        #expect(byRow[10]?.map(\.code) == ["unknown_area"])
        #expect(byRow[11]?.map(\.code) == ["missing_value"])
        #expect(byRow[11]?.first?.column == "学生姓名")
        #expect(byRow[12]?.map(\.code) == ["bad_date"])
        #expect(byRow[13]?.map(\.code) == ["bad_phone"])
        #expect(byRow[14]?.map(\.code) == ["id_birth_date", "bad_date"])
        #expect(byRow[15]?.map(\.code) == ["bad_answer"])
        #expect(byRow[19]?.map(\.code) == ["id_conflict"])
        #expect(byRow[19]?.first?.message.contains("李梅") == true)
        #expect(byRow[19]?.first?.message.contains("李小梅") == true)
        #expect(!r.errors.contains { $0.message.contains(Self.girlB) }, "messages never carry a full ID")
        #expect(try counts(db) == ["persons": 8, "hpv_enrollments": 8, "outbox": 16, "hpv_doses": 0])

        #expect(r.errorsTotal == r.errors.count)
        let errorsText = try String(contentsOfFile: errorsPath, encoding: .utf8)
        let lines = errorsText.split(separator: "\r\n")
        let raw = try Data(contentsOf: URL(fileURLWithPath: errorsPath))
        #expect(Array(raw.prefix(3)) == [0xEF, 0xBB, 0xBF], "a BOM so that Excel opens it as UTF-8")
        #expect(errorsText.hasPrefix("序号,地区,学生姓名"))
        #expect(lines.count == 10)
        #expect(lines[0].hasSuffix(",错误原因"))
        #expect(lines[1].hasPrefix("7,东湖区,周洁"))

        let again = try importer().run(path: file, database: db, dryRun: false).report
        #expect((again.rows, again.imported, again.unchanged, again.excluded, again.rejected) == (18, 0, 4, 4, 9))
        #expect(try counts(db) == ["persons": 8, "hpv_enrollments": 8, "outbox": 16, "hpv_doses": 0])
    }

    @Test("The stored facts: refusal reason, normalised ID and phone, county from a code, a date in Chinese")
    func storedFacts() throws {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        _ = try importer().run(path: file, database: db, dryRun: false)
        try db.read { db in
            let declined = try Row.fetchOne(db, sql: "SELECT consent, refusal_reason FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.name = '张丽'")!
            #expect(declined["consent"] as String == "declined")
            #expect(declined["refusal_reason"] as String == "担心副作用")
            let x = try Row.fetchOne(db, sql: "SELECT p.resident_id, e.guardian_phone, e.county_code FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.name = '沈佳'")!
            #expect(x["resident_id"] as String == Self.idWithX)
            #expect(x["guardian_phone"] as String == "15312345678")
            #expect(x["county_code"] as String == "360103")
            let b = try Row.fetchOne(db, sql: "SELECT county_code, city_code FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.name = '李梅'")!
            #expect(b["county_code"] as String == "360702")
            #expect(b["city_code"] as String == "360700")
        }
    }

    @Test("A dry run reports the same and writes nothing")
    func dryRun() throws {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        let r = try importer().run(path: file, database: db, dryRun: true).report
        #expect((r.imported, r.excluded, r.rejected) == (4, 4, 9))
        #expect(try counts(db) == ["persons": 0, "hpv_enrollments": 0, "outbox": 0, "hpv_doses": 0])
    }

    @Test("The same girl on two schools' rosters is one person; her enrolment moves")
    func twoRosters() throws {
        let (db, dir) = try freshDatabase()
        let a = dir.appendingPathComponent("a.csv").path
        let b = dir.appendingPathComponent("b.csv").path
        try Data((Self.header + "\n" + Self.rows[0] + "\n").utf8).write(to: URL(fileURLWithPath: a))
        let moved = Self.rows[0].replacingOccurrences(of: "东湖区第一中学", with: "东湖区第五中学")
        try Data((Self.header + "\n" + moved + "\n").utf8).write(to: URL(fileURLWithPath: b))
        _ = try importer().run(path: a, database: db, dryRun: false)
        let second = try importer().run(path: b, database: db, dryRun: false).report
        #expect(second.imported == 1)
        #expect(try counts(db)["persons"] == 1)
        #expect(try counts(db)["hpv_enrollments"] == 1)
        let (school, version) = try db.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT school, version FROM hpv_enrollments")!
            return (row["school"] as String, row["version"] as Int)
        }
        #expect(school == "东湖区第五中学")
        #expect(version == 2)
    }

    @Test("A file without the form's columns is refused before anything is written")
    func missingColumns() throws {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("bad.csv").path
        try Data("姓名,学校\n王小红,一中\n".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try importer().run(path: file, database: db, dryRun: false)
            Issue.record("accepted a file without the form's columns")
        } catch let error as HPVError {
            #expect(error.code == "missing_column")
            #expect(error.message.contains("身份证号码"))
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM import_batches") } == 0)
    }

    @Test("A crash mid-import leaves the database as it was")
    func atomic() throws {
        let (db, dir) = try freshDatabase()
        let file = dir.appendingPathComponent("roster.csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        // The whole file is read and written, then the process fails before the commit.
        var big = Self.header + "\n"
        for i in 0..<5001 { big += "\(i),东湖区,王小红,2011-05-10,\(Self.girlA),东湖区第一中学,初一(1)班,王伟,13812345678,无,是\n" }
        try Data(big.utf8).write(to: URL(fileURLWithPath: file))
        let interrupting = RosterImportInterruption(importer: try importer())
        #expect(throws: (any Error).self) { try interrupting.run(path: file, database: db) }
        #expect(try counts(db) == ["persons": 0, "hpv_enrollments": 0, "outbox": 0, "hpv_doses": 0])
    }
}

/// Runs an import whose progress callback throws, as a stand-in for an interrupted process.
struct RosterImportInterruption {
    let importer: RosterImport
    struct Interrupted: Error {}

    func run(path: String, database: RegistryDatabase) throws {
        try database.write { db in
            _ = try importer.importFile(path: path, fileName: "roster.csv", db: db, dryRun: false)
            throw Interrupted()
        }
    }
}
