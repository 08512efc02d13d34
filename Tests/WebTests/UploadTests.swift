import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Server

/// The roster upload form: the CSRF token checked before the body is read, a linear parser with
/// caps, and bodies shaped to make the old parser quadratic answered at once.
@Suite(.serialized)
struct UploadTests {
    static func multipart(_ boundary: String, parts: [(headers: String, body: String)], closed: Bool = true) -> String {
        parts.map { "--\(boundary)\r\n\($0.headers)\r\n\r\n\($0.body)\r\n" }.joined() + (closed ? "--\(boundary)--\r\n" : "")
    }

    static func file(_ content: String, name: String = "school.csv") -> (headers: String, body: String) {
        ("Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv", content)
    }

    @Test func theTokenRidesInTheActionAndIsCheckedBeforeTheBody() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let form = try await clinic.call("GET", "/roster", headers: ["Cookie: \(cookie)"])
        #expect(form.bodyText.contains("action=\"/roster?csrf=\(csrf)\"") && form.header("Referrer-Policy") == "no-referrer")
        let boundary = "sv-\(UUID().uuidString)"
        let body = Self.multipart(boundary, parts: [Self.file(HPVListTests.otherCountyRoster, name: "学校名册.csv")])
        let ok = try await clinic.call("POST", "/roster?csrf=\(csrf)",
                                       headers: ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=\(boundary)"], body: body)
        #expect(ok.status == 200 && ok.bodyText.contains("学校名册.csv") && ok.bodyText.contains("地区不在您的辖区内"))
        let viaHeader = try await clinic.call("POST", "/roster", headers: ["Cookie: \(cookie)", "X-CSRF-Token: \(csrf)",
                                                                            "Content-Type: multipart/form-data; boundary=\(boundary)"], body: body)
        #expect(viaHeader.status == 200)
        for path in ["/roster", "/roster?csrf=wrong"] {
            #expect(try await clinic.call("POST", path, headers: ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=\(boundary)"],
                                          body: body).status == 403)
        }
        // A forged upload announcing 10 MB is refused though not a byte of its body ever arrives.
        let connection = try RawConnection(port: clinic.port)
        try connection.send("POST /roster HTTP/1.1\r\nHost: x\r\nCookie: \(cookie)\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
                            + "Content-Length: \(10 << 20)\r\n\r\n")
        #expect(connection.read(until: "\r\n\r\n", within: 5).hasPrefix("HTTP/1.1 403"))
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let contentType: String
        let body: String
        let status: Int
        var testDescription: String { name }
    }

    static let b = "boundary-1"
    static let malformed: [Malformed] = [
        .init(name: "not multipart", contentType: "text/csv", body: "a,b\n", status: 415),
        .init(name: "no boundary", contentType: "multipart/form-data", body: "", status: 400),
        .init(name: "boundary of 71", contentType: "multipart/form-data; boundary=\(String(repeating: "a", count: 71))", body: "", status: 400),
        .init(name: "boundary with a bad character", contentType: "multipart/form-data; boundary=a<b", body: "", status: 400),
        .init(name: "17 parts", contentType: "multipart/form-data; boundary=\(b)",
              body: multipart(b, parts: (1...17).map { ("Content-Disposition: form-data; name=\"f\($0)\"", "x") }), status: 400),
        .init(name: "a part's headers over 16 KB", contentType: "multipart/form-data; boundary=\(b)",
              body: multipart(b, parts: [("Content-Disposition: form-data; name=\"file\"; filename=\"\(String(repeating: "n", count: 17 << 10)).csv\"", "x")]),
              status: 400),
        .init(name: "a field over 64 KB", contentType: "multipart/form-data; boundary=\(b)",
              body: multipart(b, parts: [("Content-Disposition: form-data; name=\"note\"", String(repeating: "x", count: (64 << 10) + 1))]), status: 400),
        .init(name: "two files", contentType: "multipart/form-data; boundary=\(b)", body: multipart(b, parts: [file("a"), file("b")]), status: 400),
        .init(name: "no closing boundary", contentType: "multipart/form-data; boundary=\(b)",
              body: multipart(b, parts: [file("a,b\n")], closed: false), status: 400),
        .init(name: "no part at all", contentType: "multipart/form-data; boundary=\(b)", body: "just text", status: 400),
        .init(name: "a header line without a colon", contentType: "multipart/form-data; boundary=\(b)",
              body: "--\(b)\r\nnot a header\r\n\r\nx\r\n--\(b)--\r\n", status: 400),
    ]

    @Test(arguments: malformed)
    func malformedUploadsAreRefused(_ m: Malformed) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let r = try await clinic.call("POST", "/roster?csrf=\(csrf)", headers: ["Cookie: \(cookie)", "Content-Type: \(m.contentType)"], body: m.body)
        #expect(r.status == m.status, "\(r.status)")
        #expect(r.bodyText.contains("请") && !r.bodyText.contains("bad_upload"))
        let count = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hpv_enrollments") }
        #expect(count == 3)
    }

    @Test func aFileOverTwentyMegabytesIs413() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let body = Self.multipart(Self.b, parts: [Self.file(String(repeating: "a,b\r\n", count: (BodyLimit.upload / 5) + 1))])
        let r = try await clinic.call("POST", "/roster?csrf=\(csrf)",
                                      headers: ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=\(Self.b)"], body: body)
        #expect(r.status == 413 && r.bodyText.contains("提交的内容过大"))
    }

    /// Bodies shaped for the old parser, which searched to the end of the body for each part's
    /// headers (parts without a blank line after their headers): two at once are refused as bad
    /// multipart, and `/healthz` answers meanwhile. How long they take beside a plain megabyte is
    /// measured by `Scripts/bench.sh web`, not here.
    @Test func quadraticShapedBodiesAreRefused() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let manyParts = String(repeating: "--q\r\nX", count: (1 << 20) / 6)
        // The same megabyte in a body the route refuses before parsing (not multipart).
        let plain = try await clinic.call("POST", "/roster?csrf=\(csrf)", headers: ["Cookie: \(cookie)", "Content-Type: text/csv"], body: manyParts)
        #expect(plain.status == 415)
        let headers = ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=q"]
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 1...2 {
                group.addTask { [try await clinic.call("POST", "/roster?csrf=\(csrf)", headers: headers, body: manyParts).status] }
            }
            group.addTask {
                var answers: [Int] = []
                for _ in 1...10 { answers.append(try await clinic.call("GET", "/healthz").status) }
                return answers
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.sorted() == [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 400])
    }

    /// The parser's worst case, a file of near-boundaries (each `\r\n--` that is not the boundary
    /// is matched and given back): the whole file comes out, in chunks as the server receives them.
    /// That four times the bytes take about four times as long is `Scripts/bench.sh web`'s figure.
    @Test func nearBoundariesAreGivenBack() async throws {
        let text = "--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
            + String(repeating: "\r\n-\r\n--\r\n-", count: (128 << 10) / 11) + "\r\n--q--\r\n"
        var buffer = ByteBuffer(string: text)
        var chunks: [ByteBuffer] = []
        while let chunk = buffer.readSlice(length: min(1 << 16, buffer.readableBytes)), chunk.readableBytes > 0 { chunks.append(chunk) }
        let stream = AsyncStream<ByteBuffer> { c in
            for chunk in chunks { c.yield(chunk) }
            c.finish()
        }
        let request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/roster",
                                                headerFields: [.contentType: "multipart/form-data; boundary=q"]),
                              body: RequestBody(asyncSequence: stream))
        let form = try await MultipartForm.read(request)
        #expect(form.file == Data(String(repeating: "\r\n-\r\n--\r\n-", count: (128 << 10) / 11).utf8))
    }
}
