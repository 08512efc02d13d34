import Foundation
import Testing
@testable import ScreenVaxCore

/// Real workbooks made by XlsxWriter and openpyxl (Fixtures/make_xlsx.py), one trap each.
@Suite("Spreadsheet fixtures")
struct SpreadsheetFixtureTests {
    typealias Files = SpreadsheetTestFiles

    @Test("附3 as printed: title above the header, footer lines, rows numbered as the sheet numbers them")
    func rosterLayout() throws {
        let reader = try SheetReader(path: try Files.fixture("roster-form.xlsx"))
        #expect(reader.format == .xlsx)
        #expect(reader.sheetNames == ["名册"])
        #expect(reader.sheetName == "名册")
        #expect(reader.dateSystem == .excel1900)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        // Row 8 is blank and rows 13-18 are bordered but empty: skipped, without renumbering.
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12])
        // The title is rich text (three runs) merged across A1:K1: one cell, the runs joined.
        #expect(rows[0].texts == ["初一女生HPV疫苗受种对象名册"])
        #expect(rows[1].texts.first == "序号" && rows[1].texts.last == "是否愿意接种" && rows[1].cells.count == 11)
        #expect(rows[7...].map { $0.texts } == [["学校负责人：张建国"], ["联系人：李老师"], ["联系人电话：0791-86801234"], ["填表日期：2023年9月5日"]])
    }

    @Test("Each trap of the roster reads as stored")
    func rosterTraps() throws {
        let rows = try Files.rows(try Files.fixture("roster-form.xlsx"))
        let girl1 = rows[2], girl2 = rows[3], girl3 = rows[4], girl4 = rows[5], girl5 = rows[6]
        // 序号 is a number; the birth date a serial in a yyyy-mm-dd cell; the phone a General number.
        #expect(girl1[0].kind == .number && girl1[0].text == "1")
        #expect(girl1[3].kind == .date && girl1[3].text == "2011-05-10" && girl1[3].raw == "40673")
        #expect(girl1[3].date == CalendarDate(year: 2011, month: 5, day: 10) && girl1[3].numberFormat == "yyyy-mm-dd")
        #expect(girl1[4].kind == .string && girl1[4].text == "360102201105100026")
        #expect(girl1[8].kind == .number && girl1[8].text == "13812345678" && !girl1[8].exceedsExcelPrecision)
        // The school is a formula's cached text result (t="str").
        #expect(girl1[5].kind == .string && girl1[5].text == "东湖区第一中学")
        // 地区 is merged down B3:B7: the top cell holds it, the others repeat it and say so.
        #expect(girl1[1].text == "东湖区" && !girl1[1].isMergedCopy)
        #expect([girl2, girl3, girl4, girl5].allSatisfy { $0[1].text == "东湖区" && $0[1].isMergedCopy })
        // The ID typed into a General cell: 15 digits kept, shown in scientific notation.
        #expect(girl2[4].kind == .number && girl2[4].text == "3.60102E+17" && girl2[4].raw == "3.6010220110612E+17")
        #expect(girl2[4].exceedsExcelPrecision && girl2[4].numberFormat == "General")
        // The ID in a cell formatted 0: every place shown, the last ones zeros.
        #expect(girl3[4].kind == .number && girl3[4].text == "360102201107030000" && girl3[4].numberFormat == "0")
        #expect(girl3[4].exceedsExcelPrecision)
        // Dates typed as text stay text.
        #expect(girl3[3].kind == .string && girl3[3].text == "2011-07-03")
        #expect(girl4[3].text == "2011年8月14日" && girl5[3].text == "2011/9/25")
        // A leading apostrophe kept by the exporter, full-width digits, no-break spaces: as stored,
        // and cleaned by CellText.
        #expect(girl4[4].text == "'360102201108140082" && CellText.cleaned(girl4[4].text) == "360102201108140082")
        #expect(girl5[4].text.hasPrefix("３６０１") && CellText.cleaned(girl5[4].text) == "360102201109250013")
        #expect(girl5[8].text == "\u{00A0}13512345678 " && CellText.cleaned(girl5[8].text) == "13512345678")
        #expect(girl4[10].text == "否（担心副作用）")
    }

    @Test("The same roster as CSV and as xlsx gives the same rows")
    func csvMatchesXLSX() throws {
        let xlsx = try Files.rows(try Files.fixture("roster-form.xlsx"))
        let csvReader = try SheetReader(path: try Files.fixture("roster-form.csv"))
        #expect(csvReader.format == .csv && csvReader.sheetNames.isEmpty && csvReader.sheetName == nil)
        var csv: [SheetRow] = []
        while let row = try csvReader.next() { csv.append(row) }
        #expect(csvReader.encoding == .utf8BOM)
        #expect(csv.count == xlsx.count)
        #expect(csv.map(\.number) == xlsx.map(\.number))
        #expect(csv.map(\.texts) == xlsx.map(\.texts))
        #expect(csv.allSatisfy { $0.cells.allSatisfy { $0.kind == .string || $0.kind == .empty } })
    }

    @Test("Two sheets: the first by default, another by name, an unknown name lists them")
    func twoSheets() throws {
        let path = try Files.fixture("roster-two-sheets.xlsx")
        let first = try SheetReader(path: path)
        #expect(first.sheetNames == ["填表说明", "名册"] && first.sheetName == "填表说明")
        #expect(try first.next()?.texts == ["请在“名册”表中填写，身份证号码列设为文本格式。"])
        #expect(try first.next() == nil)
        let roster = try Files.rows(path, sheet: "名册")
        #expect(roster.count == 11 && roster[0].texts == ["初一女生HPV疫苗受种对象名册"])
        #expect(try Files.rows(path, sheet: " 名册 ").count == 11)
        let error = Files.spreadsheetError { _ = try SheetReader(path: path, sheet: "Sheet1") }
        #expect(error == .sheetNotFound(file: "roster-two-sheets.xlsx", name: "Sheet1", available: ["填表说明", "名册"]))
        #expect(error?.code == "sheet_not_found")
        #expect(error?.message.contains("\"填表说明\", \"名册\"") == true)
    }

    @Test("A workbook in the 1904 date system reads the same calendar days")
    func dates1904() throws {
        let reader = try SheetReader(path: try Files.fixture("dates-1904.xlsx"))
        #expect(reader.dateSystem == .excel1904)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows[1][1].kind == .date && rows[1][1].text == "2011-05-10" && rows[1][1].raw == "39211")
        #expect(rows[2][1].text == "1904-01-01" && rows[2][1].raw == "0")
    }

    @Test("A lab file with Chinese headers: text, numbers, dates, date-times, booleans, errors")
    func labFile() throws {
        let rows = try Files.rows(try Files.fixture("lab-results.xlsx"))
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[0].texts == ["标本编号", "母亲身份证号", "母亲姓名", "出生顺序", "检测项目", "检测日期", "结论", "复核", "备注"])
        #expect(rows[1].texts == ["XS2023120501", "360102199501010022", "王芳", "1", "metabolic", "2023-12-08", "阴性", "TRUE"])
        #expect(rows[1][7].kind == .boolean && rows[1][7].raw == "1")
        #expect(rows[2][5].kind == .date && rows[2][5].text == "2023-12-08 09:30" && rows[2][5].date == CalendarDate(year: 2023, month: 12, day: 8))
        #expect(rows[2][7].text == "FALSE" && rows[2][8].kind == .error && rows[2][8].text == "#N/A")
        // A specimen number stored as a number still reads as its digits.
        #expect(rows[3][0].kind == .number && rows[3][0].text == "2023120503" && rows[3][3].text == "1")
        #expect(rows[3][5].kind == .string && rows[3][5].text == "2023-12-09")
    }

    @Test("Rows can also be taken with forEachRow, on the caller's thread")
    func forEachRow() throws {
        let reader = try SheetReader(path: try Files.fixture("roster-form.xlsx"))
        var numbers: [Int] = []
        try reader.forEachRow { numbers.append($0.number) }
        #expect(numbers == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12])
        #expect(try reader.next() == nil)
        #expect(reader.bytesRead == reader.totalBytes && reader.totalBytes > 0)
    }
}
