import Foundation
import GRDB
import ScreenVaxCore
import Store

/// What `hpv roster-status` answers: where the file went and how many girls it lists.
public struct RosterStatusOutput: Encodable, Sendable {
    public let school: String
    public let girls: Int
    public let file: String
    public let format: String
}

/// `hpv roster-status` and the web's download per school: the school's girls back in the 附3 form's
/// own columns and order, with their doses, status and next date, so that the school can chase the
/// girls who have not come. IDs and phones are masked unless the caller asks for them in full.
public enum RosterStatusExport {
    public static let header = [
        "序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话", "既往HPV疫苗接种情况", "是否愿意接种",
        "第一剂次日期", "第二剂次日期", "状态", "下次接种日期",
    ]

    /// The rows of one school's girls (of the caller's area, and of `county` when given), by class
    /// then name.
    public static func rows(_ database: RegistryDatabase, context: HPVContext, school raw: String, county: String?, showPII: Bool) throws -> [[String]] {
        let school = try FieldInput.text(raw, field: "school")
        guard !school.isEmpty else { throw HPVError.field(code: "missing_value", message: "school is empty; give the school's name as on its roster", field: "school") }
        var countyCode: String?
        if let county {
            guard let c = context.divisions.resolve(county.trimmingSpaces()) else {
                throw HPVError.field(code: "unknown_county",
                                     message: "county \"\(HPVError.clip(county))\" is not a Jiangxi county; give its 6-digit code (360102) or name (南昌市东湖区)",
                                     field: "county")
            }
            countyCode = c.code
        }
        let programme = context.programme
        var girls: [Girl] = []
        try database.read { db in
            try Register.forEachGirl(db, programme: programme.id, filter: Register.Filter(countyCode: countyCode, school: school)) { girl in
                if context.covers(girl) { girls.append(girl) }
            }
        }
        guard !girls.isEmpty else {
            throw HPVError.field(code: "school_not_found",
                                 message: "no girl of \"\(HPVError.clip(school))\" is on the register\(context.area == nil ? "" : " in your area"); "
                                    + "give the school's name exactly as its roster writes 在读学校",
                                 field: "school")
        }
        girls.sort { ($0.className, $0.name, $0.residentID) < ($1.className, $1.name, $1.residentID) }
        return girls.enumerated().map { i, girl in
            let f = Forecaster.forecast(facts: girl.facts, doses: girl.doses, programme: programme, asOf: context.today)
            func doseDate(_ n: Int) -> String { f.doses.first { $0.number == n && $0.valid }?.dose.date.iso ?? "" }
            let consent = switch girl.consent {
            case .given: "是"
            case .declined: girl.refusalReason.isEmpty ? "否" : "否（\(girl.refusalReason)）"
            case .unknown: ""
            }
            let next = [.due, .overdue, .scheduled].contains(f.status) ? f.next?.due.iso ?? "" : ""
            return [String(i + 1), context.divisions.county(code: girl.countyCode)?.name ?? girl.countyCode, girl.name, girl.birthDate.iso,
                    showPII ? girl.residentID : Masking.residentID(girl.residentID), girl.school, girl.className, girl.guardianName,
                    showPII ? girl.guardianPhone : Masking.phone(girl.guardianPhone), girl.priorVaccination ? "有" : "无", consent,
                    doseDate(1), doseDate(2), f.status.label, next]
        }
    }

    /// Writes the school's file at `path`: xlsx or CSV by its name.
    public static func write(_ database: RegistryDatabase, context: HPVContext, school: String, county: String?, showPII: Bool,
                             path: String) throws -> RosterStatusOutput {
        let lower = path.lowercased()
        guard lower.hasSuffix(".xlsx") || lower.hasSuffix(".csv") else {
            throw HPVError.field(code: "bad_extension", message: "\(HPVError.clip(path)) must end in .xlsx or .csv: the file's name says its format",
                                 field: "out")
        }
        let rows = try rows(database, context: context, school: school, county: county, showPII: showPII)
        let xlsx = lower.hasSuffix(".xlsx")
        if xlsx {
            let writer = try XLSXWriter(path: path, sheetName: sheetName, header: header, columnWidths: columnWidths)
            for row in rows { try writer.write(row) }
            try writer.finish()
        } else {
            guard FileManager.default.createFile(atPath: path, contents: Data(csv(rows).utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CoreError.cannotWrite(path)
            }
        }
        try audit(database, context: context, girls: rows.count, showPII: showPII)
        return RosterStatusOutput(school: school.trimmingSpaces(), girls: rows.count, file: path, format: xlsx ? "xlsx" : "csv")
    }

    /// The school's file as bytes, for the web's download (IDs and phones masked).
    public static func download(_ database: RegistryDatabase, context: HPVContext, school: String, county: String?,
                                xlsx: Bool) throws -> (data: Data, girls: Int) {
        let rows = try rows(database, context: context, school: school, county: county, showPII: false)
        let data = xlsx ? try XLSXWriter.data(sheetName: sheetName, header: header, rows: rows, columnWidths: columnWidths) : Data(csv(rows).utf8)
        try audit(database, context: context, girls: rows.count, showPII: false)
        return (data, rows.count)
    }

    static let sheetName = "名册"
    static let columnWidths: [Double] = [6, 8, 10, 12, 22, 18, 10, 10, 14, 10, 10, 12, 12, 12, 12]

    static func csv(_ rows: [[String]]) -> String {
        var csv = CSVWriter(byteOrderMark: true)
        csv.row(header)
        for row in rows { csv.row(row) }
        return csv.text
    }

    static func audit(_ database: RegistryDatabase, context: HPVContext, girls: Int, showPII: Bool) throws {
        try database.write { db in
            try context.audit.record(db, action: "roster_status", entity: "hpv_roster", uuid: nil,
                                     detail: "\(girls) girls\(showPII ? ", IDs and phones in full" : "")")
        }
    }
}
