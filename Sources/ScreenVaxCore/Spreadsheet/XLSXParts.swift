import Foundation

/// The fixed parts of the one-sheet workbook `XLSXWriter` writes: the package's content types and
/// relationships, the workbook, and a style sheet with three cell formats (General; Text; Text in bold
/// for the header).
enum XLSXParts {
    static let sheetPart = "xl/worksheets/sheet1.xml"
    static let textStyle = 1
    static let headerStyle = 2

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let package = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The worksheet up to the first row: the header row frozen, each column's width and Text format.
    static func sheetStart(columns widths: [Double]) -> String {
        var cols = ""
        for (i, width) in widths.enumerated() {
            let w = min(255, max(1, width))
            cols += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" style=\"\(textStyle)\" customWidth=\"1\"/>"
        }
        return declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>\(cols)</cols><sheetData>"
    }

    static let sheetEnd = "</sheetData></worksheet>"

    /// Every part but the sheet, content types first as Excel writes them.
    static func fixedParts(sheetName: String) -> [(String, String)] {
        [
            ("[Content_Types].xml", declaration
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/\(sheetPart)\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "</Types>"),
            ("_rels/.rels", declaration + "<Relationships xmlns=\"\(package)\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>"),
            ("xl/workbook.xml", declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
                + "<bookViews><workbookView/></bookViews><sheets><sheet name=\"\(attribute(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "</workbook>"),
            ("xl/_rels/workbook.xml.rels", declaration + "<Relationships xmlns=\"\(package)\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>"),
            ("xl/styles.xml", declaration + "<styleSheet xmlns=\"\(main)\">"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><charset val=\"134\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"等线\"/><charset val=\"134\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/></cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>"),
        ]
    }

    private static func attribute(_ text: String) -> String {
        var out: [UInt8] = []
        OOXMLText.escape(text, into: &out)
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "'", with: "&apos;")
    }
}
