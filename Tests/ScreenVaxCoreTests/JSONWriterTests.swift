import Foundation
import Testing
@testable import ScreenVaxCore

@Suite("JSON writer for wire payloads")
struct JSONWriterTests {
    /// Short (stored in the string itself) and long texts, plain and with every escape the writer makes.
    static let texts = ["", "a", "陶嫣凤", "初一(5)班", "say \"是\"", "back\\slash", "two\nlines\r\n", "tab\there",
                        "\u{01}\u{1F}", String(repeating: "王", count: 40) + "\"", String(repeating: "x", count: 300)]

    @Test("Every text reads back as it was written, as a String and as bytes", arguments: texts)
    func roundTrip(text: String) throws {
        func writer() -> JSONWriter {
            var w = JSONWriter()
            w.string("v", text)
            w.int("n", 3)
            w.string("none", nil)
            w.strings("list", [text, "b"])
            return w
        }
        let asString = writer().finished()
        let asBytes = writer().finishedUTF8()
        #expect(Array(asString.utf8) == asBytes)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(asBytes)) as? [String: Any])
        #expect(object["v"] as? String == text)
        #expect(object["n"] as? Int == 3)
        #expect(object["none"] is NSNull)
        #expect(object["list"] as? [String] == [text, "b"])
    }

    @Test("Control characters are escaped, other text is copied as it is")
    func escapes() {
        var w = JSONWriter()
        w.string("v", "a\"b\\c\nd\u{01}王")
        #expect(w.finished() == #"{"v":"a\"b\\c\nd\u0001王"}"#)
    }
}
