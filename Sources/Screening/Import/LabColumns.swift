import ScreenVaxCore

/// The key and bookkeeping columns of a lab result file. Value columns are named by their field
/// keys (nt_mm, tsh, left, ...) or a label the programme gives them (苯丙氨酸, 左耳, ...).
enum ResultColumn: String, CaseIterable {
    case pregnancy, newborn, specimen, motherID, motherName, birthOrder, newbornID, service, date, institution, conclusion, ignored

    static func of(_ header: String) -> ResultColumn? {
        let h = header.filter { !$0.isWhitespace }.lowercased()
        switch h {
        case "pregnancy_id", "pregnancy", "孕次编号", "孕妇编号": return .pregnancy
        case "newborn_id", "newborn", "新生儿编号": return .newborn
        case "specimen_no", "specimen_id", "标本编号", "标本号", "血片编号", "采血卡号": return .specimen
        case "mother_id", "mother_resident_id", "母亲身份证号", "母亲身份证号码", "孕妇身份证号", "孕妇身份证号码": return .motherID
        case "mother_name", "母亲姓名", "孕妇姓名": return .motherName
        case "birth_order", "出生顺序", "胎次", "胎次/出生顺序", "胎次（出生顺序）", "胎次(出生顺序)": return .birthOrder
        case "newborn_resident_id", "新生儿身份证号", "新生儿身份证号码": return .newbornID
        case "service", "项目", "筛查项目", "检测项目": return .service
        case "date", "performed_at", "检测日期", "检查日期", "采样时间", "报告日期": return .date
        case "institution", "机构", "检测机构": return .institution
        case "conclusion", "结论", "检测结论": return .conclusion
        case "note", "备注", "序号": return .ignored
        default: return nil
        }
    }

    /// The columns that can find a subject.
    static let keys: [ResultColumn] = [.pregnancy, .newborn, .specimen, .motherID, .newbornID]
}

/// A lab file's header read once: each column's role, or the field key it carries.
struct LabColumns {
    let header: [String]
    let roles: [ResultColumn?]
    let valueKeys: [String?]

    init(header: [String], programme: ScreeningProgramme, fileName: String) throws(ScreeningError) {
        var labels: [String: String] = [:]
        for s in programme.services {
            for f in s.fields {
                labels[f.key] = f.key
                for l in f.labels ?? [] { labels[l.filter { !$0.isWhitespace }.lowercased()] = f.key }
            }
        }
        var roles: [ResultColumn?] = [], keys: [String?] = []
        for cell in header {
            let role = ResultColumn.of(cell)
            let key = labels[cell.filter { !$0.isWhitespace }.lowercased()]
            if role == nil && key == nil && !cell.trimmingSpaces().isEmpty {
                throw .unknownField(String(cell.prefix(40)), service: "a lab file", known: ["标本编号", "母亲身份证号", "母亲姓名", "出生顺序", "检测项目", "检测日期", "结论"]
                    + ResultColumn.allCases.map(\.rawValue) + labels.values.sorted().reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } })
            }
            roles.append(role)
            keys.append(role == nil ? key : nil)
        }
        for needed in [ResultColumn.service, .date] where !roles.contains(needed) {
            throw .missingColumn(needed == .service ? "检测项目 (service)" : "检测日期 (date)", file: fileName)
        }
        guard ResultColumn.keys.contains(where: roles.contains) else {
            throw .missingColumn("标本编号, 母亲身份证号, pregnancy_id or newborn_id", file: fileName)
        }
        self.header = header
        self.roles = roles
        self.valueKeys = keys
    }

    /// The header of a column with this role, as the file names it.
    func name(_ role: ResultColumn) -> String { roles.firstIndex(of: role).map { header[$0] } ?? role.rawValue }

    func name(value key: String) -> String { valueKeys.firstIndex(of: key).map { header[$0] } ?? key }
}

/// One row's cells sorted by role.
struct LabRow {
    var cells: [ResultColumn: String] = [:]
    var values: [(key: String, value: String)] = []
    /// A key column Excel stored as a number too long to keep (an 18-digit ID typed as a number).
    var lostDigits: ResultColumn?

    init(_ row: SheetRow, columns: LabColumns) {
        for (i, cell) in row.cells.enumerated() where i < columns.roles.count {
            let text = cell.text.trimmingSpaces()
            if let role = columns.roles[i] {
                if role != .ignored { cells[role] = text }
                if (role == .motherID || role == .newbornID) && cell.exceedsExcelPrecision { lostDigits = role }
            } else if let key = columns.valueKeys[i], !text.isEmpty {
                values.append((key, text))
            }
        }
    }

    subscript(_ role: ResultColumn) -> String? {
        guard let v = cells[role], !v.isEmpty else { return nil }
        return v
    }
}
