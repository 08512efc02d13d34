import ScreenVaxCore
import Testing

@Suite struct OutboundURLTests {
    @Test("https anywhere, plain http only to loopback", arguments: [
        ("https://platform.example/api/v1/batches", nil),
        ("HTTPS://ai.example/v1/advice", nil),
        ("http://127.0.0.1:8443/api/v1/batches", nil),
        ("http://localhost:9000/advice", nil),
        ("http://[::1]:9000/advice", nil),
        ("http://platform.example/api/v1/batches", .insecure),
        ("http://127.0.0.2/x", .insecure),
        ("ftp://127.0.0.1/x", .insecure),
        ("platform.example/api", .notAURL),
        ("https://", .notAURL),
        ("", .notAURL),
    ] as [(String, OutboundURL.Problem?)])
    func problem(url: String, expected: OutboundURL.Problem?) {
        #expect(OutboundURL.problem(url) == expected)
    }
}
