import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("hpv roster-status: back to the school in its own form")
struct RosterStatusTests {
    static let header = ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话",
                         "既往HPV疫苗接种情况", "是否愿意接种", "第一剂次日期", "第二剂次日期", "状态", "下次接种日期"]

    func read(_ path: String) throws -> [[String]] {
        let reader = try SheetReader(path: path)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.texts + Array(repeating: "", count: max(0, 15 - row.cells.count))) }
        return rows
    }

    @Test("The 附3 columns in order, then doses, status and next date; masked unless asked", arguments: [
        ("status.xlsx", false), ("status.csv", false), ("status.xlsx", true),
    ])
    func written(name: String, showPII: Bool) throws {
        let f = try RegistryFixture()
        let second = residentID("2011-02-02", sequence: 62)
        _ = try f.importRoster([RegistryFixture.row(3, area: "东湖区", name: "冯二", id: second, className: "初一(2)班", consent: "否（担心副作用）")], area: nil)
        _ = try DoseRecording.record(f.database, context: f.context(nil), input: DoseInput(
            girl: .residentID(RegistryFixture.wang), date: "2023-10-10", product: "cecolin", lot: "C1", expiry: "2025-06-30"))
        let path = f.folder.appendingPathComponent(name).path
        let out = try RosterStatusExport.write(f.database, context: f.context(nil), school: "东湖区第一中学", county: nil, showPII: showPII, path: path)
        #expect(out.girls == 2 && out.format == (name.hasSuffix("xlsx") ? "xlsx" : "csv"))
        let rows = try read(path)
        #expect(rows.first == Self.header)
        #expect(rows.count == 3)
        let wang = rows[1]
        #expect(wang[2] == "王小红" && wang[1] == "东湖区")
        #expect(wang[4] == (showPII ? RegistryFixture.wang : Masking.residentID(RegistryFixture.wang)))
        #expect(wang[8] == (showPII ? "13812345678" : Masking.phone("13812345678")))
        #expect(wang[10] == "是" && wang[11] == "2023-10-10" && wang[12] == "")
        #expect(wang[13] == "应种" && wang[14] == "2024-04-10")   // as of 2024-04-15, dose 2 due from 10 April
        let feng = rows[2]
        #expect(feng[2] == "冯二" && feng[10].hasPrefix("否") && feng[13] == "拒绝接种" && feng[14] == "")
    }

    @Test("Refused: an unknown school, a school outside the caller's area, a file that is neither xlsx nor csv", arguments: [
        ("无此学校", nil as AreaScope?, "status.xlsx", "school_not_found"),
        ("章贡区第三中学", RegistryFixture.donghu, "status.xlsx", "school_not_found"),
        ("东湖区第一中学", nil, "status.txt", "bad_extension"),
    ])
    func refused(school: String, area: AreaScope?, name: String, code: String) throws {
        let f = try RegistryFixture()
        let path = f.folder.appendingPathComponent(name).path
        do {
            _ = try RosterStatusExport.write(f.database, context: f.context(area), school: school, county: nil, showPII: false, path: path)
            Issue.record("wrote \(school)")
        } catch let error as HPVError {
            #expect(error.code == code)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
