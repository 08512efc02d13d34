import Foundation
import Testing
@testable import Hub

/// The schemas' simple patterns matched on bytes as NSRegularExpression matches them, and the
/// patterns outside the subset left to it.
@Suite struct SimplePatternTests {
    static let patterns = [
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "^36[0-9]{4}$", "^[0-9]{6}$", "^[0-9]{7,12}$",
        "^[0-9]{17}[0-9X]$", "^[a-z][a-z_]*$",
    ]
    static let samples = [
        "", "0", "360102", "36010", "3601021", "460102", "12345678", "123456789012", "1234567890123", "36010219990101001X",
        "36010219990101001x", "019c3c1e-8f2a-7b4d-9e1f-0123456789ab", "019C3C1E-8F2A-7B4D-9E1F-0123456789AB",
        "019c3c1e-8f2a-7b4d-9e1f-0123456789a", "019c3c1e-8f2a-7b4d-9e1f-0123456789abc", "019c3c1e8f2a-7b4d-9e1f-0123456789ab-",
        "roster_entry", "Roster", "_x", "a", "a_", "三六0102", "36０102",
    ]

    @Test func simplePatternsMatchAsTheRegularExpressionDoes() throws {
        for pattern in SimplePatternTests.patterns {
            let simple = try #require(SimplePattern(pattern), "\(pattern) is in the subset")
            let regex = try NSRegularExpression(pattern: pattern)
            for s in SimplePatternTests.samples {
                let expected = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
                #expect(simple.matches(s) == expected, "\(pattern) on \(s)")
            }
        }
    }

    @Test func patternsWithMoreAreLeftToTheRegularExpression() {
        for pattern in ["^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?$", "^(Z|[+-][0-9]{2})$", "[0-9]{6}", "^[^0-9]$", "^a+$",
                        "^a.b$", "^\\d$"] {
            #expect(SimplePattern(pattern) == nil, "\(pattern)")
        }
    }

    /// ICU's `$` also matches before a final newline; JSON Schema's does not.
    @Test func theEndIsTheEndOfTheString() throws {
        #expect(try #require(SimplePattern("^[0-9]{6}$")).matches("360102\n") == false)
    }
}
