import Foundation
import GRDB
import Testing
@testable import Server

/// 孕产妇登记, a pregnancy's page, 新生儿登记, 筛查待办 and 筛查报表 over HTTP with the session cookie.
@Suite(.serialized)
struct ScreeningPageTests {
    static let form = "Content-Type: application/x-www-form-urlencoded"

    static func registerForm(_ csrf: String, id: String = ScreeningRegistrationTests.woman, lmp: String = "2024-01-10") -> String {
        "csrf=\(csrf)&id=\(id)&name=%E7%8E%8B%E8%8A%B3&phone=13812345678&county=360102&lmp=\(lmp)&edd="
    }

    /// Registers through the form; returns the pregnancy's page path.
    static func register(_ clinic: TestClinic, _ cookie: String, _ csrf: String) async throws -> String {
        let r = try await clinic.call("POST", "/screening/pregnancies", headers: ["Cookie: \(cookie)", form], body: registerForm(csrf))
        #expect(r.status == 303)
        let location = try #require(r.header("Location"))
        #expect(location.hasPrefix("/screening/pregnancies/"))
        return location
    }

    @Test func navShowsTheScreeningPagesToTheRolesThatUseThem() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        for (user, landing, shown, hidden) in [
            ("wu", "/screening/due", ["孕产妇登记", "新生儿登记", "筛查待办", "筛查录入"], ["筛查报表", "今日工作"]),
            ("zhou", "/work", ["筛查报表", "筛查待办"], ["孕产妇登记", "新生儿登记"]),
            ("liu", "/work", [], ["孕产妇登记", "筛查待办", "筛查报表"]),
        ] {
            let (cookie, _) = try await WebPageTests.login(clinic, user, landing: landing)
            let home = try await clinic.call("GET", "/", headers: ["Cookie: \(cookie)"])
            #expect(home.header("Location") == landing, "\(user)")
            let page = try await clinic.call("GET", landing, headers: ["Cookie: \(cookie)"]).bodyText
            for label in shown { #expect(page.contains(">\(label)</a>"), "\(user) \(label)") }
            for label in hidden { #expect(!page.contains(">\(label)</a>"), "\(user) \(label)") }
        }
    }

    @Test func registerAPregnancyThenSeeHerPageAndCloseIt() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        let headers = ["Cookie: \(cookie)", Self.form]
        // No CSRF token: refused, nothing written.
        let forged = try await clinic.call("POST", "/screening/pregnancies", headers: headers, body: Self.registerForm(""))
        #expect(forged.status == 403)
        // A mistyped ID: the form comes back with the error in Chinese beside it and what was typed kept.
        let wrong = String(ScreeningRegistrationTests.woman.dropLast()) + (ScreeningRegistrationTests.woman.last == "1" ? "2" : "1")
        let bad = try await clinic.call("POST", "/screening/pregnancies", headers: headers, body: Self.registerForm(csrf, id: wrong))
        #expect(bad.status == 422 && bad.bodyText.contains("id=\"form-error\"") && bad.bodyText.contains("校验位") && bad.bodyText.contains("value=\"王芳\""))
        let future = try await clinic.call("POST", "/screening/pregnancies", headers: headers, body: Self.registerForm(csrf, lmp: "2024-06-01"))
        #expect(future.status == 422 && future.bodyText.contains("今天之后"))
        #expect(try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_pregnancies") } == 0)

        let path = try await Self.register(clinic, cookie, csrf)
        let uuid = String(path.dropFirst("/screening/pregnancies/".count))
        let mine = try await clinic.call("GET", path, headers: ["Cookie: \(cookie)"])
        // Screening staff see her full ID and phone on her own page; the list masks them.
        #expect(mine.status == 200 && mine.bodyText.contains(ScreeningRegistrationTests.woman) && mine.bodyText.contains("13812345678"))
        #expect(mine.bodyText.contains("2024-10-16") && mine.bodyText.contains("孕 13+5 周") && mine.bodyText.contains("id=\"close-form\""))
        let list = try await clinic.call("GET", "/screening/pregnancies", headers: ["Cookie: \(cookie)"])
        #expect(list.bodyText.contains(uuid) && list.bodyText.contains("360102********") && !list.bodyText.contains(ScreeningRegistrationTests.woman))
        // Found by her ID (in the body, not the URL).
        let found = try await clinic.call("POST", "/screening/pregnancies/find", headers: headers,
                                          body: "csrf=\(csrf)&id=\(ScreeningRegistrationTests.woman)")
        #expect(found.status == 303 && found.header("Location") == path)
        // Follow-up staff read her page masked; another county's staff get 404; a vaccinator may not.
        let (fang, _) = try await WebPageTests.login(clinic, "fang", landing: "/recall")
        let masked = try await clinic.call("GET", path, headers: ["Cookie: \(fang)"])
        #expect(masked.status == 200 && !masked.bodyText.contains(ScreeningRegistrationTests.woman) && !masked.bodyText.contains("close-form"))
        let (wugz, wugzCSRF) = try await WebPageTests.login(clinic, "wugz", landing: "/screening/pregnancies")
        #expect(try await clinic.call("GET", path, headers: ["Cookie: \(wugz)"]).status == 404)
        let otherClose = try await clinic.call("POST", path + "/close", headers: ["Cookie: \(wugz)", Self.form],
                                               body: "csrf=\(wugzCSRF)&outcome=miscarriage&date=2024-03-01")
        #expect(otherClose.status == 404)
        let (liu, _) = try await WebPageTests.login(clinic, "liu")
        #expect(try await clinic.call("GET", path, headers: ["Cookie: \(liu)"]).status == 403)
        #expect(try await clinic.call("GET", "/screening/pregnancies", headers: ["Cookie: \(liu)"]).status == 403)

        // Close it: CSRF needed, a date before her LMP is refused beside the form, then it is closed.
        #expect(try await clinic.call("POST", path + "/close", headers: headers, body: "outcome=miscarriage&date=2024-03-01").status == 403)
        let early = try await clinic.call("POST", path + "/close", headers: headers, body: "csrf=\(csrf)&outcome=miscarriage&date=2023-12-01")
        #expect(early.status == 422 && early.bodyText.contains("早于末次月经"))
        let closed = try await clinic.call("POST", path + "/close", headers: headers, body: "csrf=\(csrf)&outcome=miscarriage&date=2024-03-01")
        #expect(closed.status == 303 && closed.header("Location") == path)
        let after = try await clinic.call("GET", path, headers: ["Cookie: \(cookie)"])
        #expect(after.bodyText.contains("自然流产") && !after.bodyText.contains("close-form"))
    }

    @Test func twinsThroughTheNewbornForm() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        let path = try await Self.register(clinic, cookie, csrf)
        let uuid = String(path.dropFirst("/screening/pregnancies/".count))
        let page = try await clinic.call("GET", "/screening/newborns?pregnancy=\(uuid)", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("王芳") && page.bodyText.contains("value=\"\(uuid)\""))
        func baby(_ order: Int, weight: String = "2500", token: String = csrf) -> String {
            "csrf=\(token)&pregnancy=\(uuid)&born=2024-04-10T08%3A30&sex=F&order=\(order)&weeks=36&weight_g=\(weight)&facility=&id="
        }
        let headers = ["Cookie: \(cookie)", Self.form]
        #expect(try await clinic.call("POST", "/screening/newborns", headers: headers, body: baby(1, token: "")).status == 403)
        let heavy = try await clinic.call("POST", "/screening/newborns", headers: headers, body: baby(1, weight: "9000"))
        #expect(heavy.status == 422 && heavy.bodyText.contains("出生体重") && heavy.bodyText.contains("合理范围") && heavy.bodyText.contains("value=\"9000\""))
        for order in [1, 2] {
            let r = try await clinic.call("POST", "/screening/newborns", headers: headers, body: baby(order))
            #expect(r.status == 303 && r.header("Location") == path)
        }
        let taken = try await clinic.call("POST", "/screening/newborns", headers: headers, body: baby(2))
        #expect(taken.status == 422 && taken.bodyText.contains("相同胎次"))
        let mother = try await clinic.call("GET", path, headers: ["Cookie: \(cookie)"])
        #expect(mother.bodyText.contains("王芳之女") && mother.bodyText.contains("活产"))
        #expect(try #require(mother.bodyText.components(separatedBy: "<table class=\"list\" id=\"newborns\">").last)
            .components(separatedBy: "王芳之女").count == 3)
        let (wugz, wugzCSRF) = try await WebPageTests.login(clinic, "wugz", landing: "/screening/pregnancies")
        let other = try await clinic.call("POST", "/screening/newborns", headers: ["Cookie: \(wugz)", Self.form], body: baby(3, token: wugzCSRF))
        #expect(other.status == 404)
    }

    @Test func dueListLinksToTheResultFormFilledIn() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        let path = try await Self.register(clinic, cookie, csrf)
        let uuid = String(path.dropFirst("/screening/pregnancies/".count))
        let due = try await clinic.call("GET", "/screening/due", headers: ["Cookie: \(cookie)"])
        #expect(due.status == 200 && due.bodyText.contains("王芳") && due.bodyText.contains("138****5678") && !due.bodyText.contains("13812345678"))
        // At 13+5 the NT and thalassaemia windows close tomorrow (13+6): those two lead, closing, one day left;
        // of the two, the one that opened first (thalassaemia) is first.
        let rows = due.bodyText.components(separatedBy: "<tr class=").dropFirst()
        #expect(rows.count >= 2)
        for (row, service) in zip(rows.prefix(2), ["thal_gene", "nt"]) {
            #expect(row.hasPrefix("\"closing\"") && row.contains(uuid) && row.contains("<td>1</td>") && row.contains("service=\(service)&"), "\(row)")
        }
        let href = "/screening?service=nt&amp;subject=\(uuid)"
        #expect(due.bodyText.contains(href))
        let entry = try await clinic.call("GET", "/screening?service=nt&subject=\(uuid)", headers: ["Cookie: \(cookie)"])
        #expect(entry.status == 200 && entry.bodyText.contains("name=\"subject\" required size=\"40\" placeholder=\"登记时给出的编号\" value=\"\(uuid)\""))
        // 赣州's staff do not see her; a vaccinator may not open the list.
        let (wugz, _) = try await WebPageTests.login(clinic, "wugz", landing: "/screening/due")
        let other = try await clinic.call("GET", "/screening/due", headers: ["Cookie: \(wugz)"])
        #expect(other.status == 200 && !other.bodyText.contains(uuid))
        let (liu, _) = try await WebPageTests.login(clinic, "liu")
        #expect(try await clinic.call("GET", "/screening/due", headers: ["Cookie: \(liu)"]).status == 403)
    }

    @Test func reportPageHasAChartPerServiceAndACSV() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (wuCookie, csrf) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        _ = try await Self.register(clinic, wuCookie, csrf)
        let (cookie, _) = try await WebPageTests.login(clinic, "zhou")
        let page = try await clinic.call("GET", "/reports/screening?from=2024-01-01&to=\(today)&service=serum", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("<svg") && page.bodyText.contains("东湖区") && !page.bodyText.contains("赣州市"))
        #expect(page.bodyText.contains("产前血清学筛查：各县区筛查率") && page.bodyText.contains("目标 80%"))
        let csv = try await clinic.call("GET", "/reports/screening.csv?from=2024-01-01&to=\(today)", headers: ["Cookie: \(cookie)"])
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let rows = csv.bodyText.split(separator: "\r\n")
        // Header, then the city's total, the city and the county, each with the eight services.
        #expect(rows.count == 1 + 3 * 8 && rows.contains { $0.hasPrefix("县区,360102,东湖区,nt,") })
        let bad = try await clinic.call("GET", "/reports/screening?from=2024-02-30", headers: ["Cookie: \(cookie)"])
        #expect(bad.status == 400)
        #expect(try await clinic.call("GET", "/reports/screening", headers: ["Cookie: \(wuCookie)"]).status == 403)
    }
}
