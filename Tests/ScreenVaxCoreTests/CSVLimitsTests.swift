import Foundation
import Testing
@testable import ScreenVaxCore

/// The reader's caps and what it refuses to open: any input ends, soon, with a coded error.
@Suite("CSV reader limits")
struct CSVLimitsTests {
    func write(_ data: Data) throws -> String {
        let path = NSTemporaryDirectory() + "csv-limits-\(UUID().uuidString).csv"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func readAll(_ path: String, limits: CSVReader.Limits = .init(), chunk: Int = 1 << 20) throws -> [[String]] {
        let reader = try CSVReader(path: path, chunkSize: chunk, limits: limits)
        var rows: [[String]] = []
        while let r = try reader.next() { rows.append(r) }
        return rows
    }

    /// The error a read ends with, or nil when it ends normally.
    func failure(_ path: String, limits: CSVReader.Limits = .init(), chunk: Int = 1 << 20) -> CSVError? {
        do { _ = try readAll(path, limits: limits, chunk: chunk); return nil } catch let error as CSVError { return error } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("A cell at the cap is read; one byte more is field_too_long, naming file, row and column",
          arguments: [(4096, false, false), (4097, true, false), (4096, false, true), (4097, true, true)])
    func fieldCap(length: Int, refused: Bool, quoted: Bool) throws {
        let cell = String(repeating: "a", count: length)
        let path = try write(Data("姓名,备注\n王小红,ok\n李梅,\(quoted ? "\"\(cell)\"" : cell)\n".utf8))
        let error = failure(path)
        if refused {
            #expect(error?.code == "field_too_long")
            #expect(error?.location == InputLocation(file: URL(fileURLWithPath: path).lastPathComponent, row: 3, column: "备注"))
        } else {
            #expect(error == nil)
        }
    }

    @Test("A doubled quote counts toward the cap")
    func doubledQuotes() throws {
        let path = try write(Data(("a\n\"" + String(repeating: "\"\"", count: 4097) + "\"\n").utf8))
        #expect(failure(path)?.code == "field_too_long")
    }

    @Test("A record over 64 KiB, or over 256 columns, is record_too_long", arguments: [
        (16, 4000, false), (17, 4000, true), (256, 1, false), (257, 1, true),
    ])
    func recordCap(columns: Int, width: Int, refused: Bool) throws {
        let row = Array(repeating: String(repeating: "b", count: width), count: columns).joined(separator: ",")
        let path = try write(Data("h\n\(row)\n".utf8))
        let error = failure(path)
        #expect(error?.code == (refused ? "record_too_long" : nil))
        if refused { #expect(error?.location?.row == 2) }
    }

    @Test("Column numbers stand in where the header has no name")
    func unnamedColumn() throws {
        let path = try write(Data("a,b\n1,2,\(String(repeating: "x", count: 5000))\n".utf8))
        #expect(failure(path)?.location?.column == "3")
    }

    @Test("An unclosed quote or CR-only line ends stop at the record cap, not at the end of memory",
          arguments: ["a\n\"" + String(repeating: "x,\n", count: 30_000), String(repeating: "abc,def\r", count: 20_000)])
    func runaway(text: String) throws {
        let code = failure(try write(Data(text.utf8)))?.code
        #expect(code == "field_too_long" || code == "record_too_long")
    }

    @Test("A file of NUL bytes stops at the first cell")
    func zeros() throws {
        let path = try write(Data(count: 1 << 20))
        #expect(failure(path)?.code == "field_too_long")
    }

    @Test("Directories, devices and pipes are not files: not_a_file at open, at once")
    func notFiles() throws {
        let dir = NSTemporaryDirectory() + "csv-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fifo = dir + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [dir, "/dev/zero", "/dev/null", fifo] {
            #expect(throws: CSVError.notAFile(path)) { _ = try CSVReader(path: path) }
            #expect(throws: CSVError.notAFile(path)) { try CSVReader.checkRegularFile(path) }
        }
        #expect(throws: CSVError.cannotRead(dir + "/none.csv")) { _ = try CSVReader(path: dir + "/none.csv") }
        try CSVReader.checkRegularFile(dir + "/none.csv")  // left to the caller's own message
        let link = dir + "/link.csv"
        let target = try write(Data("a,b\n1,2\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try readAll(link) == [["a", "b"], ["1", "2"]])
    }

    @Test("Reading stays linear on quote-heavy and CR-heavy input (8 MB in seconds, not hours)")
    func linear() throws {
        let row = "\"a\"\"b\"\"c\",\"\r\n\",\r\r\r\"x\"y,z\r\n"
        let path = try write(Data(String(repeating: row, count: 8 << 20 / row.utf8.count).utf8))
        let start = Date()
        let rows = try readAll(path, chunk: 4096)
        #expect(rows.count > 200_000)
        #expect(rows[0] == ["a\"b\"c", "\r\n", "xy", "z"])
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test("Errors have codes and say where", arguments: [
        (CSVError.notAFile("/dev/zero"), "not_a_file"), (.cannotRead("x.csv"), "file_unreadable"), (.encoding(row: 3), "encoding"),
        (.fieldTooLong(file: "f.csv", row: 2, column: "姓名", limit: 4096), "field_too_long"),
        (.recordTooLong(file: "f.csv", row: 2, column: "9", bytes: 65536, columns: 256), "record_too_long"),
    ])
    func codes(error: CSVError, code: String) {
        #expect(error.code == code)
        #expect(error.kind == .invalid)
        #expect(error.description.hasPrefix(code + ": "))
    }
}
