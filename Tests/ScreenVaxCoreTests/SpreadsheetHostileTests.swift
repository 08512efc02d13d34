import Foundation
import Testing
import ZIPFoundation
@testable import ScreenVaxCore

/// Broken and hostile files: each is refused with a coded error that names the file and where, in
/// bounded time and memory.
@Suite("Spreadsheet hostile input")
struct SpreadsheetHostileTests {
    typealias Files = SpreadsheetTestFiles

    static func error(_ path: String, limits: SpreadsheetLimits = .standard) -> SpreadsheetError? {
        Files.spreadsheetError { _ = try Files.rows(path, limits: limits) }
    }

    @Test("Not a workbook: an .xls (OLE) file, a folder, a missing file, a ZIP without a workbook, a damaged ZIP")
    func notWorkbooks() throws {
        let xls = Files.temporaryPath("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        #expect(Self.error(xls)?.code == "xls_unsupported")
        let folder = Files.temporaryPath("roster.xlsx")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(Self.error(folder) == .notAFile(file: "roster.xlsx"))
        #expect(Self.error(Files.temporaryPath("nothing.xlsx")) == .unreadable(file: "nothing.xlsx"))
        let docx = try Files.zip(["word/document.xml": Data("<w/>".utf8)])
        let noWorkbook = Self.error(docx)
        #expect(noWorkbook?.code == "xlsx_invalid" && noWorkbook?.message.contains("not an Excel workbook") == true)
        let truncated = Files.temporaryPath("cut.xlsx")
        let whole = try Data(contentsOf: URL(fileURLWithPath: try Files.fixture("roster-form.xlsx")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        #expect(Self.error(truncated)?.code == "xlsx_invalid")
    }

    @Test("A CSV whose name says xlsx is read as CSV: the content decides")
    func contentDecides() throws {
        let path = Files.temporaryPath("renamed.xlsx")
        try Data("序号,学生姓名\n1,王小红\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try SheetReader(path: path)
        #expect(reader.format == .csv)
        #expect(try reader.next()?.texts == ["序号", "学生姓名"])
    }

    @Test("Malformed sheet XML is xlsx_invalid naming the part and line")
    func malformed() throws {
        let path = try Files.workbook(rows: "", sheetXML: "<worksheet xmlns=\"\(Files.main)\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>")
        let error = try #require(Self.error(path))
        #expect(error.code == "xlsx_invalid")
        #expect(error.location?.field == "xl/worksheets/sheet1.xml" && error.location?.file == "book.xlsx")
        #expect(error.message.contains("line 1"))
        let cut = try Files.workbook(rows: "", sheetXML: "<worksheet xmlns=\"\(Files.main)\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        #expect(Self.error(cut)?.code == "xlsx_invalid")
    }

    @Test("A DOCTYPE (entity expansion, external entities) stops the parse before any entity is read")
    func doctype() throws {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet xmlns=\"\(Files.main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&c;&x;</t></is></c></row></sheetData></worksheet>"
        let error = try #require(Self.error(try Files.workbook(rows: "", sheetXML: bomb)))
        #expect(error.code == "xlsx_invalid" && error.message.contains("DOCTYPE"))
    }

    @Test("Rows out of order, cells beyond XFD, rows beyond 1,048,576, numbers that are not numbers", arguments: [
        "<row r=\"5\"><c r=\"A5\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>1</v></c></row>",
        "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
        "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>",
        "<row r=\"2\"><c r=\"B2\"><v>12abc</v></c></row>",
        "<row r=\"2\"><c r=\"B2\"><v>inf</v></c></row>",
        "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>",
        "<row r=\"2\"><c r=\"B2\" t=\"d\"><v>yesterday</v></c></row>",
    ])
    func invalidCells(rows: String) throws {
        let error = try #require(Self.error(try Files.workbook(rows: rows)))
        #expect(error.code == "xlsx_invalid")
    }

    @Test("A cell's error names its row and column")
    func cellLocation() throws {
        let error = try #require(Self.error(try Files.workbook(rows: "<row r=\"7\"><c r=\"C7\"><v>x</v></c></row>")))
        #expect(error.location?.row == 7 && error.location?.column == "C")
    }

    @Test("A cell over 32,767 characters is cell_too_long; at the limit it reads")
    func cellLength() throws {
        let atLimit = String(repeating: "王", count: 32_767)
        let ok = try Files.workbook(rows: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(atLimit)</t></is></c></row>")
        #expect(try Files.rows(ok).first?[0].text.count == 32_767)
        let long = try Files.workbook(rows: "<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>\(atLimit)王</t></is></c></row>")
        #expect(Self.error(long) == .cellTooLong(file: "book.xlsx", row: 4, column: "B", limit: 32_767))
        let shared = try Files.workbook(rows: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: ["<t>\(atLimit)王</t>"])
        #expect(Self.error(shared)?.code == "cell_too_long")
    }

    @Test("Caps: part size, compression ratio, shared strings, cells, merged ranges and fills")
    func caps() throws {
        var small = SpreadsheetLimits()
        small.maxPartBytes = 4_000
        var rows = ""
        for r in 1...200 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c></row>" }
        let big = try Files.workbook(rows: rows)
        #expect(Self.error(big, limits: small)?.code == "xlsx_too_large")
        #expect(try Files.rows(big).count == 200)

        var ratio = SpreadsheetLimits()
        ratio.ratioCheckBytes = 1_000
        ratio.maxCompressionRatio = 2
        #expect(Self.error(big, limits: ratio)?.message.contains("ZIP bomb") == true)

        var strings = SpreadsheetLimits()
        strings.maxSharedStrings = 2
        let three = try Files.workbook(rows: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: ["<t>a</t>", "<t>b</t>", "<t>c</t>"])
        #expect(Self.error(three, limits: strings)?.code == "xlsx_too_large")
        strings = SpreadsheetLimits()
        strings.maxSharedStringBytes = 2
        #expect(Self.error(three, limits: strings)?.code == "xlsx_too_large")

        var cells = SpreadsheetLimits()
        cells.maxCells = 16_383
        let wide = try Files.workbook(rows: "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>1</v></c></row>")
        #expect(Self.error(wide, limits: cells)?.code == "xlsx_too_large")
        #expect(try Files.rows(wide).first?.cells.count == 16_384)

        let mergedXML = "<worksheet xmlns=\"\(Files.main)\"><sheetData>\(rows)</sheetData>"
            + "<mergeCells><mergeCell ref=\"B1:B200\"/><mergeCell ref=\"A1:A1048576\"/><mergeCell ref=\"C1:C2\"/></mergeCells></worksheet>"
        let merged = try Files.workbook(rows: "", sheetXML: mergedXML)
        var ranges = SpreadsheetLimits()
        ranges.maxMergedRanges = 2
        #expect(Self.error(merged, limits: ranges)?.code == "xlsx_too_large")
        var fills = SpreadsheetLimits()
        fills.maxMergedFills = 100
        #expect(Self.error(merged, limits: fills)?.code == "xlsx_too_large")
        let all = try Files.rows(merged)
        #expect(all.count == 200 && all[199].texts == ["1"] && all[199][0].isMergedCopy)
    }

    /// Rewrites a field of the sheet entry's local header and central directory record.
    static func patchSheetEntry(_ path: String, localOffset: Int, centralOffset: Int, with value: [UInt8]) throws -> Int {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var patched = 0
        for signature in [[0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04]] as [[UInt8]] {
            let nameOffset = signature[2] == 1 ? 46 : 30
            let field = signature[2] == 1 ? centralOffset : localOffset
            var i = 0
            while i + nameOffset + name.count < bytes.count {
                if Array(bytes[i..<(i + 4)]) == signature, Array(bytes[(i + nameOffset)..<(i + nameOffset + name.count)]) == name {
                    bytes.replaceSubrange((i + field)..<(i + field + value.count), with: value)
                    patched += 1
                }
                i += 1
            }
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        return patched
    }

    @Test("A deflate stream that runs past its entry to the end of the file is refused, not read for ever",
          .timeLimit(.minutes(1)))
    func unendingStream() throws {
        // A stored deflate block that claims 65,535 bytes: inflating it swallows the rest of the archive.
        let sheet = Data([0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<worksheet xmlns=\"\(Files.main)\"><sheetData>".utf8))
        let path = try Files.workbook(rows: "", parts: ["xl/worksheets/sheet1.xml": sheet], compression: .none)
        #expect(try Self.patchSheetEntry(path, localOffset: 8, centralOffset: 10, with: [8, 0]) == 2)
        let error = try #require(Self.error(path))
        #expect(error.code == "xlsx_invalid" && error.message.contains("does not end"))
    }

    @Test("A ZIP whose entry inflates beyond what it declares is stopped at the cap")
    func lyingSize() throws {
        var rows = ""
        for r in 1...2_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c></row>" }
        let path = try Files.workbook(rows: rows)
        // The sheet entry declares 100 bytes uncompressed (central directory and local header).
        #expect(try Self.patchSheetEntry(path, localOffset: 22, centralOffset: 24, with: [100, 0, 0, 0]) == 2)
        var limits = SpreadsheetLimits()
        limits.maxPartBytes = 10_000
        #expect(Self.error(path, limits: limits)?.code == "xlsx_too_large")
    }
}
