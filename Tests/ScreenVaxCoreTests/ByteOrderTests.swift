import Testing
@testable import ScreenVaxCore

@Suite("Byte order of text")
struct ByteOrderTests {
    @Test("Compares by UTF-8 bytes, as Swift orders the same NFC text", arguments: [
        ("", "", 0), ("", "a", -1), ("a", "", 1), ("a", "b", -1), ("b", "a", 1), ("abc", "abc", 0), ("ab", "abc", -1),
        ("东湖区第一中学", "东湖区第二中学", -1), ("东湖区第二中学", "东湖区第一中学", 1), ("东湖区", "东湖区第一中学", -1),
        ("王小红", "王小红", 0), ("Z", "东", -1), ("初一(1)班", "初一(2)班", -1), ("李梅", "李小梅", 1),
    ])
    func compare(a: String, b: String, expected: Int) {
        #expect(a.utf8Compare(b) == expected)
        #expect((a.utf8Compare(b) < 0) == (a < b))
        #expect((a.utf8Compare(b) == 0) == (a == b))
    }
}
