import Foundation
import GRDB
import Testing
@testable import Server

/// The web pages over HTTP: redirects, the cookie's attributes, CSRF, area rules, masking.
@Suite(.serialized)
struct WebPageTests {
    static func field(_ name: String, in html: String) -> String? {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Logs in through the form; returns the session cookie and the page's CSRF token.
    static func login(_ clinic: TestClinic, _ user: String, landing: String = "/work") async throws -> (cookie: String, csrf: String) {
        let page = try await clinic.call("GET", "/login")
        let loginCookie = try #require(page.cookie("sv_login"))
        let csrf = try #require(field("csrf", in: page.bodyText))
        let r = try await clinic.call("POST", "/login", headers: ["Cookie: sv_login=\(loginCookie.value)", "Content-Type: application/x-www-form-urlencoded"],
                                      body: "csrf=\(csrf)&username=\(user)&password=\(TestClinic.password)")
        #expect(r.status == 303)
        let session = try #require(r.cookie("sv_session"))
        let work = try await clinic.call("GET", landing, headers: ["Cookie: sv_session=\(session.value)"])
        return ("sv_session=\(session.value)", try #require(field("csrf", in: work.bodyText)))
    }

    @Test func rootWithoutSessionRedirectsToLogin() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        for path in ["/", "/work", "/girls/x", "/roster", "/reports"] {
            let r = try await clinic.call("GET", path)
            #expect(r.status == 303 && r.header("Location") == "/login", "\(path)")
        }
        // A bearer token does not open the pages: they are for the browser's cookie only.
        let token = try await clinic.token("liu")
        #expect(try await clinic.call("GET", "/work", headers: ["Authorization: Bearer \(token)"]).status == 303)
    }

    @Test func sessionCookieIsHttpOnlyStrictAndSecure() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let page = try await clinic.call("GET", "/login")
        let csrf = try #require(Self.field("csrf", in: page.bodyText))
        let r = try await clinic.call("POST", "/login", headers: ["Cookie: sv_login=\(page.cookie("sv_login")!.value)"],
                                      body: "csrf=\(csrf)&username=liu&password=\(TestClinic.password)")
        let attributes = try #require(r.cookie("sv_session")).attributes.lowercased()
        #expect(attributes.contains("httponly") && attributes.contains("samesite=strict") && attributes.contains("secure"))
        // Without the login page's token the form is refused.
        let forged = try await clinic.call("POST", "/login", body: "csrf=x&username=liu&password=\(TestClinic.password)")
        #expect(forged.status == 403 && forged.cookie("sv_session") == nil)
    }

    @Test func workListMasksAndRecordsADoseWithCSRF() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await Self.login(clinic, "liu")
        let work = try await clinic.call("GET", "/work", headers: ["Cookie: \(cookie)"])
        #expect(work.status == 200)
        #expect(work.bodyText.contains("王小红") && work.bodyText.contains("陈静") && !work.bodyText.contains("李梅"))
        #expect(!work.bodyText.contains(People.wang) && !work.bodyText.contains("13812345678") && work.bodyText.contains("138****5678"))
        let person = try #require(work.bodyText.components(separatedBy: "data-person=\"").dropFirst().first?.prefix(36)).description
        let form = "person=\(person)&date=\(today)&product=cecolin&lot=L77&expiry=2026-06&page=1"
        // No CSRF token: refused, nothing written.
        let forged = try await clinic.call("POST", "/doses", headers: ["Cookie: \(cookie)"], body: form)
        #expect(forged.status == 403)
        let ok = try await clinic.call("POST", "/doses", headers: ["Cookie: \(cookie)"], body: form + "&csrf=\(csrf)")
        #expect(ok.status == 303)
        let flash = try #require(ok.cookie("sv_flash")).value
        let after = try await clinic.call("GET", "/work", headers: ["Cookie: \(cookie); sv_flash=\(flash)"])
        #expect(after.bodyText.contains("已记录"))
        // The lot just used is the next form's default.
        #expect(after.bodyText.contains("value=\"L77\""))
        #expect(after.bodyText.components(separatedBy: "data-person=").count == 2)
    }

    @Test func girlPageShowsFullIDToTheVaccinatorOnlyAndOtherCountiesAnswer404() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let uuids = try clinic.database.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT resident_id, uuid FROM persons").map { ($0[0] as String, $0[1] as String) })
        }
        let (liu, _) = try await Self.login(clinic, "liu")
        let mine = try await clinic.call("GET", "/girls/\(uuids[People.wang]!)", headers: ["Cookie: \(liu)"])
        #expect(mine.status == 200 && mine.bodyText.contains(People.wang) && mine.bodyText.contains("13812345678"))
        #expect(try await clinic.call("GET", "/girls/\(uuids[People.li]!)", headers: ["Cookie: \(liu)"]).status == 404)
        let (zhou, _) = try await Self.login(clinic, "zhou")
        let officer = try await clinic.call("GET", "/girls/\(uuids[People.wang]!)", headers: ["Cookie: \(zhou)"])
        #expect(officer.status == 200 && !officer.bodyText.contains(People.wang) && officer.bodyText.contains("138****5678"))
    }

    @Test func logoutNeedsCSRFAndClosesTheSession() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await Self.login(clinic, "liu")
        #expect(try await clinic.call("POST", "/logout", headers: ["Cookie: \(cookie)"], body: "csrf=wrong").status == 403)
        #expect(try await clinic.call("POST", "/logout", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)").status == 303)
        #expect(try await clinic.call("GET", "/work", headers: ["Cookie: \(cookie)"]).header("Location") == "/login")
    }

    @Test func reportPageHasAnSVGChartAndCSV() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, _) = try await Self.login(clinic, "zhou")
        let page = try await clinic.call("GET", "/reports?as_of=\(today)", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("<svg") && page.bodyText.contains("南昌市") && !page.bodyText.contains("赣州市"))
        let csv = try await clinic.call("GET", "/reports/hpv.csv?as_of=\(today)", headers: ["Cookie: \(cookie)"])
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true && csv.bodyText.contains("360100"))
        // Both rates charted, the cost and its split on the page, the dose-1 rate in the download.
        #expect(page.bodyText.components(separatedBy: "<svg").count == 3)
        #expect(page.bodyText.contains("第1剂覆盖率") && page.bodyText.contains("省级") && page.bodyText.contains("市县"))
        #expect(csv.bodyText.contains("第1剂覆盖率"))
    }
}
