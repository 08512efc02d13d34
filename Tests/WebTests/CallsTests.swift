import Accounts
import Foundation
import GRDB
import Store
import Testing
@testable import Server

/// The call list for follow-up staff: `/api/v1/calls`, staff attempts, the 呼叫清单 page, beside the
/// voice platform's routes (service token) on the same router.
@Suite(.serialized)
struct CallsTests {
    /// Plans 2024-04-15's calls with the CLI on the test's database: one call per guardian's number
    /// (王伟 and 陈刚 in 东湖区, 李强 in 章贡区).
    static func plan(_ clinic: TestClinic) throws {
        let r = try runCLI(["calls", "plan", "--as-of", today, "--at", "09:00", "--format", "json", "--db", clinic.database.path])
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// The call ids of the day by masked number, as the province-wide CLI lists them.
    static func callIDs(_ clinic: TestClinic) throws -> [String: String] {
        let cli = try runCLI(["calls", "list", "--day", today, "--format", "json", "--db", clinic.database.path])
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: calls.map { ($0["phone_masked"] as! String, $0["call_id"] as! String) })
    }

    static let wangPhone = "138****5678", liPhone = "137****5678"

    @Test func callListIsTheCLIsJSONForTheUsersCounty() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let fang = try await clinic.token("fang")
        let api = try await clinic.json("GET", "/api/v1/calls?as_of=\(today)", token: fang)
        #expect(api.status == 200)
        let cli = try runCLI(["calls", "list", "--day", today, "--format", "json", "--db", clinic.database.path])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
        #expect(all.count == 3)
        // The same objects, same keys, same order, less 章贡区's call.
        let mine = all.filter { $0["phone_masked"] as? String != Self.liPhone } as NSArray
        #expect((try api.json() as? NSArray)?.isEqual(mine) == true, "\(api.bodyText)")
        #expect(!api.bodyText.contains("13812345678") && api.bodyText.contains(Self.wangPhone))
        // Another day has no calls; a bad date is a 400 saying how to write it.
        #expect(try await clinic.json("GET", "/api/v1/calls?as_of=2024-04-16", token: fang).bodyText == "[]\n")
        #expect(try await clinic.json("GET", "/api/v1/calls?as_of=15.4.2024", token: fang).status == 400)
        // A city's follow-up user sees the calls of every county of that city, and only those.
        _ = try clinic.services.authenticator.addUser(username: "ganfu", password: TestClinic.password, role: .followup, area: .city("360700"),
                                                      audit: AuditLog(operatorName: "setup", timestamp: "2024-04-15T09:00:00+08:00"))
        let city = try #require(try await clinic.json("GET", "/api/v1/calls", token: try await clinic.token("ganfu")).json() as? [[String: Any]])
        #expect(city.map { $0["phone_masked"] as? String } == [Self.liPhone])
        // Vaccinators and officers do not work calls.
        #expect(try await clinic.json("GET", "/api/v1/calls", token: try await clinic.token("liu")).status == 403)
        #expect(try await clinic.json("GET", "/api/v1/calls", token: try await clinic.token("zhou")).status == 403)
    }

    @Test(arguments: [
        // (outcome, status after the first attempt, escalated reasons)
        ("reached", "done", 0), ("reached_declined", "done", 0), ("busy", "planned", 0), ("no_answer", "waiting", 0),
        ("voicemail", "waiting", 0), ("invalid_number", "escalated", 1), ("wrong_person", "escalated", 1),
        ("refused", "stopped", 0), ("do_not_call", "stopped", 0),
    ])
    func attemptFollowsThePolicyAndIsAuditedWithTheUser(outcome: String, status: String, escalated: Int) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let call = try #require(try Self.callIDs(clinic)[Self.wangPhone])
        let fang = try await clinic.token("fang")
        let r = try await clinic.json("POST", "/api/v1/calls/\(call)/attempts", token: fang,
                                      body: #"{"outcome":"\#(outcome)","at":"2024-04-15T09:30:00+08:00","note":"工作日上午"}"#)
        #expect(r.status == 201, "\(r.bodyText)")
        let body = try #require(try r.json() as? [String: Any])
        #expect(body["call_id"] as? String == call && body["status"] as? String == status && body["attempt"] as? Int == 1)
        #expect(body["escalated"] as? Int == escalated && body["duplicate"] as? Bool == false)
        // The CLI sees the same call status; the audit log names the user.
        let cli = try runCLI(["calls", "list", "--day", today, "--format", "json", "--db", clinic.database.path])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
        #expect(listed.first { $0["call_id"] as? String == call }?["status"] as? String == status)
        let operators = try clinic.database.read { db in
            try String.fetchAll(db, sql: "SELECT operator FROM audit_log WHERE action = 'call_attempt' AND entity_uuid = ?", arguments: [call])
        }
        #expect(operators == ["fang"])
        // A closed call takes no more attempts (409); an open one takes the next.
        let again = try await clinic.json("POST", "/api/v1/calls/\(call)/attempts", token: fang, body: #"{"outcome":"reached"}"#)
        #expect(again.status == (["done", "stopped", "escalated"].contains(status) ? 409 : 201), "\(again.bodyText)")
    }

    @Test(arguments: [
        (#"{"outcome":"maybe"}"#, 422, "bad_outcome"), (#"{"note":"x"}"#, 400, "missing_field"), ("not json", 400, "bad_json"),
        (#"{"outcome":"reached","at":"yesterday"}"#, 422, "bad_time"),
        (#"{"outcome":"reached","at":"2024-04-16T09:30:00+08:00"}"#, 422, "future_attempt"),
    ])
    func badAttemptsAreRefusedWithTheirCode(body: String, status: Int, code: String) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let call = try #require(try Self.callIDs(clinic)[Self.wangPhone])
        let r = try await clinic.json("POST", "/api/v1/calls/\(call)/attempts", token: try await clinic.token("fang"), body: body)
        #expect(r.status == status && r.bodyText.contains(code), "\(r.bodyText)")
        let attempts = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM followup_attempts") }
        #expect(attempts == 0)
    }

    @Test func otherCountiesCallsWrongRolesAndCookiesWithoutCSRFAreRefused() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let ids = try Self.callIDs(clinic)
        let fang = try await clinic.token("fang")
        let body = #"{"outcome":"reached"}"#
        #expect(try await clinic.json("POST", "/api/v1/calls/\(ids[Self.liPhone]!)/attempts", token: fang, body: body).status == 404)
        #expect(try await clinic.json("POST", "/api/v1/calls/no-such-call/attempts", token: fang, body: body).status == 404)
        #expect(try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts", token: try await clinic.token("liu"),
                                      body: body).status == 403)
        #expect(try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts", body: body).status == 401)
        // The browser's session cookie must carry the page's CSRF token on a change.
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/calls")
        let path = "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts"
        #expect(try await clinic.call("POST", path, headers: ["Cookie: \(cookie)", "Content-Type: application/json"], body: body).status == 403)
        #expect(try await clinic.call("POST", path, headers: ["Cookie: \(cookie)", "X-CSRF-Token: \(csrf)", "Content-Type: application/json"],
                                      body: body).status == 201)
        let attempts = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM followup_attempts") }
        #expect(attempts == 1)
    }

    /// `GET /api/v1/calls/next` and `POST /api/v1/calls/{id}/result` still answer to a voice client's
    /// token (and only to it) beside the user routes; the router finds no clash.
    @Test func voicePlatformRoutesStillWorkBesideTheUserRoutes() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let voice = "voice-token-3c2b1a0f9e8d7c6b5a4f3e2d"
        try clinic.database.write { db in
            _ = try APIClients.add(db, name: "voice", scope: .voice, area: .county("360102"), token: voice,
                                   audit: AuditLog(operatorName: "setup", timestamp: "2024-04-15T09:00:00+08:00"))
        }
        // The test server mounts the groups `screenvax serve` does (`RegistryServer.routes`), so its
        // router was validated when it started.
        try Self.plan(clinic)
        let ids = try Self.callIDs(clinic)
        let user = try await clinic.token("fang")
        #expect(try await clinic.json("GET", "/api/v1/calls/next?limit=5", token: user).status == 401)
        let next = try await clinic.json("GET", "/api/v1/calls/next?limit=5", token: voice)
        #expect(next.status == 200 && next.bodyText.contains("\"calls\""))
        let result = try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/result", token: voice,
                                           body: #"{"outcome":"no_answer","at":"2024-04-15T09:40:00+08:00","result_id":"r1"}"#)
        #expect(result.status == 200 && result.bodyText.contains(#""attempt":1"#), "\(result.bodyText)")
        #expect(try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts", token: voice,
                                      body: #"{"outcome":"reached"}"#).status == 401)
        let staff = try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts", token: user, body: #"{"outcome":"reached"}"#)
        #expect(staff.status == 201 && staff.bodyText.contains(#""attempt":2"#), "\(staff.bodyText)")
    }

    @Test func callListPageHasNineOutcomeButtonsAndAButtonMovesTheCall() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let ids = try Self.callIDs(clinic)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/calls")
        let page = try await clinic.call("GET", "/calls", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("王伟") && html.contains(Self.wangPhone) && !html.contains("13812345678"))
        #expect(!html.contains("李强") && !html.contains(ids[Self.liPhone]!))
        #expect(html.components(separatedBy: #"name="outcome""#).count - 1 == 18)  // nine per open call, two calls
        #expect(html.contains("您家孩子的HPV疫苗接种"))  // the script
        #expect(html.contains("上次：") == false)  // no last outcome before the first attempt
        let wang = ids[Self.wangPhone]!
        // Without the CSRF token nothing is written.
        #expect(try await clinic.call("POST", "/calls/\(wang)/attempts", headers: ["Cookie: \(cookie)"], body: "outcome=reached").status == 403)
        let r = try await clinic.call("POST", "/calls/\(wang)/attempts", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)&outcome=reached")
        #expect(r.status == 303 && r.header("Location") == "/calls")
        let after = try await clinic.call("GET", "/calls", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(after.components(separatedBy: #"name="outcome""#).count - 1 == 9)
        let closed = try #require(after.components(separatedBy: #"id="calls-closed""#).last)
        #expect(closed.contains(wang) && closed.contains("已完成") && closed.contains("已接通"))
        // A closed call, a bad outcome, another county's call, another role.
        #expect(try await clinic.call("POST", "/calls/\(wang)/attempts", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)&outcome=busy").status == 409)
        let chen = ids["139****5678"]!
        let bad = try await clinic.call("POST", "/calls/\(chen)/attempts", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)&outcome=maybe")
        #expect(bad.status == 422 && bad.bodyText.contains("maybe"))
        #expect(try await clinic.call("POST", "/calls/\(ids[Self.liPhone]!)/attempts", headers: ["Cookie: \(cookie)"],
                                      body: "csrf=\(csrf)&outcome=reached").status == 404)
        let (liu, _) = try await WebPageTests.login(clinic, "liu")
        #expect(try await clinic.call("GET", "/calls", headers: ["Cookie: \(liu)"]).status == 403)
    }

    @Test func fullNumberIsShownForOneCallOnRequestAndAudited() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let ids = try Self.callIDs(clinic)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/calls")
        let wang = ids[Self.wangPhone]!
        #expect(try await clinic.call("POST", "/calls/\(wang)/phone", headers: ["Cookie: \(cookie)"], body: "csrf=bad").status == 403)
        let page = try await clinic.call("POST", "/calls/\(wang)/phone", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)")
        #expect(page.status == 200 && page.bodyText.contains("13812345678") && !page.bodyText.contains("13912345678"))
        #expect(try await clinic.call("POST", "/calls/\(ids[Self.liPhone]!)/phone", headers: ["Cookie: \(cookie)"],
                                      body: "csrf=\(csrf)").status == 404)
        let audit = try clinic.database.read { db in
            try Row.fetchAll(db, sql: "SELECT operator, detail FROM audit_log WHERE action = 'show_phone' AND entity_uuid = ?", arguments: [wang])
                .map { ($0["operator"] as String, $0["detail"] as String) }
        }
        #expect(audit.count == 1 && audit.first?.0 == "fang")
        let detail = audit.first?.1 ?? ""
        #expect(detail.contains("1381234") == false)
        // The next plain view is masked again.
        let again = try await clinic.call("GET", "/calls", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(again.contains("13812345678") == false)
    }

    @Test func escalatedListShowsTheAreasHomeVisits() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.plan(clinic)
        let ids = try Self.callIDs(clinic)
        let fang = try await clinic.token("fang")
        #expect(try await clinic.json("POST", "/api/v1/calls/\(ids[Self.wangPhone]!)/attempts", token: fang,
                                      body: #"{"outcome":"invalid_number"}"#).status == 201)
        // 章贡区's number is wrong too, but its home visit is not 东湖区's.
        #expect(try runCLI(["calls", "attempt", "--call", ids[Self.liPhone]!, "--outcome", "invalid_number", "--at", "2024-04-15T09:10",
                            "--db", clinic.database.path]).status == 0)
        let (cookie, _) = try await WebPageTests.login(clinic, "fang", landing: "/calls")
        let page = try await clinic.call("GET", "/calls/escalated", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("入户随访") && page.bodyText.contains("王伟"))
        #expect(page.bodyText.contains(Self.wangPhone) && !page.bodyText.contains("13812345678") && !page.bodyText.contains("李强"))
        #expect(page.bodyText.contains(#"<strong id="tasks-total">1</strong>"#))
    }
}
