import Foundation
import Testing
@testable import ScreenVaxCore

@Suite("Streaming CSV reader")
struct CSVReaderTests {
    func write(_ data: Data) throws -> String {
        let path = NSTemporaryDirectory() + "csv-\(UUID().uuidString).csv"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func readAll(_ path: String, chunk: Int = 1 << 20) throws -> ([[String]], CSVReader) {
        let reader = try CSVReader(path: path, chunkSize: chunk)
        var rows: [[String]] = []
        while let r = try reader.next() { rows.append(r) }
        return (rows, reader)
    }

    let text = "姓名,备注\r\n王小红,\"说 \"\"是\"\", 好\"\r\n\r\n李梅,\"两行\n文字\"\n张三,末行"

    @Test("Quotes, CRLF and LF, blank lines, embedded line breaks; every chunk size", arguments: [1, 2, 3, 7, 64, 1 << 20])
    func quoting(chunk: Int) throws {
        let path = try write(Data(text.utf8))
        let (rows, reader) = try readAll(path, chunk: chunk)
        #expect(rows == [["姓名", "备注"], ["王小红", "说 \"是\", 好"], ["李梅", "两行\n文字"], ["张三", "末行"]])
        #expect(reader.encoding == .utf8)
    }

    @Test("Reading only some columns: the same records and lines, the other cells empty; every chunk size",
          arguments: [1, 2, 3, 7, 64, 1 << 20])
    func keeping(chunk: Int) throws {
        let path = try write(Data((text + "\n李四,\"多\n行\n\",尾\n").utf8))
        let reader = try CSVReader(path: path, chunkSize: chunk)
        var rows: [[String]] = []
        var lines: [Int] = []
        var breaks: [Int] = []
        while let r = try reader.next(keeping: [false, true]) {
            rows.append(r)
            lines.append(reader.recordLine)
            breaks.append(reader.recordBreaks)
        }
        #expect(rows == [["", "备注"], ["", "说 \"是\", 好"], ["", "两行\n文字"], ["", "末行"], ["", "多\n行\n", ""]])
        #expect(lines == [1, 2, 4, 6, 7])
        #expect(breaks == [0, 0, 1, 0, 2])
    }

    /// Bytes past the first read (which decides the encoding) that are not UTF-8: a lone byte, a
    /// character cut short whose replacement would be as long as it, a surrogate; and U+FFFD itself,
    /// which is valid text.
    @Test("A cell that is not UTF-8 after the first read stops with an encoding error on its line",
          arguments: [([0xFF], false), ([0xF0, 0x9F, 0x98], false), ([0xED, 0xA0, 0x80], false),
                      ([0xEF, 0xBF, 0xBD], true), ([0xF0, 0x9F, 0x98, 0x80], true)] as [([UInt8], Bool)])
    func invalidLater(cell: [UInt8], valid: Bool) throws {
        let filler = Array(String(repeating: "王小红,备注\n", count: 6000).utf8)
        let path = try write(Data(Array("姓名,备注\n".utf8) + filler + Array("李梅,".utf8) + cell + Array("x\n张三,末行\n".utf8)))
        let reader = try CSVReader(path: path, chunkSize: 4096)
        var rows = 0
        do {
            while try reader.next() != nil { rows += 1 }
            #expect(valid)
            #expect(rows == 6003)
        } catch CSVError.encoding(let row) {
            #expect(!valid)
            #expect(row == 6002)
        }
    }

    @Test("Row numbers as a spreadsheet shows them")
    func lines() throws {
        let path = try write(Data("h\na\n\"b\nc\"\nd\n".utf8))
        let reader = try CSVReader(path: path)
        var seen: [Int] = []
        while try reader.next() != nil { seen.append(reader.recordLine) }
        #expect(seen == [1, 2, 3, 5])
    }

    @Test("A UTF-8 byte-order mark is dropped")
    func bom() throws {
        let path = try write(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        let (rows, reader) = try readAll(path)
        #expect(rows.first == ["姓名", "备注"])
        #expect(reader.encoding == .utf8BOM)
    }

    @Test("GB18030 as Excel saves it on Chinese Windows, read in chunks that split characters", arguments: [1, 3, 5, 1 << 20])
    func gb18030(chunk: Int) throws {
        let path = try write(try GB18030Encoder.encode(text))
        let (rows, reader) = try readAll(path, chunk: chunk)
        #expect(reader.encoding == .gb18030)
        #expect(rows == [["姓名", "备注"], ["王小红", "说 \"是\", 好"], ["李梅", "两行\n文字"], ["张三", "末行"]])
    }
}
