import Foundation
import GRDB
import ScreenVaxCore
import Testing
@testable import Server

/// The HPV field work on the web and the API: 门诊登记 of a girl no roster lists, the county's own
/// campaign dates, an adverse event followed to its conclusion, the school's status file and the
/// report in the plan table's layout, each inside the caller's area.
@Suite(.serialized)
struct HPVFieldPageTests {
    static let form = "Content-Type: application/x-www-form-urlencoded"
    static func encoded(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
    static func body(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(encoded($0.1))" }.joined(separator: "&") }

    /// A girl of 东湖区 born in the cohort, on no roster.
    static let zhao = residentID("2011-03-01", sequence: 6)

    @Test func aGirlNoRosterListsIsRegisteredAtTheClinic() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let page = try await clinic.call("GET", "/register", headers: ["Cookie: \(cookie)"])
        // Her own county's choices only.
        #expect(page.status == 200 && page.bodyText.contains(#"value="360102""#) && !page.bodyText.contains(#"value="360702""#))
        let fields = [("csrf", csrf), ("id", Self.zhao), ("name", "赵小燕"), ("county", "360102"), ("guardian_name", "赵军"),
                      ("guardian_phone", "13612345678"), ("school", ""), ("class", ""), ("consent_given", "1"), ("consent_by", "赵军")]
        let posted = try await clinic.call("POST", "/register", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(fields))
        #expect(posted.status == 303)
        let location = try #require(posted.header("Location"))
        #expect(location.hasPrefix("/girls/"))
        let girl = try await clinic.call("GET", location, headers: ["Cookie: \(cookie)"])
        #expect(girl.status == 200 && girl.bodyText.contains("赵小燕"))
        // She is on the day's work list like a roster girl.
        let work = try await clinic.call("GET", "/work", headers: ["Cookie: \(cookie)"])
        #expect(work.bodyText.contains("赵小燕"))
        // Again: refused in Chinese, what she typed kept in the form; no English, no code.
        let again = try await clinic.call("POST", "/register", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(fields))
        #expect(again.status == 422 && again.bodyText.contains("已在名单中") && again.bodyText.contains("赵军"))
        #expect(!again.bodyText.contains("already_enrolled") && !again.bodyText.contains("already on the register"))
        // Another county than hers (the form never offers it) and a forged form.
        var outside = fields
        outside[1] = ("id", residentID("2011-03-01", region: "360702", sequence: 8))
        outside[3] = ("county", "360702")
        let refused = try await clinic.call("POST", "/register", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(outside))
        #expect(refused.status == 403 && refused.bodyText.contains("不在您的辖区内"))
        var forged = fields
        forged[0] = ("csrf", "x")
        #expect(try await clinic.call("POST", "/register", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(forged)).status == 403)
        let (zhou, _) = try await WebPageTests.login(clinic, "zhou")
        #expect(try await clinic.call("GET", "/register", headers: ["Cookie: \(zhou)"]).status == 403)
    }

    @Test func theAPIRegistersAsTheCommandDoes() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let body = #"{"id":"\#(Self.zhao)","name":"赵小燕","county":"360102","guardian_name":"赵军","guardian_phone":"13612345678"}"#
        let r = try await clinic.json("POST", "/api/v1/hpv/register", token: liu, body: body)
        #expect(r.status == 201)
        let out = try #require(try r.json() as? [String: Any])
        let person = try #require(out["person_id"] as? String)
        // No consent yet: registered, and 待知情同意 until the guardian signs.
        #expect(out["status"] as? String == "not_started" && !r.bodyText.contains(Self.zhao))
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(person)", token: liu).status == 200)
        let signed = #"{"id":"\#(residentID("2011-04-02", sequence: 10))","name":"孙丽","county":"360102","guardian_name":"孙强","guardian_phone":"13612345678","consent_by":"孙强"}"#
        let withConsent = try await clinic.json("POST", "/api/v1/hpv/register", token: liu, body: signed)
        let signedStatus = (try withConsent.json() as? [String: Any])?["status"] as? String
        #expect(withConsent.status == 201 && signedStatus == "overdue")
        let again = try await clinic.json("POST", "/api/v1/hpv/register", token: liu, body: body)
        #expect(again.status == 422 && again.bodyText.contains("already_enrolled"))
        // 章贡区's vaccinator cannot see her, nor register a girl of 东湖区; an officer registers no one.
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(person)", token: try await clinic.token("gan")).status == 404)
        let other = #"{"id":"\#(residentID("2011-03-01", sequence: 8))","name":"钱小","county":"360102","guardian_name":"钱","guardian_phone":"13612345678"}"#
        let gan = try await clinic.json("POST", "/api/v1/hpv/register", token: try await clinic.token("gan"), body: other)
        #expect(gan.status == 403 && gan.bodyText.contains("outside_area"))
        #expect(try await clinic.json("POST", "/api/v1/hpv/register", token: try await clinic.token("zhou"), body: other).status == 403)
        #expect(try await clinic.json("POST", "/api/v1/hpv/register", token: liu, body: #"{"id":"1"}"#).status == 400)
    }

    @Test func theCountyOfficerSetsTheCountysOwnDates() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "zhou")
        let page = try await clinic.call("GET", "/county-dates", headers: ["Cookie: \(cookie)"])
        // 南昌市's counties with the province's dates; none of 赣州市.
        #expect(page.status == 200 && page.bodyText.contains(#"data-county="360102""#) && !page.bodyText.contains(#"data-county="360702""#))
        #expect(page.bodyText.contains("2023-10-31") && page.bodyText.contains("全省日期"))
        let set = [("csrf", csrf), ("county", "360102"), ("campaign_start", "2023-09-15"), ("first_dose_deadline", "2023-10-20")]
        let posted = try await clinic.call("POST", "/county-dates", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(set))
        #expect(posted.status == 303)
        let after = try await clinic.call("GET", "/county-dates", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(after.contains("2023-10-20") && after.contains("本县区设定"))
        // Later than the province's: refused in Chinese, nothing changes.
        let late = [("csrf", csrf), ("county", "360102"), ("campaign_start", "2023-09-15"), ("first_dose_deadline", "2023-11-30")]
        let refused = try await clinic.call("POST", "/county-dates", headers: ["Cookie: \(cookie)", Self.form], body: Self.body(late))
        #expect(refused.status == 422 && refused.bodyText.contains("不能晚于全省截止日期"))
        let stored = try clinic.database.read { db in
            try String.fetchOne(db, sql: "SELECT first_dose_deadline FROM hpv_county_dates WHERE county_code = '360102'")
        }
        #expect(stored == "2023-10-20")
        // The change is synced and audited; 赣州市's officer cannot set 东湖区's; a vaccinator sets none.
        let queued = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE record_type = 'county_dates'") }
        #expect(queued == 1)
        let ganzhou = try await clinic.json("PUT", "/api/v1/hpv/county-dates/360102", token: try await clinic.token("ganzhou"),
                                            body: #"{"campaign_start":"2023-09-01","first_dose_deadline":"2023-10-01"}"#)
        #expect(ganzhou.status == 403 && ganzhou.bodyText.contains("outside_area"))
        let (liu, liuCSRF) = try await WebPageTests.login(clinic, "liu")
        let byVaccinator = [("csrf", liuCSRF), ("county", "360102"), ("campaign_start", "2023-09-01"), ("first_dose_deadline", "2023-10-01")]
        #expect(try await clinic.call("POST", "/county-dates", headers: ["Cookie: \(liu)", Self.form], body: Self.body(byVaccinator)).status == 403)
        // The API: the list says whose dates are in force.
        let zhou = try await clinic.token("zhou")
        let put = try await clinic.json("PUT", "/api/v1/hpv/county-dates/360102", token: zhou,
                                        body: #"{"campaign_start":"2023-09-01","first_dose_deadline":"2023-10-15"}"#)
        let putBody = try put.json() as? [String: Any]
        #expect(put.status == 200 && putBody?["first_dose_deadline"] as? String == "2023-10-15")
        let lines = try #require(try await clinic.json("GET", "/api/v1/hpv/county-dates", token: zhou).json() as? [[String: Any]])
        let donghu = try #require(lines.first { $0["county_code"] as? String == "360102" })
        #expect(donghu["own"] as? Bool == true && donghu["first_dose_deadline"] as? String == "2023-10-15")
        #expect(lines.allSatisfy { ($0["county_code"] as? String)?.hasPrefix("3601") == true })
    }

    @Test func anAdverseEventIsFollowedToItsConclusion() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: liu,
                                      body: #"{"id":"\#(People.wang)","date":"2024-04-10","product":"cecolin","lot":"C1","expiry":"2026-06-30"}"#).status == 201)
        let created = try await clinic.json("POST", "/api/v1/hpv/aefi", token: liu, body: #"""
            {"id":"\#(People.wang)","dose_date":"2024-04-10","onset":"2024-04-10T15:00","symptoms":["fever"],"outcome":"recovering","reporter":"门诊"}
            """#)
        let event = try #require((try created.json() as? [String: Any])?["uuid"] as? String)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "zhou")
        // The list links each event to its course, in Chinese.
        let list = try await clinic.call("GET", "/aefi", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(list.contains("/aefi/\(event)") && list.contains("已报告") && list.contains("发热") && list.contains("好转"))
        #expect(!list.contains("recovering") && !list.contains(">fever<"))
        let page = try await clinic.call("GET", "/aefi/\(event)", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("已报告") && page.bodyText.contains(#"id="aefi-course-form""#))
        // Classified before any investigation: refused, in Chinese.
        let early = try await clinic.call("POST", "/aefi/\(event)", headers: ["Cookie: \(cookie)", Self.form],
                                          body: Self.body([("csrf", csrf), ("classification", "common_reaction")]))
        #expect(early.status == 422 && early.bodyText.contains("请先填写调查"))
        let investigated = try await clinic.call("POST", "/aefi/\(event)", headers: ["Cookie: \(cookie)", Self.form], body: Self.body([
            ("csrf", csrf), ("investigated_on", "2024-04-12"), ("investigator", "张医生"), ("findings", "体温38.2度，次日退热"),
            ("classification", "common_reaction"), ("classified_on", "2024-04-13"),
        ]))
        #expect(investigated.status == 303)
        let classified = try await clinic.call("GET", "/aefi/\(event)", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(classified.contains("已诊断分类") && classified.contains("一般反应") && classified.contains("张医生"))
        let closed = try await clinic.call("POST", "/aefi/\(event)", headers: ["Cookie: \(cookie)", Self.form],
                                           body: Self.body([("csrf", csrf), ("outcome", "recovered"), ("closed_on", "2024-04-15")]))
        #expect(closed.status == 303)
        let done = try await clinic.call("GET", "/aefi/\(event)", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(done.contains("已结案") && done.contains("痊愈") && !done.contains(#"id="aefi-course-form""#))
        // Each step a new version for the platform; the API reads the same course.
        let versions = try clinic.database.read { db in
            try Int.fetchAll(db, sql: "SELECT version FROM outbox WHERE record_type = 'aefi' AND record_uuid = ? ORDER BY seq", arguments: [event])
        }
        #expect(versions == [1, 2, 3])
        let api = try #require(try await clinic.json("GET", "/api/v1/hpv/aefi/\(event)", token: try await clinic.token("zhou")).json() as? [String: Any])
        #expect(api["state"] as? String == "closed" && api["classification"] as? String == "common_reaction")
        // Outside the area it does not exist; the vaccinator reads it and changes nothing.
        let (ganzhou, _) = try await WebPageTests.login(clinic, "ganzhou")
        #expect(try await clinic.call("GET", "/aefi/\(event)", headers: ["Cookie: \(ganzhou)"]).status == 404)
        #expect(try await clinic.json("GET", "/api/v1/hpv/aefi/\(event)", token: try await clinic.token("ganzhou")).status == 404)
        #expect(try await clinic.json("POST", "/api/v1/hpv/aefi/\(event)/course", token: liu, body: #"{"closed_on":"2024-04-15"}"#).status == 403)
        let after = try await clinic.json("POST", "/api/v1/hpv/aefi/\(event)/course", token: try await clinic.token("zhou"), body: #"{"outcome":"sequelae"}"#)
        #expect(after.status == 422 && after.bodyText.contains("aefi_closed"))
    }

    @Test func theSchoolGetsItsGirlsBackInItsOwnForm() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, _) = try await WebPageTests.login(clinic, "liu")
        let school = Self.encoded("东湖区第一中学")
        let girls = try await clinic.call("GET", "/girls?school=\(school)", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(girls.contains("/roster-status.xlsx?school=\(school)") && girls.contains("/roster-status.csv?school=\(school)"))
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: try await clinic.token("liu"),
                                      body: #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06-30"}"#).status == 201)
        let xlsx = try await clinic.call("GET", "/roster-status.xlsx?school=\(school)", headers: ["Cookie: \(cookie)"])
        #expect(xlsx.status == 200 && xlsx.header("Content-Type")?.contains("spreadsheetml") == true && xlsx.body.starts(with: [0x50, 0x4B]))
        let path = clinic.folder.appendingPathComponent("status.xlsx").path
        try Data(xlsx.body).write(to: URL(fileURLWithPath: path))
        let reader = try SheetReader(path: path)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.texts) }
        #expect(rows.first == ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话",
                               "既往HPV疫苗接种情况", "是否愿意接种", "第一剂次日期", "第二剂次日期", "状态", "下次接种日期"])
        #expect(rows.count == 3 && rows.dropFirst().map { $0[2] } == ["王小红", "陈静"])
        #expect(rows[1][11] == today && !rows.joined().joined().contains(People.wang) && rows[1][4].contains("****"))
        let csv = try await clinic.call("GET", "/roster-status.csv?school=\(school)", headers: ["Cookie: \(cookie)"])
        #expect(csv.status == 200 && csv.bodyText.contains("王小红") && !csv.bodyText.contains(People.wang))
        // Another area's school is not there for her, nor for the API's caller.
        let (gan, _) = try await WebPageTests.login(clinic, "gan")
        let other = try await clinic.call("GET", "/roster-status.xlsx?school=\(school)", headers: ["Cookie: \(gan)"])
        #expect(other.status == 422 && !other.bodyText.contains("王小红"))
        let api = try await clinic.json("GET", "/api/v1/hpv/roster-status?school=\(school)&format=xlsx", token: try await clinic.token("liu"))
        #expect(api.status == 200 && api.body.starts(with: [0x50, 0x4B]))
        #expect(try await clinic.json("GET", "/api/v1/hpv/roster-status?school=\(school)&format=pdf", token: try await clinic.token("liu")).status == 400)
    }

    @Test func theReportDownloadsInThePlanTablesLayout() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: try await clinic.token("liu"),
                                      body: #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06-30"}"#).status == 201)
        let (cookie, _) = try await WebPageTests.login(clinic, "zhou")
        let report = try await clinic.call("GET", "/reports", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(report.contains("/reports/hpv-plan.xlsx") && report.contains("/reports/hpv-plan.csv"))
        let csv = try await clinic.call("GET", "/reports/hpv-plan.csv?as_of=\(today)", headers: ["Cookie: \(cookie)"])
        #expect(csv.status == 200)
        let lines = csv.bodyText.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
        #expect(lines.first == "市代码,市,目标人数,第1剂,全程,第1剂覆盖率,全程覆盖率")
        // 南昌市 (its plan target, one dose 1 of two girls) and the total of the officer's area.
        let nanchang = try #require(lines.first { $0.hasPrefix("360100,") })
        #expect(nanchang.hasPrefix("360100,南昌市,30000,1,0,"))
        #expect(!csv.bodyText.contains("赣州市"))
        let xlsx = try await clinic.call("GET", "/reports/hpv-plan.xlsx?as_of=\(today)", headers: ["Cookie: \(cookie)"])
        #expect(xlsx.status == 200 && xlsx.body.starts(with: [0x50, 0x4B]))
        let (liu, _) = try await WebPageTests.login(clinic, "liu")
        #expect(try await clinic.call("GET", "/reports/hpv-plan.csv", headers: ["Cookie: \(liu)"]).status == 403)
    }
}
