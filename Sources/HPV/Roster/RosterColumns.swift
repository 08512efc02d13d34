import ScreenVaxCore

/// The columns of the 附3 roster form (初一女生HPV疫苗受种对象名册), with English aliases.
public enum RosterColumn: String, CaseIterable, Sendable {
    case sequence, area, name, birthDate, residentID, school, className, guardianName, guardianPhone,
         priorVaccination, consent, refusalReason

    /// The header as printed on the form; used in error messages and the errors file.
    public var formHeader: String {
        switch self {
        case .sequence: "序号"
        case .area: "地区"
        case .name: "学生姓名"
        case .birthDate: "出生日期"
        case .residentID: "身份证号码"
        case .school: "在读学校"
        case .className: "班级"
        case .guardianName: "监护人姓名"
        case .guardianPhone: "监护人电话"
        case .priorVaccination: "既往HPV疫苗接种情况"
        case .consent: "是否愿意接种"
        case .refusalReason: "拒绝原因"
        }
    }

    var aliases: [String] {
        switch self {
        case .sequence: ["序号", "no", "seq", "sequence", "#"]
        case .area: ["地区", "area", "region", "county", "县区", "所在地区"]
        case .name: ["学生姓名", "姓名", "name", "student_name", "student"]
        case .birthDate: ["出生日期", "birth_date", "dob", "date_of_birth", "birthdate"]
        case .residentID: ["身份证号码", "身份证号", "身份证", "id", "resident_id", "id_number", "id_no"]
        case .school: ["在读学校", "学校", "school"]
        case .className: ["班级", "class", "class_name"]
        case .guardianName: ["监护人姓名", "监护人", "guardian", "guardian_name"]
        case .guardianPhone: ["监护人电话", "联系电话", "监护人联系电话", "guardian_phone", "phone"]
        case .priorVaccination: ["既往hpv疫苗接种情况", "既往接种情况", "prior_vaccination", "prior_hpv", "previously_vaccinated"]
        case .consent: ["是否愿意接种", "接种意愿", "consent", "willing"]
        case .refusalReason: ["拒绝原因", "不愿意原因", "不愿接种原因", "refusal_reason", "reason"]
        }
    }

    /// The column's place in `allCases`.
    var ordinal: Int {
        switch self {
        case .sequence: 0
        case .area: 1
        case .name: 2
        case .birthDate: 3
        case .residentID: 4
        case .school: 5
        case .className: 6
        case .guardianName: 7
        case .guardianPhone: 8
        case .priorVaccination: 9
        case .consent: 10
        case .refusalReason: 11
        }
    }

    static let required: [RosterColumn] = [.area, .name, .birthDate, .residentID, .school, .priorVaccination, .consent]

    /// Header cells normalised: spaces (incl. full-width and line breaks inside a cell) removed, lower-case.
    static func normalise(_ header: String) -> String {
        String(header.lowercased().filter { !$0.isWhitespace && $0 != "\u{3000}" && $0 != "\u{FEFF}" })
    }
}

/// Which column index holds which field, from the header row.
public struct RosterHeader: Sendable {
    public let cells: [String]
    /// The cell index of each column, by the column's place in `RosterColumn.allCases` (-1: absent);
    /// an array, not a dictionary: it is read eleven times per row.
    let positions: [Int]

    public init(cells: [String], file: String) throws {
        self.cells = cells
        var index: [RosterColumn: Int] = [:]
        for (i, cell) in cells.enumerated() {
            let n = RosterColumn.normalise(cell)
            if let column = RosterColumn.allCases.first(where: { $0.aliases.contains(n) }), index[column] == nil {
                index[column] = i
            }
        }
        let missing = RosterColumn.required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw HPVError.missingColumns(missing.map(\.formHeader), file: file) }
        positions = RosterColumn.allCases.map { index[$0] ?? -1 }
    }

    func value(_ column: RosterColumn, in fields: [String]) -> String {
        let i = positions[column.ordinal]
        guard i >= 0, i < fields.count else { return "" }
        return fields[i].trimmingSpaces()
    }

    /// The header cell the file itself used for a column, for messages that point at the sheet.
    func header(_ column: RosterColumn) -> String {
        let i = positions[column.ordinal]
        guard i >= 0 else { return column.formHeader }
        return cells[i].trimmingSpaces()
    }
}
