import Foundation
import Testing
import ZIPFoundation
@testable import ScreenVaxCore

/// Files for the spreadsheet tests: the committed fixtures (made by XlsxWriter and openpyxl, see
/// Fixtures/make_xlsx.py) and small workbooks built here part by part, for what a writer library will
/// not produce (hostile or odd XML).
enum SpreadsheetTestFiles {
    static func fixture(_ name: String) throws -> String {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.fileExists(atPath: path), "fixture \(name) is missing")
        return path
    }

    static func temporaryPath(_ name: String) -> String {
        let folder = NSTemporaryDirectory() + "sheet-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + name
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook with one sheet whose `<sheetData>` content is `rows`, plus optional shared strings and
    /// styles, assembled with ZIPFoundation. `parts` adds or replaces any part.
    static func workbook(rows: String, sharedStrings: [String]? = nil, styles: String? = nil, date1904: Bool = false,
                         sheetXML: String? = nil, parts: [String: Data] = [:], compression: CompressionMethod = .deflate) throws -> String {
        var files: [String: Data] = [:]
        files["[Content_Types].xml"] = Data("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)
        files["_rels/.rels"] = Data(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").utf8)
        files["xl/workbook.xml"] = Data(("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\">"
            + (date1904 ? "<workbookPr date1904=\"1\"/>" : "")
            + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8)
        var links = "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if let sharedStrings {
            links += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            files["xl/sharedStrings.xml"] = Data(("<sst xmlns=\"\(main)\">" + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>").utf8)
        }
        if let styles {
            links += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            files["xl/styles.xml"] = Data("<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>".utf8)
        }
        files["xl/_rels/workbook.xml.rels"] = Data(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + links + "</Relationships>").utf8)
        files["xl/worksheets/sheet1.xml"] = Data((sheetXML ?? "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>").utf8)
        for (name, data) in parts { files[name] = data }
        return try zip(files, compression: compression)
    }

    static func zip(_ files: [String: Data], compression: CompressionMethod = .deflate) throws -> String {
        let path = temporaryPath("book.xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for name in files.keys.sorted() {
            let data = files[name] ?? Data()
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        return path
    }

    static func rows(_ path: String, sheet: String? = nil, limits: SpreadsheetLimits = .standard) throws -> [SheetRow] {
        let reader = try SheetReader(path: path, sheet: sheet, limits: limits)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// The error a closure throws, as a SpreadsheetError (nil if it threw none or another kind).
    static func spreadsheetError(_ body: () throws -> Void) -> SpreadsheetError? {
        do { try body() } catch let error as SpreadsheetError { return error } catch { return nil }
        return nil
    }
}
