import Foundation
import ScreenVaxCore

// Spreadsheet benchmark (not a test), run by Scripts/bench-spreadsheet.sh under /usr/bin/time -v:
//   SpreadsheetBench read FILE            reads every row (CSV or xlsx), prints rows, cells and seconds
//   SpreadsheetBench write FILE ROWS      writes ROWS roster-like rows with XLSXWriter
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: SpreadsheetBench read FILE | write FILE ROWS\n".utf8))
    exit(2)
}
let start = Date()
do {
    switch arguments[1] {
    case "read":
        let reader = try SheetReader(path: arguments[2])
        var rows = 0, cells = 0, numbers = 0
        while let row = try reader.next() {
            rows += 1
            cells += row.cells.count
            numbers += row.cells.reduce(0) { $0 + ($1.kind == .number || $1.kind == .date ? 1 : 0) }
        }
        print("read \(reader.format.rawValue): \(rows) rows, \(cells) cells (\(numbers) numbers or dates) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    case "write":
        let count = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0
        let writer = try XLSXWriter(path: arguments[2], header: ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级",
                                                                "监护人姓名", "监护人电话", "既往HPV疫苗接种情况", "是否愿意接种"])
        for i in 0..<count {
            try writer.write([String(i + 1), "东湖区", "学生\(i)", "2011-05-10", String(format: "360102201105%06d", i), "东湖区第一中学",
                              "初一(\(i % 12 + 1))班", "家长\(i)", String(format: "138%08d", i), "无", "是"])
        }
        try writer.finish()
        print("wrote \(count) rows in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    default:
        FileHandle.standardError.write(Data("unknown command \(arguments[1])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
