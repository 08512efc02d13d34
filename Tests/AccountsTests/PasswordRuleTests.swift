import Testing
@testable import Accounts

/// What a new password must be: 12 characters at least, not blank, 72 bytes of UTF-8 at most.
struct PasswordRuleTests {
    @Test(arguments: [
        (String(repeating: "a", count: 11), "weak_password"),
        (String(repeating: "a", count: 12), nil),
        (String(repeating: "a", count: 72), nil),
        (String(repeating: "a", count: 73), "password_too_long"),
        (String(repeating: "密", count: 11), "weak_password"),      // 33 bytes, 11 characters
        (String(repeating: "密", count: 12), nil),                   // 36 bytes
        (String(repeating: "密", count: 24), nil),                   // exactly 72 bytes
        (String(repeating: "密", count: 24) + "a", "password_too_long"),  // 73 bytes
        (String(repeating: "a", count: 70) + "é", nil),              // 72 bytes: é is 2
        (String(repeating: "a", count: 71) + "é", "password_too_long"),
        ("", "blank_password"),
        (String(repeating: " ", count: 12), "blank_password"),
        ("\t \u{3000}  \n   \t   ", "blank_password"),              // tabs, a full-width space
        ("  twelve chars ", nil),                                    // spaces inside are fine
    ] as [(String, String?)])
    func rules(password: String, code: String?) {
        do {
            try PasswordRule.check(password)
            #expect(code == nil, "accepted \(password.utf8.count) bytes")
        } catch {
            #expect(error.code == code)
        }
    }
}
