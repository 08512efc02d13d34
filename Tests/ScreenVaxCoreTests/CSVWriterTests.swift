import Testing
@testable import ScreenVaxCore

@Suite("The one CSV writer: quoting and formula cells")
struct CSVWriterTests {
    @Test("Quoted when it must be, as RFC 4180 says", arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("王小红", "王小红"), ("360102********1234", "360102********1234"),
    ])
    func quoting(cell: String, written: String) {
        #expect(CSVWriter.field(cell) == written)
    }

    @Test("Formula cells get a leading apostrophe", arguments: [
        ("=HYPERLINK(\"http://x\",\"点我\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""), ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\r=1", "\"'\r=1\""),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-", "-"), ("+", "+"), ("--1", "'--1"), ("-1.", "'-1."), ("-.5", "'-.5"),
        ("-3", "-3"), ("+8613812345678", "+8613812345678"), ("0.25", "0.25"), ("-0.25", "-0.25"), ("a=b", "a=b"),
    ])
    func neutralised(cell: String, written: String) {
        #expect(CSVWriter.field(cell) == written)
    }

    @Test("A verbatim column is written as it is (a dialler's phone numbers); the others are still guarded")
    func verbatim() {
        #expect(CSVWriter.line(["=x", "+86 138 1234 5678", "@y"], verbatim: [1]) == "'=x,+86 138 1234 5678,'@y")
        #expect(CSVWriter.field("+86 138", neutralise: false) == "+86 138")
        #expect(CSVWriter.field("a,=b", neutralise: false) == "\"a,=b\"")
    }

    @Test("Rows, line ends and the byte-order mark")
    func rows() {
        var excel = CSVWriter(byteOrderMark: true)
        excel.row(["姓名", "电话"])
        excel.row(["=evil", "13812345678"])
        #expect(excel.text == "\u{FEFF}姓名,电话\r\n'=evil,13812345678\r\n")
        var terminal = CSVWriter(lineEnd: .lf)
        terminal.row(["a", "b,c"])
        #expect(terminal.text == "a,\"b,c\"\n")
    }

    @Test("The errors file goes through it")
    func errorsFile() {
        let data = ErrorsFile.data(header: ["姓名", "电话"], rows: [RejectedRow(fields: ["=HYPERLINK(1)"], reasons: ["电话: 缺失", "x"])])
        #expect(String(decoding: data, as: UTF8.self) == "\u{FEFF}姓名,电话,错误原因\r\n'=HYPERLINK(1),,电话: 缺失；x\r\n")
    }
}
