import Curl
import Foundation
import Hub
import ScreenVaxCore
import Sync
import Testing

/// The province dashboard over real HTTP on 127.0.0.1 against a real PostgreSQL: officers added
/// by `hub user add`, logging in under the clinic app's rules, each seeing her own area only, in words.
@Suite(.timeLimit(.minutes(3))) struct DashboardTests {
    static let password = "正确的密码-correct-horse"

    /// Girls in 东湖区 and 西湖区 (南昌市) and 章贡区 (赣州市); one girl on the rosters of 西湖区
    /// and 章贡区, another on those of 东湖区 and 西湖区: two conflicts.
    static func province() async throws -> (TestHub, RunningHub, TempFolder) {
        let hub = try await TestHub.make(counties: ["360102", "360103", "360702"])
        let running = try await hub.start()
        let folder = try TempFolder()
        let ids = (both1: WireRecord.residentID(born: "2011-03-03", serial: 11), both2: WireRecord.residentID(born: "2011-04-04", serial: 12))
        for (county, serials, shared) in [("360102", [1, 2], [ids.both2]), ("360103", [3], [ids.both1, ids.both2]),
                                          ("360702", [4, 5, 6], [ids.both1])] {
            let c = try TestCounty(code: county, folder: folder)
            var records: [WireRecord] = []
            for id in serials.map({ WireRecord.residentID(born: "2011-05-01", serial: $0, region: county) }) + shared {
                let p = WireRecord.person(id: id, born: "20" + id.dropFirst(8).prefix(2) + "-" + id.dropFirst(10).prefix(2) + "-" + id.dropFirst(12).prefix(2))
                records += [p, .rosterEntry(person: p.uuid, county: county), .dose(person: p.uuid, date: "2023-10-09")]
            }
            try c.enqueue(records)
            try await c.push(port: running.port)
        }
        for (name, area) in [("province", "360000"), ("nanchang", "360100"), ("zhanggong", "360702"), ("guesser", "360102")] {
            let file = folder.path("\(name).password")
            try (password + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let run = try await HubProcess.run(["hub", "user", "add", "--postgres", hub.url.description, "--username", name,
                                                "--role", "officer", "--area", area, "--password-file", file], folder: folder)
            #expect(run.code == 0 && run.output.contains("added officer \(name)"), "\(run.output)")
        }
        return (hub, running, folder)
    }

    @Test(arguments: [
        ("province", ["南昌市", "赣州市", "东湖区", "西湖区", "章贡区"], [String]()),
        ("nanchang", ["南昌市", "东湖区", "西湖区"], ["赣州市", "章贡区"]),
        ("zhanggong", ["章贡区"], ["南昌市", "东湖区", "赣州市"]),
    ])
    func anOfficerSeesHerAreaOnlyInWords(officer: String, shown: [String], hidden: [String]) async throws {
        let (_, running, _) = try await DashboardTests.province()
        defer { Task { await running.stop() } }
        let browser = Browser(port: running.port)
        let login = try await browser.login(officer, DashboardTests.password)
        #expect(login.status == 303 && login.header("Location") == "/coverage")
        let cookie = try #require(login.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("hub_session=") }?.value)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"), "loopback HTTP: \(cookie)")
        let coverage = try await browser.get("/coverage?as_of=2024-06-30")
        #expect(coverage.status == 200 && coverage.bodyText.contains("<svg"))
        for name in shown { #expect(coverage.bodyText.contains(name), "\(officer) sees \(name)") }
        for name in hidden { #expect(!coverage.bodyText.contains(name), "\(officer) does not see \(name)") }
        let conflicts = try await browser.get("/conflicts")
        let expected = officer == "zhanggong" ? 1 : 2
        #expect(conflicts.bodyText.components(separatedBy: "同一女生在两个县区的接种名册").count - 1 == expected)
        let screening = try await browser.get("/screening?from=2023-01-01&to=2023-12-31")
        #expect(screening.status == 200 && screening.bodyText.contains("超声胎儿颈部透明带检查（NT检查）") && screening.bodyText.contains("<svg"))
        let supervision = try await browser.get("/supervision")
        #expect(supervision.status == 200 && supervision.bodyText.contains("无人接听"))
        for page in [coverage, conflicts, screening, supervision] {
            for code in ["duplicate_enrolment", "id_conflict", "hpv-2023", "deliveries", "live_births", "anomaly_us", "thal_gene", "no_answer"] {
                #expect(!page.bodyText.contains(code), "no internal code \(code) on a page")
            }
        }
        let csv = try await browser.get("/coverage.csv?as_of=2024-06-30")
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        // A county's line names its city; no other county is in the download.
        for name in hidden where name.hasSuffix("区") { #expect(!csv.bodyText.contains(name), "\(officer)'s download leaves out \(name)") }
        let conflictRows = try await browser.get("/conflicts.csv")
        #expect(conflictRows.bodyText.split(whereSeparator: \.isNewline).count == expected + 1)
    }

    @Test func loginsAreThrottledFormsNeedTheirTokenAndLogoutEndsTheSession() async throws {
        let (_, running, _) = try await DashboardTests.province()
        defer { Task { await running.stop() } }
        let anonymous = try await Browser(port: running.port).get("/coverage")
        #expect(anonymous.status == 303 && anonymous.header("Location") == "/login")
        // Without the login page's own token (another site posting the form): refused.
        let forged = try await Browser(port: running.port).post("/login", ["username": "guesser", "password": DashboardTests.password])
        #expect(forged.status == 403)
        // Three wrong passwords, then even the right one waits (LoginPolicy: throttled after 3).
        let guesser = Browser(port: running.port)
        for _ in 0..<3 { #expect(try await guesser.login("guesser", "wrong password 12345").status == 401) }
        let throttled = try await guesser.login("guesser", DashboardTests.password)
        #expect(throttled.status == 429 && throttled.bodyText.contains("秒后再试"))
        // An unknown name fails like a wrong password.
        #expect(try await Browser(port: running.port).login("nobody", DashboardTests.password).status == 401)

        let officer = Browser(port: running.port)
        #expect(try await officer.login("province", DashboardTests.password).status == 303)
        let csrf = try #require(Browser.csrf(in: try await officer.get("/coverage").bodyText))
        #expect(try await officer.post("/logout", ["csrf": "not-the-token"]).status == 403)
        #expect(try await officer.get("/coverage").status == 200, "a refused logout leaves the session open")
        let out = try await officer.post("/logout", ["csrf": csrf])
        #expect(out.status == 303 && out.header("Location") == "/login")
        #expect(try await officer.get("/coverage").status == 303, "the session ended")
    }

    @Test(arguments: [
        (["--role", "admin", "--area", "360000"], "unknown_role"),
        (["--role", "officer", "--area", "369999"], "unknown_area"),
        (["--role", "officer", "--area", "360000", "--username", "a b"], "bad_username"),
        (["--role", "officer", "--area", "360000", "--short"], "weak_password"),
    ])
    func userAddRefusesWhatTheClinicRefuses(options: [String], code: String) async throws {
        let hub = try await TestHub.make()
        let folder = try TempFolder()
        let file = folder.path("password")
        try (options.contains("--short") ? "short\n" : DashboardTests.password + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let username = options.contains("--username") ? [String]() : ["--username", "officer1"]
        let run = try await HubProcess.run(["hub", "user", "add", "--postgres", hub.url.description, "--password-file", file]
                                           + username + options.filter { $0 != "--short" }, folder: folder)
        #expect(run.code != 0 && run.output.contains(code), "\(run.output)")
        #expect(try await hub.count("SELECT count(*) FROM hub_users") == 0)
    }
}

/// One browser: its cookies kept by hand, requests sent with our libcurl client on a thread of
/// its own (the in-process hub keeps the cooperative pool), redirects not followed.
final class Browser: @unchecked Sendable {
    let port: Int
    private var cookies: [String: String] = [:]
    private let lock = NSLock()

    init(port: Int) { self.port = port }

    func get(_ path: String) async throws -> HTTPResponse {
        try await send(path, body: nil)
    }

    func post(_ path: String, _ form: [String: String]) async throws -> HTTPResponse {
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(path, body: Array(body.utf8))
    }

    func login(_ username: String, _ password: String) async throws -> HTTPResponse {
        let page = try await get("/login")
        return try await post("/login", ["csrf": Browser.csrf(in: page.bodyText) ?? "", "username": username, "password": password])
    }

    static func csrf(in page: String) -> String? {
        guard let r = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    private func send(_ path: String, body: [UInt8]?) async throws -> HTTPResponse {
        let cookie = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var headers = cookie.isEmpty ? [] : ["Cookie: \(cookie)"]
        if body != nil { headers.append("Content-Type: application/x-www-form-urlencoded") }
        let url = "http://127.0.0.1:\(port)\(path)", sent = headers
        let response = try await PushThread.run {
            let handle = try EasyHandle(options: TransferOptions(connectTimeout: 2, totalTimeout: 30))
            return try body.map { try handle.post(url: url, headers: sent, body: $0) } ?? handle.get(url: url, headers: sent)
        }
        lock.withLock {
            for h in response.headers where h.name.lowercased() == "set-cookie" {
                let pair = h.value.split(separator: ";").first.map(String.init) ?? ""
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
                if value.isEmpty || h.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
        }
        return response
    }
}
