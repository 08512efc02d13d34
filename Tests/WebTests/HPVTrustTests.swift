import Accounts
import Curl
import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Server

/// Areas over indirect paths, conflicts that disclose nothing outside the area, and bounded input,
/// over the real server.
@Suite(.serialized)
struct HPVTrustTests {
    /// A vaccinator of 西湖区 and a county officer of 东湖区 beside the clinic's users.
    static func users(_ clinic: TestClinic) throws {
        let audit = AuditLog(operatorName: "setup", timestamp: "2024-04-15T09:00:00+08:00")
        _ = try clinic.services.authenticator.addUser(username: "xi", password: TestClinic.password, role: .vaccinator, area: .county("360103"), audit: audit)
        _ = try clinic.services.authenticator.addUser(username: "dong", password: TestClinic.password, role: .officer, area: .county("360102"), audit: audit)
    }

    static func upload(_ clinic: TestClinic, _ token: String, _ rows: [String], query: String = "") async throws -> HTTPResponse {
        let csv = ([People.roster.split(separator: "\n")[0]] + rows.map { Substring($0) }).joined(separator: "\n") + "\n"
        return try await clinic.call("POST", "/api/v1/hpv/roster?file_name=school.csv\(query)",
                                     headers: ["Authorization: Bearer \(token)", "Content-Type: text/csv"], body: csv)
    }

    static func enrolment(_ clinic: TestClinic, _ id: String) throws -> [String] {
        try clinic.database.read { db in
            let r = try #require(try Row.fetchOne(db, sql: """
                SELECT e.county_code, e.school, e.guardian_name, e.guardian_phone, e.version FROM hpv_enrollments e
                JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?
                """, arguments: [id]))
            return [r[0], r[1], r[2], r[3], "\(r[4] as Int)"]
        }
    }

    @Test func aXihuVaccinatorUploadingADonghuGirlChangesNothingOfHers() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let before = try Self.enrolment(clinic, People.wang)
        let xi = try await clinic.token("xi")
        let r = try await Self.upload(clinic, xi, ["1,西湖区,王小红,2011-05-10,\(People.wang),西湖区第二中学,初一(9)班,冒充者,13900000000,无,是"])
        #expect(r.status == 200)
        let report = try #require(try r.json() as? [String: Any])
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(report["rejected"] as? Int == 1 && errors.first?["code"] as? String == "enrolled_elsewhere")
        let message = try #require(errors.first?["message"] as? String)
        #expect(message.contains("东湖区") && !message.contains("王伟") && !message.contains("东湖区第一中学"))
        #expect(try Self.enrolment(clinic, People.wang) == before)
        // 东湖区 still sees her, on its list and by lookup; her calls still go to her guardian.
        let liu = try await clinic.token("liu")
        let due = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(due.contains { $0["name"] as? String == "王小红" && $0["guardian_phone"] as? String == "138****5678" })
        #expect(try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: liu, body: #"{"resident_id":"\#(People.wang)"}"#).status == 200)
        #expect(try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: xi, body: #"{"resident_id":"\#(People.wang)"}"#).status == 404)
    }

    @Test func theErrorsFileIsTheUploadersDownload() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let bad = (1...1100).map { "\($0),东湖区,某某,2011-01-01,36010220110101001,东湖区第一中学,初一(1)班,某,13812345678,无,是" }
        let r = try await Self.upload(clinic, liu, bad)
        let report = try #require(try r.json() as? [String: Any])
        #expect((report["errors"] as? [Any])?.count == 1000 && report["errors_total"] as? Int == 1100)
        let url = try #require(report["errors_url"] as? String)
        #expect(url.hasPrefix("/api/v1/hpv/roster/") && !r.bodyText.contains("data:"))
        let csv = try await clinic.call("GET", url, headers: ["Authorization: Bearer \(liu)"])
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.bodyText.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1101)
        // Another county's clerk cannot have it; nor can anyone without a session.
        #expect(try await clinic.call("GET", url, headers: ["Authorization: Bearer \(try await clinic.token("gan"))"]).status == 404)
        #expect(try await clinic.call("GET", url).status == 401)
        // The upload itself left no copy in the private folder, only the errors file.
        let files = try FileManager.default.contentsOfDirectory(atPath: clinic.database.path + "-uploads")
        #expect(files.count == 1 && files[0].hasPrefix("errors-"))
    }

    @Test func theWebRosterPageLinksTheErrorsFileNeverADataURL() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu", landing: "/roster")
        let boundary = "----sv\(UUID().uuidString)"
        let csv = People.roster + "4,东湖区,错号,2011-03-03,360102201103030011,东湖区第一中学,初一(1)班,某,13812345678,无,是\n"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"一中.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        let page = try await clinic.call("POST", "/roster?csrf=\(csrf)", headers: ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=\(boundary)"], body: body)
        #expect(page.status == 200 && page.bodyText.contains("id=\"roster-errors\"") && !page.bodyText.contains("data:text/csv"))
        let href = try #require(page.bodyText.components(separatedBy: "href=\"/roster/errors/").dropFirst().first?.prefix(36)).description
        let file = try await clinic.call("GET", "/roster/errors/\(href)", headers: ["Cookie: \(cookie)"])
        #expect(file.status == 200 && file.bodyText.contains("错号") && file.bodyText.contains("错误原因"))
    }

    @Test func conflictTextsDependOnTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let row = { (area: String) in "1,\(area),王小明,2011-05-10,\(People.wang),一中,初一(1)班,某,13812345678,无,是" }
        let inside = try await Self.upload(clinic, try await clinic.token("liu"), [row("东湖区")])
        let outside = try await Self.upload(clinic, try await clinic.token("xi"), [row("西湖区")])
        #expect(inside.bodyText.contains("id_conflict") && inside.bodyText.contains("王小红"))
        #expect(outside.bodyText.contains("id_conflict") && !outside.bodyText.contains("王小红") && !outside.bodyText.contains("born"))
        let audited = try clinic.database.read { db in
            try String.fetchAll(db, sql: "SELECT operator || ' ' || action || ' ' || detail FROM audit_log WHERE action IN ('conflict', 'refused') ORDER BY id")
        }
        #expect(audited == ["liu refused id_conflict \(Masking.residentID(People.wang))", "xi conflict id_conflict \(Masking.residentID(People.wang))"])
    }

    @Test func manyConflictsAnswer429WithRetryAfter() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let xi = try await clinic.token("xi")
        let row = "1,西湖区,王小红,2011-05-10,\(People.wang),西湖区二中,初一(1)班,某,13812345678,无,是"
        for n in 1...ConflictBudget.limit {
            let r = try await Self.upload(clinic, xi, [row], query: "&dry_run=true")
            #expect(r.status == 200, "upload \(n)")
        }
        let refused = try await Self.upload(clinic, xi, [row], query: "&dry_run=true")
        #expect(refused.status == 429 && refused.header("Retry-After") == "600" && refused.bodyText.contains("too_many_conflicts"))
        let lookup = try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: xi, body: #"{"resident_id":"\#(People.chen)"}"#)
        #expect(lookup.status == 429 && lookup.header("Retry-After") == "600")
        // Another user is not held back.
        #expect(try await Self.upload(clinic, try await clinic.token("liu"), [row.replacingOccurrences(of: "西湖区", with: "东湖区")]).status == 200)
    }

    @Test func aTransferOverTheAPI() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let (xi, liu) = (try await clinic.token("xi"), try await clinic.token("liu"))
        let asked = try await clinic.json("POST", "/api/v1/hpv/transfers", token: xi,
                                          body: #"{"resident_id":"\#(People.wang)","name":"王小红","school":"西湖区第二中学","class":"初一(9)班"}"#)
        #expect(asked.status == 201, "\(asked.bodyText)")
        let id = try #require((try asked.json() as? [String: Any])?["transfer_id"] as? String)
        let incoming = try #require(try await clinic.json("GET", "/api/v1/hpv/transfers", token: liu).json() as? [String: [[String: Any]]])
        #expect(incoming["incoming"]?.map { $0["transfer_id"] as? String } == [id])
        #expect(try await clinic.json("POST", "/api/v1/hpv/transfers/\(id)/confirm", token: xi).status == 403)
        #expect(try await clinic.json("POST", "/api/v1/hpv/transfers/\(id)/confirm", token: try await clinic.token("gan")).status == 404)
        let confirmed = try await clinic.json("POST", "/api/v1/hpv/transfers/\(id)/confirm", token: liu)
        #expect(confirmed.status == 200 && confirmed.bodyText.contains("\"confirmed\""))
        #expect(try await clinic.json("POST", "/api/v1/hpv/transfers/\(id)/decline", token: liu).status == 409)
        // Now she is 西湖区's: on its list, off 东湖区's.
        #expect(try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: xi, body: #"{"resident_id":"\#(People.wang)"}"#).status == 200)
        #expect(try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: liu, body: #"{"resident_id":"\#(People.wang)"}"#).status == 404)
        #expect(try Self.enrolment(clinic, People.wang).prefix(2) == ["360103", "西湖区第二中学"])
    }

    @Test func theWebTransferPageConfirms() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let (xi, xiCSRF) = try await WebPageTests.login(clinic, "xi", landing: "/transfers")
        let asked = try await clinic.call("POST", "/transfers", headers: ["Cookie: \(xi)"],
                                          body: "csrf=\(xiCSRF)&resident_id=\(People.wang)&name=%E7%8E%8B%E5%B0%8F%E7%BA%A2&to_county=360103")
        #expect(asked.status == 303)
        let (liu, csrf) = try await WebPageTests.login(clinic, "liu", landing: "/transfers")
        let page = try await clinic.call("GET", "/transfers", headers: ["Cookie: \(liu)"])
        #expect(page.bodyText.contains("王小红") && page.bodyText.contains("同意转出") && !page.bodyText.contains(People.wang))
        let id = try #require(page.bodyText.components(separatedBy: "data-transfer=\"").dropFirst().first?.prefix(36)).description
        #expect(try await clinic.call("POST", "/transfers/\(id)/confirm", headers: ["Cookie: \(liu)"], body: "csrf=\(csrf)").status == 303)
        #expect(try Self.enrolment(clinic, People.wang).first == "360103")
    }

    @Test func badNumbersAndDatesNeverStopTheServer() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        // Out of range is a 400 naming the parameter; the server goes on answering.
        for (within, status) in [("9223372036854775807", 400), ("3651", 400), ("3650", 200), ("0", 200)] {
            #expect(try await clinic.json("GET", "/api/v1/hpv/due?within=\(within)", token: liu).status == status, "within=\(within)")
        }
        #expect(try await clinic.json("GET", "/api/v1/hpv/due?offset=1&limit=9223372036854775807", token: liu).status == 400)
        let page = try await clinic.json("GET", "/api/v1/hpv/due?offset=1&limit=1000", token: liu)
        let lines = try page.json() as? [Any]
        #expect(page.status == 200 && lines?.count == 1)
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls?offset=1&limit=9223372036854775807", token: liu).status == 400)
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls?offset=1&limit=1000", token: liu).status == 200)
        let dose = #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"L","expiry":"10000-06"}"#
        let r = try await clinic.json("POST", "/api/v1/hpv/doses", token: liu, body: dose)
        #expect(r.status == 422 && r.bodyText.contains("bad_date"))
        let long = #"{"id":"\#(People.wang)","decision":"declined","reason":"\#(String(repeating: "因", count: 201))"}"#
        let tooLong = try await clinic.json("POST", "/api/v1/hpv/consent", token: liu, body: long)
        #expect(tooLong.status == 422 && tooLong.bodyText.contains("too_long"))
        #expect(try await clinic.json("GET", "/healthz").status == 200)
    }

    @Test func aCountyOfficersReportTotalsAreHerCountys() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try Self.users(clinic)
        let county = try #require(try await clinic.json("GET", "/api/v1/reports/hpv?as_of=\(today)", token: try await clinic.token("dong")).json() as? [String: Any])
        let totals = try #require(county["totals"] as? [String: Any])
        #expect(totals["roster"] as? Int == 2 && totals["county_code"] as? String == "360102")
        let city = try #require(try await clinic.json("GET", "/api/v1/reports/hpv?as_of=\(today)", token: try await clinic.token("zhou")).json() as? [String: Any])
        #expect((city["totals"] as? [String: Any])?["roster"] as? Int == 2 && (city["totals"] as? [String: Any])?["target"] as? Int == 30000)
    }

    @Test func aPregnancyOfAnotherCountyIsToldWithoutItsDates() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let woman = residentID("1995-01-01", sequence: 22)
        let body = #"{"id":"\#(woman)","name":"王芳","phone":"13812345678","county":"360102","lmp":"2024-01-10"}"#
        #expect(try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token("wu"), body: body).status == 201)
        let later = body.replacingOccurrences(of: #""county":"360102""#, with: #""county":"360702""#)
            .replacingOccurrences(of: "2024-01-10", with: "2024-03-20")
        let gz = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token("wugz"), body: later)
        #expect(gz.status == 422 && gz.bodyText.contains("pregnancy_still_open"), "\(gz.bodyText)")
        #expect(!gz.bodyText.contains("2024-01-10") && !gz.bodyText.contains(today))
        let renamed = body.replacingOccurrences(of: "王芳", with: "王芬").replacingOccurrences(of: #""county":"360102""#, with: #""county":"360702""#)
        let conflict = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token("wugz"), body: renamed)
        #expect(conflict.status == 422 && conflict.bodyText.contains("id_conflict") && !conflict.bodyText.contains("王芳"), "\(conflict.bodyText)")
        let own = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token("wu"),
                                        body: body.replacingOccurrences(of: "王芳", with: "王芬"))
        #expect(own.status == 422 && own.bodyText.contains("王芳"))
        let counted = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'conflict' AND operator = 'wugz'") }
        #expect(counted == 2)
    }
}
