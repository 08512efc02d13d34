import Foundation
import Testing
@testable import Server

/// What issue 15 shows a user: her refusal on her page and off the due list, 高危儿管理 on the recall
/// board, and institution pickers where a result or a referral names an institution.
@Suite(.serialized)
struct ScreeningFieldPageTests {
    static func cli(_ clinic: TestClinic, _ args: [String]) throws -> String {
        let r = try runCLI(args + ["--db", clinic.database.path])
        #expect(r.status == 0, "\(args)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func herRefusalIsOnHerPageAndOffTheDueList() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let p = try Self.cli(clinic, ["screening", "pregnancy", "add", "--id", residentID("1995-01-01", sequence: 22), "--name", "王芳",
                                      "--phone", "13812345678", "--county", "360102", "--lmp", "2024-01-25"])
        _ = try Self.cli(clinic, ["screening", "decline", "--pregnancy", p, "--service", "nt", "--reason", "担心流产", "--by", "刘护士"])
        let (cookie, _) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        let page = try await clinic.call("GET", "/screening/pregnancies/\(p)", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200)
        #expect(page.bodyText.contains("拒绝的服务") && page.bodyText.contains("担心流产") && page.bodyText.contains("刘护士"))
        let due = try await clinic.json("GET", "/api/v1/screening/due?as_of=\(today)", token: try await clinic.token("wu"))
        let items = try #require(try due.json() as? [[String: Any]])
        #expect(!items.contains { $0["subject_id"] as? String == p && $0["service"] as? String == "nt" })
        #expect(items.contains { $0["subject_id"] as? String == p && $0["service"] as? String == "thal_gene" })
    }

    @Test func aNewbornPositiveIsUnderManagementOnTheBoardAndIsReferredToAPickedInstitution() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let p = try Self.cli(clinic, ["screening", "pregnancy", "add", "--id", residentID("1994-02-02", sequence: 24), "--name", "李娜",
                                      "--phone", "13912345678", "--county", "360102", "--lmp", "2023-07-01"])
        let n = try Self.cli(clinic, ["screening", "newborn", "add", "--pregnancy", p, "--born", "2024-04-08T08:00", "--sex", "F", "--order", "1"])
        let result = try Self.cli(clinic, ["screening", "result", "--newborn", n, "--service", "metabolic", "--date", "2024-04-12",
                                           "--value", "phe=300", "--value", "tsh=3", "--value", "ohp17=8", "--value", "g6pd=4", "--format", "json"])
        let caseID = try #require((try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])?["recall_case_id"] as? String)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/recall")
        let board = try await clinic.call("GET", "/recall", headers: ["Cookie: \(cookie)"])
        #expect(board.status == 200 && board.bodyText.contains("高危儿管理") && board.bodyText.contains("纳入管理"))
        #expect(board.bodyText.contains("<option value=\"JX-MCH\">江西省妇幼保健院</option>"))
        // The zh-CN board names the service, stage and next step in Chinese, never by their codes.
        #expect(board.bodyText.contains("<td>新生儿遗传代谢病筛查") && board.bodyText.contains("<td>待联系</td>") && board.bodyText.contains("<td>联系</td>"))
        for code in [">metabolic<", ">opened<", ">contact<"] { #expect(!board.bodyText.contains(code), "\(code)") }
        for body in ["step=contact&outcome=reached&channel=phone", "step=referred&institution=JX-CH"] {
            let r = try await clinic.call("POST", "/recall/steps", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)&case=\(caseID)&\(body)")
            #expect(r.status == 303, "\(body)")
            let note = try #require(r.cookie("sv_flash")?.value)
            let flash = try await clinic.call("GET", "/recall", headers: ["Cookie: \(cookie); sv_flash=\(note)"]).bodyText
            #expect(flash.contains("已记录：阶段 " + (body.contains("contact") ? "已联系" : "已转诊")), "\(body)")
        }
        let steps = try runCLI(["recall", "list", "--format", "json", "--db", clinic.database.path]).stdout
        #expect(steps.contains("\"stage\":\"referred\"") && steps.contains("\"high_risk_management\":true"))
        // Counselling over the API answers with the case, and its referral.
        let counselled = try await clinic.json("POST", "/api/v1/recall/cases/\(caseID)/steps", token: try await clinic.token("fang"),
                                               body: #"{"step":"counselled","by":"刘医生","detail":"嘱到省儿童医院复查"}"#)
        #expect(counselled.status == 201)
        let answer = try #require(try counselled.json() as? [String: Any])
        #expect(answer["referral_institution"] as? String == "JX-CH" && answer["stage"] as? String == "referred")
    }

    @Test func theResultFormPicksAnInstitutionDoingTheServiceFirst() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, _) = try await WebPageTests.login(clinic, "wu", landing: "/screening")
        let form = try await clinic.call("GET", "/screening?service=metabolic", headers: ["Cookie: \(cookie)"])
        #expect(form.status == 200)
        let text = form.bodyText
        let centre = try #require(text.range(of: "<option value=\"JX-MCH\">"))
        let ultrasound = try #require(text.range(of: "<option value=\"NCU1-PD\">"))
        #expect(centre.lowerBound < ultrasound.lowerBound)
        let scan = try await clinic.call("GET", "/screening?service=anomaly_us", headers: ["Cookie: \(cookie)"])
        #expect(scan.bodyText.contains("<option value=\"single_ventricle\">单腔心</option>"))
    }
}
