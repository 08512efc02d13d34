import Foundation
import GRDB
import ScreenVaxCore
import Store
@testable import HPV

/// A register with girls in 东湖区 (南昌市) and 章贡区 (赣州市), and the areas of the users who act on it.
struct RegistryFixture {
    let database: RegistryDatabase
    let folder: URL

    static let header = "序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种"
    static let wang = residentID("2011-05-10")                                  // 王小红, 东湖区
    static let li = residentID("2010-08-31", region: "360702", sequence: 4)     // 李梅, 章贡区
    static let today = "2024-04-15"
    static let at = "2024-04-15T10:00:00+08:00"

    static let donghu = AreaScope(countyCode: "360102", cityCode: nil)
    static let xihu = AreaScope(countyCode: "360103", cityCode: nil)
    static let zhanggong = AreaScope(countyCode: "360702", cityCode: nil)
    static let nanchang = AreaScope(countyCode: nil, cityCode: "360100")
    static let ganzhou = AreaScope(countyCode: nil, cityCode: "360700")

    /// One roster row: 地区, name, ID, school, guardian, phone.
    static func row(_ n: Int, area: String, name: String, id: String, school: String = "东湖区第一中学", guardian: String = "王伟",
                    phone: String = "13812345678", className: String = "初一(1)班", consent: String = "是") -> String {
        let birth = String(id.dropFirst(6).prefix(8))
        let date = "\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"
        return "\(n),\(area),\(name),\(date),\(id),\(school),\(className),\(guardian),\(phone),无,\(consent)"
    }

    init() throws {
        (database, folder) = try freshDatabase()
        _ = try importRoster([
            Self.row(1, area: "东湖区", name: "王小红", id: Self.wang),
            Self.row(2, area: "章贡区", name: "李梅", id: Self.li, school: "章贡区第三中学", guardian: "李强", phone: "13712345678"),
        ], area: nil)
    }

    func context(_ area: AreaScope?, operator name: String = "clerk", at: String = RegistryFixture.at) throws -> HPVContext {
        HPVContext(programme: try programme(), divisions: try Divisions.load(schemas: schemasURL), today: date(Self.today),
                   audit: AuditLog(operatorName: name, timestamp: at), area: area)
    }

    func file(_ rows: [String], name: String = "roster-\(UUID().uuidString).csv") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(([Self.header] + rows).joined(separator: "\n").appending("\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importRoster(_ rows: [String], area: AreaScope?, operator name: String = "clerk", dryRun: Bool = false,
                      errorsFile: String? = nil) throws -> RosterImportReport {
        try RosterImporting.run(database, context: context(area, operator: name), source: .file(file(rows)), dryRun: dryRun,
                                errorsFile: errorsFile)
    }

    /// Her enrolment as stored: what a roster must not change when it may not.
    func enrolment(_ id: String) throws -> [String: String] {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT e.county_code, e.city_code, e.school, e.class_name, e.guardian_name, e.guardian_phone, e.version, p.name
                FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?
                """, arguments: [id]) else { return [:] }
            var out: [String: String] = [:]
            for column in row.columnNames { out[column] = row[column].map { "\($0)" } ?? "" }
            return out
        }
    }

    func audit(action: String) throws -> [AuditLog.Entry] {
        try database.read { db in try AuditLog.Entry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE action = ? ORDER BY id", arguments: [action]) }
    }

    func count(_ table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}
