import Foundation
import Testing
@testable import Server

/// Every integer a list route reads from its query, at and around its bounds, past Int, and not a
/// number: a 400 `bad_parameter` naming it, never a crash; the server answers afterwards.
@Suite(.serialized)
struct ParameterTests {
    struct Parameter: CustomTestStringConvertible, Sendable {
        let path: String
        let name: String
        let range: ClosedRange<Int>
        /// Who asks: a username, or nil for the service token (the voice platform's route).
        let user: String?
        var testDescription: String { "\(path) \(name)" }
    }

    static let api: [Parameter] = [
        .init(path: "/api/v1/hpv/due", name: "within", range: 0...3_650, user: "liu"),
        .init(path: "/api/v1/hpv/due", name: "offset", range: 0...10_000_000, user: "liu"),
        .init(path: "/api/v1/hpv/due", name: "limit", range: 1...1_000, user: "liu"),
        .init(path: "/api/v1/hpv/girls", name: "offset", range: 0...10_000_000, user: "liu"),
        .init(path: "/api/v1/hpv/girls", name: "limit", range: 1...1_000, user: "liu"),
        .init(path: "/api/v1/hpv/aefi", name: "offset", range: 0...10_000_000, user: "liu"),
        .init(path: "/api/v1/hpv/aefi", name: "limit", range: 1...1_000, user: "liu"),
        .init(path: "/api/v1/screening/due", name: "limit", range: 1...1_000, user: "wu"),
        .init(path: "/api/v1/screening/due", name: "offset", range: 0...10_000_000, user: "wu"),
        .init(path: "/api/v1/recall/cases", name: "limit", range: 1...1_000, user: "fang"),
        .init(path: "/api/v1/recall/cases", name: "offset", range: 0...10_000_000, user: "fang"),
        .init(path: "/api/v1/calls", name: "limit", range: 1...1_000, user: "fang"),
        .init(path: "/api/v1/calls", name: "offset", range: 0...10_000_000, user: "fang"),
        .init(path: "/api/v1/calls/next", name: "limit", range: 1...1_000, user: nil),
    ]

    /// Values outside the range or not whole numbers: each a 400.
    static func bad(_ range: ClosedRange<Int>) -> [String] {
        [String(range.lowerBound - 1), String(range.upperBound + 1), String(Int.max), "9223372036854775808", String(Int.min),
         "-1", "abc", "1.5", "1e3", " 1", "0x10", String(repeating: "9", count: 400)]
    }

    @Test(arguments: api)
    func apiParameter(_ p: Parameter) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        var token = TestClinic.voiceToken
        if let user = p.user { token = try await clinic.token(user) }
        for value in [p.range.lowerBound, p.range.upperBound].map(String.init) + [""] {
            let r = try await clinic.json("GET", "\(p.path)?\(p.name)=\(value)", token: token)
            #expect(r.status == 200, "\(p.name)=\(value): \(r.status) \(r.bodyText.prefix(200))")
        }
        for value in Self.bad(p.range) {
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
            let r = try await clinic.json("GET", "\(p.path)?\(p.name)=\(encoded)", token: token)
            let object = try? r.json() as? [String: Any]
            let error = object?["error"] as? [String: Any]
            let code = error?["code"] as? String, message = error?["message"] as? String ?? ""
            #expect(r.status == 400 && code == "bad_parameter", "\(p.name)=\(String(value.prefix(30))): \(r.status)")
            #expect(message.hasPrefix(p.name))
        }
        #expect(try await clinic.call("GET", "/healthz").status == 200)
    }

    static let pages = ["/work", "/girls", "/screening/due", "/recall", "/calls", "/aefi"]
    static let pageUser = ["/work": "liu", "/girls": "liu", "/screening/due": "wu", "/recall": "fang", "/calls": "fang", "/aefi": "liu"]

    @Test(arguments: pages)
    func pageNumber(_ path: String) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, _) = try await WebPageTests.login(clinic, Self.pageUser[path] ?? "liu", landing: path)
        for value in ["1", "2", "10000", ""] {
            let r = try await clinic.call("GET", "\(path)?page=\(value)", headers: ["Cookie: \(cookie)"])
            #expect(r.status == 200, "page=\(value): \(r.status)")
        }
        for value in Self.bad(Paging.pages) {
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
            let r = try await clinic.call("GET", "\(path)?page=\(encoded)", headers: ["Cookie: \(cookie)"])
            #expect(r.status == 400 && r.bodyText.contains("页码应为 1 到 10000 之间的整数"), "page=\(value.prefix(30)): \(r.status)")
            #expect(!r.bodyText.contains("bad_parameter"))
        }
        #expect(try await clinic.call("GET", "/healthz").status == 200)
    }

    /// The requests that ended the process before; each kept as it was found.
    @Test func knownCrashersAnswer400() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let max = String(Int.max)
        for path in ["/api/v1/hpv/due?within=\(max)", "/api/v1/hpv/due?offset=1&limit=\(max)", "/api/v1/hpv/girls?offset=1&limit=\(max)"] {
            #expect(try await clinic.json("GET", path, token: liu).status == 400, "\(path)")
        }
        let (cookie, _) = try await WebPageTests.login(clinic, "liu")
        let (wu, _) = try await WebPageTests.login(clinic, "wu", landing: "/screening/due")
        for (path, session) in [("/work", cookie), ("/girls", cookie), ("/screening/due", wu)] {
            #expect(try await clinic.call("GET", "\(path)?page=\(max)", headers: ["Cookie: \(session)"]).status == 400, "\(path)")
        }
        // The dose form's page number rides back in the redirect: a bad one is refused, not trapped on.
        let person = try #require(try clinic.database.read { db in try String.fetchOne(db, sql: "SELECT uuid FROM persons LIMIT 1") })
        let csrf = try #require(WebPageTests.field("csrf", in: try await clinic.call("GET", "/work", headers: ["Cookie: \(cookie)"]).bodyText))
        let dose = try await clinic.call("POST", "/doses", headers: ["Cookie: \(cookie)", "Content-Type: application/x-www-form-urlencoded"],
                                         body: "csrf=\(csrf)&person=\(person)&date=\(today)&product=cecolin&lot=L1&expiry=2026-06&page=\(max)")
        #expect(dose.status == 400)
        #expect(try await clinic.call("GET", "/healthz").status == 200)
    }

    /// Every list pages by 50 unless asked otherwise, with the whole count in X-Total-Count.
    @Test func listsHaveADefaultPageOf50() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        var roster = "序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种\n"
        for n in 1...60 {
            roster += "\(n),东湖区,学生\(n),2011-03-04,\(residentID("2011-03-04", sequence: 100 + 2 * n)),东湖区第二中学,初一(1)班,家长,13812345678,无,是\n"
        }
        let upload = try await clinic.call("POST", "/api/v1/hpv/roster", headers: ["Authorization: Bearer \(liu)"], body: roster)
        #expect(upload.status == 200)
        for path in ["/api/v1/hpv/girls", "/api/v1/hpv/due"] {
            let r = try await clinic.json("GET", path, token: liu)
            let lines = try #require(try r.json() as? [Any])
            #expect(lines.count == 50 && r.header("X-Total-Count") == "62", "\(path): \(lines.count) \(r.header("X-Total-Count") ?? "-")")
            let rest = try #require(try await clinic.json("GET", "\(path)?offset=50", token: liu).json() as? [Any])
            #expect(rest.count == 12)
            let one = try await clinic.json("GET", "\(path)?limit=1000", token: liu)
            #expect((try one.json() as? [Any])?.count == 62)
        }
        let (cookie, _) = try await WebPageTests.login(clinic, "liu", landing: "/girls")
        let second = try await clinic.call("GET", "/girls?page=2", headers: ["Cookie: \(cookie)"])
        #expect(second.status == 200 && second.bodyText.contains("第 2 / 2 页"))
    }
}
