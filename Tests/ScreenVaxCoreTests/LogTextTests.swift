import Testing
@testable import ScreenVaxCore

@Suite("Log text")
struct LogTextTests {
    @Test("Control characters are escaped; ordinary text is untouched", arguments: [
        ("nurse1", "nurse1"), ("王护士", "王护士"), ("a\nINFO forged line", "a\\nINFO forged line"), ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"), ("bell\u{7}", "bell\\u{7}"), ("del\u{7F}", "del\\u{7F}"), ("c1\u{85}", "c1\\u{85}"),
        ("ls\u{2028}ps\u{2029}", "ls\\u{2028}ps\\u{2029}"), ("nul\u{0}", "nul\\u{0}"), ("esc\u{1B}[31m", "esc\\u{1B}[31m"),
    ])
    func escaped(text: String, expected: String) {
        #expect(LogText.escaped(text) == expected)
        #expect(!LogText.escaped(text).contains(where: { $0.isNewline }))
    }
}
