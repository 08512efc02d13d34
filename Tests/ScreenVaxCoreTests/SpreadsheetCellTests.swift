import Foundation
import Testing
@testable import ScreenVaxCore

/// The pure pieces: serial dates, how numbers read, which formats are dates, the text clean-ups.
@Suite("Spreadsheet cells")
struct SpreadsheetCellTests {
    @Test("1900 date system: serials around Excel's 1900-02-29 and the ends of the range", arguments: [
        (0.0, nil), (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, nil), (61.0, "1900-03-01"),
        (40673.0, "2011-05-10"), (40673.99, "2011-05-10"), (45292.0, "2024-01-01"),
        (2_958_465.0, "9999-12-31"), (2_958_466.0, nil), (-1.0, nil), (Double.nan, nil),
    ] as [(Double, String?)])
    func serial1900(serial: Double, expected: String?) {
        #expect(ExcelDate.calendarDate(serial: serial, system: .excel1900)?.iso == expected)
    }

    @Test("1904 date system: serial 0 is 1904-01-01", arguments: [
        (0.0, "1904-01-01"), (1.0, "1904-01-02"), (39211.0, "2011-05-10"), (-0.5, nil),
    ] as [(Double, String?)])
    func serial1904(serial: Double, expected: String?) {
        #expect(ExcelDate.calendarDate(serial: serial, system: .excel1904)?.iso == expected)
    }

    @Test("Serials of calendar days invert calendarDate in both systems", arguments: ["1900-01-01", "1900-02-28", "1900-03-01", "2011-05-10", "2024-02-29"])
    func serialRoundTrip(iso: String) throws {
        let date = try #require(CalendarDate(iso: iso))
        for system in [ExcelDateSystem.excel1900, .excel1904] where !(system == .excel1904 && date.year < 1904) {
            #expect(ExcelDate.calendarDate(serial: Double(ExcelDate.serial(of: date, system: system)), system: system) == date)
        }
    }

    @Test("General reads as Excel shows it in a standard column", arguments: [
        (0.0, "0"), (1.0, "1"), (-7.0, "-7"), (13_812_345_678.0, "13812345678"), (99_999_999_999.0, "99999999999"),
        (100_000_000_000.0, "1E+11"), (360_102_201_105_100_000.0, "3.60102E+17"), (3.6010220110510003e17, "3.60102E+17"),
        (0.1 + 0.2, "0.3"), (1.5, "1.5"), (3.141592653589793, "3.141592654"), (0.000123456789, "0.000123457"),
        (1e-10, "1E-10"), (-2.5e-12, "-2.5E-12"),
    ] as [(Double, String)])
    func general(value: Double, expected: String) {
        #expect(NumberText.general(value) == expected)
    }

    @Test("Fixed decimals keep at most 15 significant digits, as Excel does", arguments: [
        (360_102_201_105_100_026.0, 0, "360102201105100000"), (1.005, 2, "1.01"), (2.5, 0, "3"), (-2.5, 0, "-3"),
        (12.0, 2, "12.00"), (0.125, 2, "0.13"), (-0.001, 2, "0.00"),
    ] as [(Double, Int, String)])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(NumberText.fixed(value, decimals: decimals) == expected)
    }

    @Test("Which format codes are dates, times or numbers", arguments: [
        ("General", "general"), ("@", "general"), ("0", "fixed0"), ("0.00", "fixed2"), ("#,##0.000", "fixed3"), ("0.0%", "percent1"),
        ("0.00E+00", "scientific"), ("yyyy/m/d", "date"), ("yyyy\"年\"m\"月\"d\"日\"", "date"), ("[$-804]yyyy-mm-dd;@", "date"),
        ("m月d日", "date"), ("mmm-yy", "date"), ("h:mm", "time"), ("[h]:mm:ss", "time"), ("mm:ss", "time"),
        ("yyyy-mm-dd hh:mm", "datetime"), ("h:mm AM/PM", "time"), ("0 \"天\"", "fixed0"), ("\"mm\"0", "fixed0"),
        ("[Red]0.00;[Blue]-0.00", "fixed2"), ("# ?/?", "general"),
    ])
    func formatShapes(code: String, expected: String) {
        let shape: String
        switch NumberFormat(code: code).shape {
        case .general: shape = "general"
        case .fixed(let d, let percent): shape = percent ? "percent\(d)" : "fixed\(d)"
        case .scientific: shape = "scientific"
        case .date(let hasDate, let hasTime, _): shape = hasDate && hasTime ? "datetime" : hasDate ? "date" : "time"
        }
        #expect(shape == expected)
    }

    @Test("Built-in format ids that are dates in Chinese Excel", arguments: [14, 22, 27, 31, 36, 50, 57, 58])
    func builtInDates(id: Int) {
        #expect(NumberFormat.builtIn(id).isDate)
    }

    @Test("Cleaning: full-width digits and letters, apostrophes, white space of every kind", arguments: [
        ("３６０１０２２０１１０５１０００２Ｘ", "36010220110510002X"), ("'36010220110510002X", "36010220110510002X"),
        (" '360102 ", "360102"), ("\u{00A0}13812345678\u{3000}", "13812345678"), ("＇１２３", "123"),
        ("\u{FEFF}\u{200B}东湖区\t", "东湖区"), ("否（担心副作用）", "否（担心副作用）"), ("学校负责人：张", "学校负责人：张"),
        ("''x", "'x"), ("", ""), ("   ", ""), ("ａｂｃ", "abc"),
    ])
    func cleaned(input: String, expected: String) {
        #expect(CellText.cleaned(input) == expected)
    }

    @Test("Text that Excel wrote in scientific notation", arguments: [
        ("3.60102E+17", true), ("3.60102e+17", true), ("1E+11", true), ("-2.5E-12", true), (" 3.6E17 ", true),
        ("36010220110510002X", false), ("E+17", false), ("3.6E", false), ("3.6E+", false), ("3..6E+17", false), ("1.2.3E+4", false),
    ])
    func scientific(text: String, expected: Bool) {
        #expect(CellText.isScientificNumber(text) == expected)
    }

    @Test("Column letters and cell references", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func columnLetters(index: Int, letters: String) {
        #expect(SheetColumn.letters(index) == letters)
        #expect(SheetColumn.reference(Substring(letters + "12"))?.column == index)
        #expect(SheetColumn.reference(Substring("$" + letters + "$7"))?.row == 7)
    }

    @Test("Not cell references", arguments: ["", "12", "A-1", "ABCD1", "A123456789", "1A"])
    func notReferences(text: String) {
        #expect(SheetColumn.reference(Substring(text)) == nil)
    }

    @Test("_xHHHH_ escapes round-trip through the writer's escaping")
    func escapes() {
        let text = "a\rb\u{1}c_x0041_&<>\"\u{FFFE}"
        var out: [UInt8] = []
        OOXMLText.escape(text, into: &out)
        let escaped = String(decoding: out, as: UTF8.self)
        #expect(escaped == "a_x000D_b_x0001_c_x005F_x0041_&amp;&lt;&gt;&quot;_xFFFE_")
        let xmlDecoded = escaped.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        #expect(OOXMLText.unescape(Array(xmlDecoded.utf8)) == text)
    }
}
