/// Errors reading or writing a spreadsheet file itself (CSV or xlsx), not its rows' content.
///
/// Messages name the file, the part of the workbook and the cell, never a cell's content (it may be a
/// resident ID or a phone number).
public enum SpreadsheetError: UserError, Equatable {
    case unreadable(file: String)
    case notAFile(file: String)
    /// A CSV line that is neither UTF-8 nor GB18030.
    case encoding(file: String, row: Int)
    /// An Excel 97-2003 workbook (.xls) or a password-protected workbook: both are OLE compound files.
    case legacyExcel(file: String)
    /// The workbook breaks the format; `part` is the file inside the archive (`xl/worksheets/sheet1.xml`).
    case invalid(file: String, part: String, problem: String, row: Int? = nil, column: String? = nil)
    /// A part, the shared strings, the merged ranges or the cells exceed what a roster or lab file needs.
    case tooLarge(file: String, part: String, problem: String)
    case sheetNotFound(file: String, name: String, available: [String])
    case cellTooLong(file: String, row: Int?, column: String?, limit: Int)
    /// A sheet name Excel refuses (writing).
    case badSheetName(String)

    public var code: String {
        switch self {
        case .unreadable: "file_unreadable"
        case .notAFile: "not_a_file"
        case .encoding: "encoding"
        case .legacyExcel: "xls_unsupported"
        case .invalid: "xlsx_invalid"
        case .tooLarge: "xlsx_too_large"
        case .sheetNotFound: "sheet_not_found"
        case .cellTooLong: "cell_too_long"
        case .badSheetName: "sheet_name_invalid"
        }
    }

    public var message: String {
        switch self {
        case .unreadable(let file):
            "cannot read \(file); check the path and permissions"
        case .notAFile(let file):
            "\(file) is a folder or a device, not a file; give the path of the CSV or xlsx file"
        case .encoding(let file, let row):
            "\(file) row \(row) is neither UTF-8 nor GB18030 text; save the file again from Excel as CSV (UTF-8) or as an Excel workbook (.xlsx)"
        case .legacyExcel(let file):
            "\(file) is an Excel 97-2003 workbook (.xls) or a password-protected workbook; open it in Excel or WPS, "
                + "remove the password if there is one, and save it as Excel Workbook (.xlsx) or CSV"
        case .invalid(let file, let part, let problem, _, _):
            "\(file) is not a readable Excel workbook (\(part): \(problem)); open it in Excel or WPS and save it again as Excel Workbook (.xlsx)"
        case .tooLarge(let file, let part, let problem):
            "\(file) is too large to read (\(part): \(problem)); delete unused sheets, rows and columns, or split the file"
        case .sheetNotFound(let file, let name, let available):
            "\(file) has no sheet named \"\(name)\"; its sheets are: \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .cellTooLong(let file, let row, let column, let limit):
            "\(file)\(row.map { " row \($0)" } ?? "")\(column.map { " column \($0)" } ?? "") holds a cell of more than \(limit) characters, more than Excel allows; shorten it"
        case .badSheetName(let name):
            "sheet name \"\(name)\" is not allowed: 1 to 31 characters, none of : \\ / ? * [ ]"
        }
    }

    public var location: InputLocation? {
        switch self {
        case .unreadable(let file), .notAFile(let file), .legacyExcel(let file): InputLocation(file: file)
        case .encoding(let file, let row): InputLocation(file: file, row: row)
        case .invalid(let file, let part, _, let row, let column): InputLocation(file: file, row: row, column: column, field: part)
        case .tooLarge(let file, let part, _): InputLocation(file: file, field: part)
        case .sheetNotFound(let file, _, _): InputLocation(file: file)
        case .cellTooLong(let file, let row, let column, _): InputLocation(file: file, row: row, column: column)
        case .badSheetName: nil
        }
    }
}
