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

@Suite("JSON arrays written element by element")
struct StreamedJSONTests {
    struct Line: Encodable {
        let name: String
        let days: Int
        let next: [String: String]?
        let tags: [String]
    }

    @Test("The same bytes as encoding the whole array", arguments: [0, 1, 3])
    func sameBytes(count: Int) throws {
        let items = (0..<count).map { i in
            Line(name: "王小红\(i) / \"quoted\"", days: i - 1, next: i == 1 ? nil : ["due": "2024-05-0\(i + 1)", "latest": "x\ny"],
                 tags: i == 2 ? [] : ["a", "b"])
        }
        var streamed = ""
        try OutputJSON.streamArray(items) { streamed += $0 }
        #expect(streamed == (try OutputJSON.string(items)))
    }
}
