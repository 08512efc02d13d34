import Foundation
import Testing
@testable import ScreenVaxCore

/// The xlsx writer: read back by our reader and by openpyxl (an independent reader), every cell text.
@Suite("xlsx writer")
struct SpreadsheetWriterTests {
    typealias Files = SpreadsheetTestFiles

    static let header = ["序号", "学生姓名", "出生日期", "身份证号码", "监护人电话", "错误原因"]
    static let rows: [[String]] = [
        ["1", "王小红", "2011-05-10", "36010220110510002X", "13812345678", "身份证号码: 校验码不符"],
        ["2", "", "2011-06-12", "360102201106120044", "", "学生姓名: 缺少"],
        ["=1+2", "@SUM(A1)", "-3", "+86", " 前后空格 ", "a & b < c > d \"e\" 'f'"],
        ["line\nbreak", "cr\r\nlf", "tab\there", "_x0041_", "\u{1}ctl", "😀 超出BMP"],
    ]

    static func write(_ path: String, rows: [[String]] = rows) throws {
        let writer = try XLSXWriter(path: path, sheetName: "退回学校", header: header, columnWidths: [6, 10, 12, 22, 14, 40])
        for row in rows { try writer.write(row) }
        try writer.finish()
    }

    @Test("Read back by our reader: the same text in every cell, all strings, the sheet named")
    func roundTrip() throws {
        let path = Files.temporaryPath("退回.xlsx")
        try Self.write(path)
        let reader = try SheetReader(path: path)
        #expect(reader.sheetNames == ["退回学校"])
        var read: [SheetRow] = []
        while let row = try reader.next() { read.append(row) }
        #expect(read.map(\.number) == [1, 2, 3, 4, 5])
        #expect(read[0].texts == Self.header)
        for (written, got) in zip(Self.rows, read.dropFirst()) {
            var expected = written
            while expected.last == "" { expected.removeLast() }
            #expect(got.texts == expected)
            #expect(got.cells.allSatisfy { $0.kind == .string || $0.kind == .empty })
        }
        // Nothing is left beside the finished file.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["退回.xlsx"])
    }

    static let hasOpenpyxl: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openpyxl"]
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("Read back by openpyxl: every cell a string, as written, the header bold", .enabled(if: hasOpenpyxl, "needs python3 with openpyxl"))
    func openpyxlReadsIt() throws {
        let path = Files.temporaryPath("download.xlsx")
        try Self.write(path)
        let script = """
            import json, re, sys, openpyxl
            # openpyxl leaves _xHHHH_ escapes in inline strings as they are; Excel and LibreOffice decode them.
            def text(v): return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), v)
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.active
            out = {"title": ws.title, "bold": ws["A1"].font.b, "format": ws["D2"].number_format, "width": ws.column_dimensions["D"].width,
                   "rows": [[("" if c.value is None else text(c.value)) if c.data_type == "s" or c.value is None else ("NOT TEXT", c.data_type) for c in row] for row in ws.iter_rows()]}
            json.dump(out, sys.stdout, ensure_ascii=False)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(json["title"] as? String == "退回学校")
        #expect(json["bold"] as? Bool == true)
        #expect(json["format"] as? String == "@")
        #expect(json["width"] as? Double == 22)
        let rows = try #require(json["rows"] as? [[String]])
        #expect(rows == [Self.header] + Self.rows)
    }

    @Test("A large download streams: 100,000 rows written and read back")
    func manyRows() throws {
        let path = Files.temporaryPath("big.xlsx")
        let writer = try XLSXWriter(path: path, header: Self.header)
        for i in 0..<100_000 { try writer.write([String(i), "王小红", "2011-05-10", "36010220110510002X", "1381234\(String(format: "%04d", i % 10_000))", ""]) }
        try writer.finish()
        let reader = try SheetReader(path: path)
        var count = 0
        var last: SheetRow?
        while let row = try reader.next() { count += 1; last = row }
        #expect(count == 100_001)
        #expect(last?.number == 100_001 && last?[0].text == "99999" && last?[4].text == "13812349999")
    }

    @Test("Refused: a sheet name Excel refuses, a cell over 32,767 characters, writing after finish", arguments: ["", "a/b", "[x]", "'q", String(repeating: "名", count: 32)])
    func badSheetNames(name: String) {
        #expect(Files.spreadsheetError { _ = try XLSXWriter(path: Files.temporaryPath("x.xlsx"), sheetName: name, header: ["a"]) } == .badSheetName(name))
    }

    @Test("A cell over Excel's limit is cell_too_long; nothing is left at the path")
    func tooLong() throws {
        let path = Files.temporaryPath("long.xlsx")
        let writer = try XLSXWriter(path: path, header: ["a", "b"])
        let error = Files.spreadsheetError { try writer.write(["ok", String(repeating: "x", count: 32_768)]) }
        #expect(error == .cellTooLong(file: "long.xlsx", row: 2, column: "B", limit: 32_767))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("A folder that does not exist is file_unwritable")
    func unwritable() {
        #expect(throws: CoreError.cannotWrite("/nonexistent-folder/x.xlsx")) {
            _ = try XLSXWriter(path: "/nonexistent-folder/x.xlsx", header: ["a"])
        }
    }
}
