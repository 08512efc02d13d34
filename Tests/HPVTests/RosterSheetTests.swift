import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

/// The 附3 form as schools send it, CSV and xlsx, from the fixtures made by
/// Tests/ScreenVaxCoreTests/Fixtures/make_xlsx.py (XlsxWriter: roster-form.*, hpv-trap-*.xlsx).
@Suite("The form as it arrives: header search, footer lines, Excel's traps, CSV and xlsx alike")
struct RosterSheetTests {
    static let fixtures = schemasURL.deletingLastPathComponent().appendingPathComponent("Tests/ScreenVaxCoreTests/Fixtures")

    static func run(_ name: String, county: String? = nil, errorsFile: String? = nil) throws -> (RosterImportReport, RegistryDatabase) {
        let (database, _) = try freshDatabase()
        let context = HPVContext(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: date("2024-04-15"),
                                 audit: AuditLog(operatorName: "clerk", timestamp: "2024-04-15T10:00:00+08:00"))
        let report = try RosterImporting.run(database, context: context, source: .file(fixtures.appendingPathComponent(name).path),
                                             dryRun: false, errorsFile: errorsFile, county: county)
        return (report, database)
    }

    @Test("The same roster as CSV and xlsx gives the same result: rows, errors at the sheet's rows, form lines", arguments: [
        "roster-form.csv", "roster-form.xlsx",
    ])
    func sameResult(file: String) throws {
        let (r, database) = try Self.run(file)
        #expect(r.format == (file.hasSuffix("xlsx") ? "xlsx" : "csv"))
        // 陈静's ID (full-width in the file) has an odd sequence digit: the fixture's one boy, excluded like 刘芳 (有 prior doses).
        #expect(r.rows == 5 && r.imported == 1 && r.excluded == 2 && r.rejected == 2, "\(r.errors)")
        #expect(r.exclusions == ["male": 1, "previously_vaccinated": 1])
        #expect(r.errors.map(\.row) == [4, 5])
        #expect(r.errors.allSatisfy { $0.code == "id_as_number" && $0.column == "身份证号码" })
        #expect(r.form.title == "初一女生HPV疫苗受种对象名册")
        #expect(r.form.schoolHead == "张建国" && r.form.contact == "李老师" && r.form.contactPhone == "0791-86801234")
        #expect(r.form.filledOn == "2023-09-05")
        let stored = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT f.* FROM hpv_roster_forms f JOIN import_batches b ON b.id = f.batch_id")
                .map { [$0["school_head"] as String?, $0["filled_on"] as String?] }
        }
        #expect(stored == ["张建国", "2023-09-05"])
        let names = try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM persons ORDER BY name") }
        #expect(Set(names) == ["王小红", "陈静", "刘芳"])
    }

    @Test("form: every key present, null where the form left it out")
    func formJSON() throws {
        var form = RosterForm()
        let footer = form.read(footer: ["学校负责人：", "张建国", "联系人:李老师"])
        let dataRow = form.read(footer: ["1", "东湖区"])
        #expect(footer && !dataRow)
        let json = try #require(try JSONSerialization.jsonObject(with: OutputJSON.data(form)) as? [String: Any])
        #expect(json["title"] is NSNull && json["school_head"] as? String == "张建国" && json["contact"] as? String == "李老师")
        #expect(json["filled_on"] is NSNull && json["contact_phone"] is NSNull)
    }

    @Test("One xlsx per Excel trap", arguments: [
        // (file, rows, imported, rejected rows, warning rows)
        ("hpv-trap-id-number.xlsx", 3, 1, [2, 3], [Int]()),
        ("hpv-trap-id-number-0.xlsx", 1, 0, [2], []),
        ("hpv-trap-serial-date.xlsx", 2, 2, [], [3]),
        ("hpv-trap-merged.xlsx", 3, 3, [], []),
        ("hpv-trap-trailing-rows.xlsx", 2, 2, [], []),
        ("hpv-trap-apostrophe.xlsx", 1, 1, [], []),
        ("hpv-trap-full-width.xlsx", 1, 1, [], []),
    ])
    func trap(file: String, rows: Int, imported: Int, rejected: [Int], warnings: [Int]) throws {
        let (r, database) = try Self.run(file)
        #expect(r.rows == rows && r.imported == imported, "\(r.errors)")
        #expect(r.errors.map(\.row) == rejected)
        #expect(r.errors.allSatisfy { $0.code == "id_as_number" })
        #expect(r.warnings.map(\.row) == warnings)
        #expect(r.warnings.allSatisfy { $0.code == "date_as_number" })
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT p.resident_id, p.birth_date, e.county_code, e.guardian_phone FROM persons p JOIN hpv_enrollments e ON e.person_id = p.id")
                .map { [$0["resident_id"] as String, $0["birth_date"] as String, $0["county_code"] as String, $0["guardian_phone"] as String] }
        }
        for row in stored {
            #expect(row[0].count == 18 && row[0].allSatisfy(\.isASCII))
            #expect(row[2] == "360102" && row[3] == "13800000000")
            #expect(row[1].hasPrefix("2011-03-0"))
        }
    }

    @Test("An xlsx roster's errors file is xlsx: the roster's columns and 错误原因")
    func xlsxErrorsFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("退回名单").path
        let (r, _) = try Self.run("hpv-trap-id-number.xlsx", errorsFile: path)
        #expect(r.rejected == 2)
        let reader = try SheetReader(path: path)
        #expect(reader.format == .xlsx)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.first?.texts == ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话",
                                      "既往HPV疫苗接种情况", "是否愿意接种", "错误原因"])
        #expect(rows.count == 3)
        #expect(rows[1][4].text == "3.60102E+17")
        #expect(rows[1][11].text.contains("文本"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("No header among the first 10 rows: missing_column, naming what is missing")
    func noHeader() throws {
        let (_, dir) = try freshDatabase()
        let path = dir.appendingPathComponent("late.csv").path
        let lines = Array(repeating: "说明,,", count: 10) + [RegistryFixture.header]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let (database, _) = try freshDatabase()
        let context = HPVContext(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: date("2024-04-15"),
                                 audit: AuditLog(operatorName: "clerk", timestamp: "2024-04-15T10:00:00+08:00"))
        do {
            _ = try RosterImporting.run(database, context: context, source: .file(path), dryRun: false)
            Issue.record("found a header on row 11")
        } catch let error as HPVError {
            #expect(error.code == "missing_column")
        }
    }
}
