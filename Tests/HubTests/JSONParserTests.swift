import Foundation
import Testing
@testable import Hub

/// The hub's own JSON parser gives the values JSONDecoder gave, and refuses what it refused.
@Suite struct JSONParserTests {
    /// The old way, as the reference.
    struct Decoded: Decodable {
        let value: JSONValue
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { value = .null }
            else if let b = try? c.decode(Bool.self) { value = .bool(b) }
            else if let i = try? c.decode(Int.self) { value = .int(i) }
            else if let d = try? c.decode(Double.self) { value = .double(d) }
            else if let s = try? c.decode(String.self) { value = .string(s) }
            else if let a = try? c.decode([Decoded].self) { value = .array(a.map(\.value)) }
            else { value = .object(try c.decode([String: Decoded].self).mapValues(\.value)) }
        }
    }

    @Test(arguments: [
        #"{"a":1,"b":1.0,"c":1.5,"d":1e2,"e":-0,"f":true,"g":false,"h":null,"i":"x","j":[],"k":{}}"#,
        #"{"s":"\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00 王芳","n":[12345678901234567890,-7,0.1,2E-3]}"#,
        #"  [ 1 , [ 2 , { "x" : [ ] } ] ]  "#,
        #"{"dup":1,"dup":2}"#,
    ])
    func sameValuesAsJSONDecoder(_ text: String) throws {
        let bytes = Array(text.utf8)
        let reference = try JSONDecoder().decode(Decoded.self, from: Data(bytes)).value
        #expect(try JSONValue.parse(bytes) == reference)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "tru", "{\"a\" 1}", "\"\u{01}\"", "\"\\ud800\"", "\"\\x\"", "[1] 2",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func refused(_ text: String) {
        #expect(throws: (any Error).self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func invalidUTF8InAStringIsRefused() {
        #expect(throws: (any Error).self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }
}
