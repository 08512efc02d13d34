import Testing
@testable import ScreenVaxCore

@Suite("Trimming a cell's text")
struct TextTrimTests {
    /// 一 (U+4E00) ends in the byte 0x80 and 丠 (U+4E20) in 0xA0, as U+3000 and U+00A0 do.
    static let cases: [(String, String)] = [
        ("", ""), ("   ", ""), ("a", "a"), ("\t a \n", "a"), ("王芳", "王芳"), (" 王芳 ", "王芳"),
        ("王芳\u{3000}", "王芳"), ("\u{3000}王芳", "王芳"), ("\u{A0}王", "王"), ("王\u{A0}", "王"),
        ("一", "一"), ("一\u{3000}", "一"), ("丠", "丠"), ("丠 ", "丠"), ("初一(5)班", "初一(5)班"), ("1 一", "1 一"),
    ]

    @Test("trimmingSpaces: ASCII and full-width spaces at either end, whatever the last byte", arguments: cases)
    func spaces(text: String, expected: String) {
        #expect(text.trimmingSpaces() == expected)
    }

    @Test("CellText.trimmed: the same, and the other blanks a spreadsheet leaves", arguments: cases + [
        ("\u{200B}王\u{FEFF}", "王"), ("一\u{2028}", "一"), ("'３６０'", "'３６０'"),
    ])
    func cell(text: String, expected: String) {
        #expect(CellText.trimmed(text) == expected)
    }

    @Test("Full-width digits and letters become ASCII; other full-width characters stay",
          arguments: [("３６０１０２Ｘ", "360102X"), ("ａｂ，（）", "ab，（）"), ("王芳", "王芳"), ("", "")])
    func fullWidth(text: String, expected: String) {
        #expect(CellText.asciiDigitsAndLetters(text) == expected)
    }
}
