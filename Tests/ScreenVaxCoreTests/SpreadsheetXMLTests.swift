import Foundation
import Testing
@testable import ScreenVaxCore

/// Sheet XML that writer libraries do not produce, built part by part: gaps, missing references,
/// namespace prefixes, phonetic runs, escapes, and what a hostile file tries.
@Suite("Spreadsheet XML")
struct SpreadsheetXMLTests {
    typealias Files = SpreadsheetTestFiles

    @Test("Gaps between cells read as empty; rows and cells without references follow the previous ones")
    func gapsAndMissingReferences() throws {
        let path = try Files.workbook(rows: """
            <row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="C2" t="inlineStr"><is><t>c</t></is></c></row>
            <row><c t="inlineStr"><is><t>x</t></is></c><c><v>7</v></c><c r="E3"><v>5</v></c></row>
            <row r="10" spans="1:3"><c r="B10" s="0"/><c r="C10" t="inlineStr"><is><t></t></is></c></row>
            <row r="11"><c r="AA11" t="inlineStr"><is><t>far</t></is></c></row>
            """)
        let rows = try Files.rows(path)
        #expect(rows.map(\.number) == [2, 3, 11])
        #expect(rows[0].texts == ["a", "", "c"] && rows[0][1].kind == .empty)
        #expect(rows[1].texts == ["x", "7", "", "", "5"])
        #expect(rows[2].cells.count == 27 && rows[2][26].text == "far" && rows[2][99] == .empty)
    }

    @Test("Shared strings: rich text runs joined, phonetic guides left out, _xHHHH_ escapes decoded")
    func sharedStrings() throws {
        let path = try Files.workbook(rows: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
            """, sharedStrings: [
                "<r><t>初一</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> (1) </t></r><r><t>班</t></r>",
                "<t>王</t><rPh sb=\"0\" eb=\"1\"><t>wang</t></rPh>",
                "<t>line_x000D_\nbreak and _x005F_x0041_ and &amp; &lt;</t>",
                "<t/>",
            ])
        let row = try #require(try Files.rows(path).first)
        #expect(row.texts == ["初一 (1) 班", "王", "line\r\nbreak and _x0041_ and & <"])
        #expect(row.cells.count == 3)
    }

    @Test("Formula results, booleans, errors, ISO dates and numbers in every stored form")
    func storedKinds() throws {
        let path = try Files.workbook(rows: """
            <row r="1"><c r="A1" t="str"><f>A2&amp;"x"</f><v>7x</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c>\
            <c r="D1" t="d"><v>2023-10-10T00:00:00Z</v></c><c r="E1" t="n"><v>-1.5</v></c><c r="F1"><f>1/3</f><v>0.33333333333333331</v></c>\
            <c r="G1"><v>1E-12</v></c><c r="H1"><v>123456789012</v></c></row>
            """)
        let row = try #require(try Files.rows(path).first)
        #expect(row.cells.map(\.kind) == [.string, .boolean, .error, .date, .number, .number, .number, .number])
        #expect(row.texts == ["7x", "FALSE", "#DIV/0!", "2023-10-10", "-1.5", "0.333333333", "1E-12", "1.23457E+11"])
        #expect(row[3].date == CalendarDate(year: 2023, month: 10, day: 10))
        #expect(row[5].number == 0.33333333333333331 && row[7].raw == "123456789012")
    }

    @Test("Number formats: built-in and custom dates, Chinese date formats, text format, decimals, percent")
    func numberFormats() throws {
        let styles = """
            <numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
            <numFmt numFmtId="177" formatCode="[$-804]0.000"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="49"/><xf numFmtId="177"/><xf numFmtId="10"/><xf numFmtId="31"/></cellXfs>
            """
        let path = try Files.workbook(rows: """
            <row r="1"><c r="A1"><v>45200</v></c><c r="B1" s="1"><v>45200</v></c><c r="C1" s="2"><v>45200.75</v></c>\
            <c r="D1" s="3"><v>360102201105100026</v></c><c r="E1" s="4"><v>1.5</v></c><c r="F1" s="5"><v>0.1234</v></c>\
            <c r="G1" s="6"><v>45200</v></c><c r="H1" s="99"><v>2</v></c><c r="I1" s="1"><v>60</v></c></row>
            """, styles: styles)
        let row = try #require(try Files.rows(path).first)
        #expect(row.texts == ["45200", "2023-10-01", "2023-10-01", "3.60102E+17", "1.500", "12.34%", "2023-10-01", "2", "60"])
        #expect(row.cells.map(\.kind) == [.number, .date, .date, .number, .number, .number, .date, .number, .number])
        #expect(row[2].numberFormat == "yyyy\"年\"m\"月\"d\"日\"" && row[0].numberFormat == "General")
        // Serial 60 is 1900-02-29, a day that never was: the number is kept, not a date.
        #expect(row[8].date == nil && row[8].numberFormat == "yyyy/m/d")
    }

    @Test("Namespace prefixes (x:row, x:c) read the same as plain SpreadsheetML")
    func prefixedNamespace() throws {
        let xml = "<x:worksheet xmlns:x=\"\(Files.main)\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c></x:row>"
            + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>3</x:v></x:c></x:row></x:sheetData>"
            + "<x:mergeCells count=\"1\"><x:mergeCell ref=\"B1:B2\"/></x:mergeCells></x:worksheet>"
        let rows = try Files.rows(try Files.workbook(rows: "", sheetXML: xml))
        #expect(rows.map(\.texts) == [["", "b"], ["3", "b"]])
        #expect(rows[1][1].isMergedCopy)
    }

    @Test("Merged ranges: a range down rows repeats its value in its first column only; rows it covers that are blank stay skipped")
    func mergedRanges() throws {
        let xml = "<worksheet xmlns=\"\(Files.main)\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>东湖区</t></is></c><c r=\"C1\"><v>1</v></c></row>"
            + "<row r=\"2\"><c r=\"C2\"><v>2</v></c></row><row r=\"4\"><c r=\"C4\"><v>4</v></c></row>"
            + "<row r=\"5\"><c r=\"A5\"><v>9</v></c><c r=\"C5\"><v>5</v></c></row>"
            + "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B4\"/><mergeCell ref=\"D1:D9\"/></mergeCells></worksheet>"
        let rows = try Files.rows(try Files.workbook(rows: "", sheetXML: xml))
        #expect(rows.map(\.number) == [1, 2, 4, 5])
        #expect(rows.map(\.texts) == [["东湖区", "", "1"], ["东湖区", "", "2"], ["东湖区", "", "4"], ["9", "", "5"]])
        #expect(rows.map { $0[0].isMergedCopy } == [false, true, true, false])
    }

    @Test("Stored (not deflated) entries read too")
    func storedEntries() throws {
        let path = try Files.workbook(rows: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", compression: .none)
        #expect(try Files.rows(path).map(\.texts) == [["1"]])
    }

    @Test("Closing the reader early stops the reading thread; later rows are nil")
    func closeEarly() throws {
        var rows = ""
        for r in 1...5_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c></row>" }
        let path = try Files.workbook(rows: rows)
        let reader = try SheetReader(path: path)
        #expect(try reader.next()?.number == 1)
        #expect(try reader.next()?.number == 2)
        reader.close()
        #expect(try reader.next() == nil)
        // A reader dropped mid-sheet also lets its thread go; the next one reads the file anew.
        var dropped: SheetReader? = try SheetReader(path: path)
        _ = try dropped?.next()
        dropped = nil
        #expect(try Files.rows(path).count == 5_000)
    }
}
