import Testing
@testable import ScreenVaxCore

@Suite("Error kinds")
struct ErrorKindTests {
    struct Plain: UserError {
        var code: String { "plain" }
        var message: String { "m" }
    }

    @Test("Kinds default to invalid; core errors are invalid")
    func kinds() {
        #expect(Plain().kind == .invalid)
        #expect((Plain() as any UserError).kind == .invalid)
        #expect(CoreError.idFormat.kind == .invalid)
        #expect(UserErrorKind.allCases.map(\.rawValue) == ["invalid", "not_found", "conflict", "forbidden", "busy"])
    }
}
