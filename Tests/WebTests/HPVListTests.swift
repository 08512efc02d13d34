import Foundation
import GRDB
import Testing
@testable import Server

/// HPV 名单 and AEFI 列表 (pages and `/api/v1/hpv/girls`, `/api/v1/hpv/aefi`), the assist cards on a
/// girl's page, and uploads limited to the uploader's county.
@Suite(.serialized)
struct HPVListTests {
    @Test func girlsAreTheCLIsListOfTheUsersCounty() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let api = try await clinic.json("GET", "/api/v1/hpv/girls?as_of=\(today)", token: liu)
        #expect(api.status == 200)
        let cli = try runCLI(["hpv", "list", "--as-of", today, "--county", "360102", "--format", "json", "--db", clinic.database.path])
        #expect(cli.status == 0 && api.bodyText == cli.stdout)
        let names = try #require(try api.json() as? [[String: Any]]).map { $0["name"] as? String }
        #expect(names == ["王小红", "陈静"] && !api.bodyText.contains(People.wang))
        // Filters and paging, the CLI's where it has them.
        let school = "东湖区第一中学".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let bySchool = try await clinic.json("GET", "/api/v1/hpv/girls?as_of=\(today)&school=\(school)&status=overdue", token: liu)
        let cliOverdue = try runCLI(["hpv", "list", "--as-of", today, "--county", "360102", "--school", "东湖区第一中学", "--status", "overdue",
                                     "--format", "json", "--db", clinic.database.path])
        let overdueLines = try bySchool.json() as? [Any]
        #expect(bySchool.bodyText == cliOverdue.stdout && overdueLines?.count == 2)
        let otherSchool = try await clinic.json("GET", "/api/v1/hpv/girls?school=\("章贡区第三中学".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: liu)
        #expect((try otherSchool.json() as? [Any])?.isEmpty == true)
        #expect((try await clinic.json("GET", "/api/v1/hpv/girls?status=complete", token: liu).json() as? [Any])?.isEmpty == true)
        let second = try #require(try await clinic.json("GET", "/api/v1/hpv/girls?limit=1&offset=1", token: liu).json() as? [[String: Any]])
        #expect(second.map { $0["name"] as? String } == ["陈静"])
        // Bad input, another role, another city's officer.
        let bad = try await clinic.json("GET", "/api/v1/hpv/girls?status=finished", token: liu)
        #expect(bad.status == 400 && bad.bodyText.contains("bad_value"))
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls?limit=-1", token: liu).status == 400)
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls", token: try await clinic.token("wu")).status == 403)
        let ganzhou = try #require(try await clinic.json("GET", "/api/v1/hpv/girls", token: try await clinic.token("ganzhou")).json() as? [[String: Any]])
        #expect(ganzhou.map { $0["name"] as? String } == ["李梅"])
    }

    /// The listing is kept between requests only while the register is unchanged: a dose the CLI
    /// records in another process shows on the next request.
    @Test func girlsListFollowsWritesOfOtherProcesses() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let before = try #require(try await clinic.json("GET", "/api/v1/hpv/girls?as_of=\(today)&status=overdue", token: liu).json() as? [[String: Any]])
        #expect(before.map { $0["name"] as? String } == ["王小红", "陈静"])
        #expect(try runCLI(["hpv", "dose", "--id", People.chen, "--date", today, "--product", "cecolin", "--lot", "L1", "--expiry", "2026-06",
                            "--db", clinic.database.path]).status == 0)
        let after = try #require(try await clinic.json("GET", "/api/v1/hpv/girls?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(after.map { $0["valid_doses"] as? Int } == [0, 1])
        let overdue = try #require(try await clinic.json("GET", "/api/v1/hpv/girls?as_of=\(today)&status=overdue", token: liu).json() as? [[String: Any]])
        #expect(overdue.map { $0["name"] as? String } == ["王小红"])
    }

    @Test func aefiListIsTheCLIsForTheUsersCounty() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (liu, gan) = (try await clinic.token("liu"), try await clinic.token("gan"))
        for (token, id, lot) in [(liu, People.wang, "C1"), (gan, People.li, "C2")] {
            #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: token,
                                          body: #"{"id":"\#(id)","date":"\#(today)","product":"cecolin","lot":"\#(lot)","expiry":"2026-06-30"}"#).status == 201)
        }
        for (token, id, symptoms) in [(liu, People.wang, #"["fever"]"#), (gan, People.li, #"["anaphylaxis"]"#)] {
            #expect(try await clinic.json("POST", "/api/v1/hpv/aefi", token: token, body: #"""
                {"id":"\#(id)","dose_date":"\#(today)","onset":"\#(today)T14:30","symptoms":\#(symptoms),"outcome":"recovered","reporter":"门诊"}
                """#).status == 201)
        }
        let api = try await clinic.json("GET", "/api/v1/hpv/aefi", token: liu)
        #expect(api.status == 200)
        let cli = try runCLI(["hpv", "aefi", "list", "--format", "json", "--db", clinic.database.path])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])
        #expect(all.count == 2)
        #expect((try api.json() as? NSArray)?.isEqual(all.filter { $0["county_code"] as? String == "360102" } as NSArray) == true)
        // Serious only (anaphylaxis is always serious): none in 东湖区, one in 章贡区; by lot.
        #expect((try await clinic.json("GET", "/api/v1/hpv/aefi?serious=true", token: liu).json() as? [Any])?.isEmpty == true)
        let serious = try #require(try await clinic.json("GET", "/api/v1/hpv/aefi?serious=true", token: gan).json() as? [[String: Any]])
        #expect(serious.count == 1 && serious[0]["serious"] as? Bool == true && serious[0]["lot"] as? String == "C2")
        #expect((try await clinic.json("GET", "/api/v1/hpv/aefi?lot=C2", token: liu).json() as? [Any])?.isEmpty == true)
        #expect(try await clinic.json("GET", "/api/v1/hpv/aefi", token: try await clinic.token("wu")).status == 403)
        // The page: 章贡区's serious event is flagged for its vaccinator, by lot.
        let (cookie, _) = try await WebPageTests.login(clinic, "gan")
        let page = try await clinic.call("GET", "/aefi?lot=C2", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200 && page.bodyText.contains("<strong>严重</strong>") && page.bodyText.contains("李梅"))
        #expect(!page.bodyText.contains(People.li) && !page.bodyText.contains("王小红"))
    }

    @Test func girlsPageFiltersPagesMasksAndStaysInTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, _) = try await WebPageTests.login(clinic, "liu")
        let page = try await clinic.call("GET", "/girls", headers: ["Cookie: \(cookie)"])
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("王小红") && html.contains("陈静") && !html.contains("李梅") && !html.contains(People.wang))
        #expect(html.contains("360102********") && html.contains(#"<strong id="girls-total">2</strong>"#))
        #expect(html.contains(#"href="/girls/"#))  // each name opens her page
        let filtered = try await clinic.call("GET", "/girls?status=complete", headers: ["Cookie: \(cookie)"])
        #expect(filtered.bodyText.contains(#"<strong id="girls-total">0</strong>"#))
        #expect(try await clinic.call("GET", "/girls?status=bogus", headers: ["Cookie: \(cookie)"]).status == 400)
        let (wu, _) = try await WebPageTests.login(clinic, "wu", landing: "/screening")
        #expect(try await clinic.call("GET", "/girls", headers: ["Cookie: \(wu)"]).status == 403)
        #expect(try await clinic.call("GET", "/girls").header("Location") == "/login")
    }

    /// The hpv-reminder rule card on the girl's page, in Chinese, with its indicator.
    @Test func girlPageShowsTheAssistCards() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let uuid = try #require(try clinic.database.read { db in
            try String.fetchOne(db, sql: "SELECT uuid FROM persons WHERE resident_id = ?", arguments: [People.wang])
        })
        let (cookie, _) = try await WebPageTests.login(clinic, "liu")
        let due = try await clinic.call("GET", "/girls/\(uuid)", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(due.contains("HPV疫苗第1剂") && due.contains("【提示】") && due.contains(#"class="assist info""#))
        // Once dose 1 is given nothing is due today: no card.
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: try await clinic.token("liu"),
                                      body: #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06-30"}"#).status == 201)
        let after = try await clinic.call("GET", "/girls/\(uuid)", headers: ["Cookie: \(cookie)"]).bodyText
        #expect(!after.contains(#"class="assist"#))
    }

    static let otherCountyRoster = """
        序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种
        1,东湖区,赵敏,2011-02-03,\(residentID("2011-02-03", sequence: 8)),东湖区第一中学,初一(3)班,赵刚,13612345678,无,是
        2,章贡区,孙丽,2011-02-04,\(residentID("2011-02-04", region: "360702", sequence: 8)),章贡区第三中学,初一(1)班,孙强,13512345678,无,是

        """

    @Test func uploadsImportOnlyTheUploadersCounty() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let r = try await clinic.call("POST", "/api/v1/hpv/roster?file_name=school.csv", headers: ["Authorization: Bearer \(liu)"],
                                      body: Self.otherCountyRoster)
        #expect(r.status == 200)
        let report = try #require(try r.json() as? [String: Any])
        #expect(report["imported"] as? Int == 1 && report["rejected"] as? Int == 1)
        let error = try #require((report["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "outside_area" && error["row"] as? Int == 3 && error["column"] as? String == "地区")
        #expect((error["message"] as? String)?.contains("南昌市东湖区") == true)
        let stored = try clinic.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM persons ORDER BY name") }
        #expect(stored.contains("赵敏") && !stored.contains("孙丽"))
        // The web upload shows the same row error; 章贡区's own vaccinator imports her row.
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let boundary = "----sv\(UUID().uuidString)"
        // The token rides in the form's action, so it is checked before the file is read.
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"school.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + Self.otherCountyRoster + "\r\n--\(boundary)--\r\n"
        let page = try await clinic.call("POST", "/roster?csrf=\(csrf)", headers: ["Cookie: \(cookie)", "Content-Type: multipart/form-data; boundary=\(boundary)"],
                                         body: body)
        #expect(page.status == 200 && page.bodyText.contains("地区不在您的辖区内"))
        let gan = try await clinic.call("POST", "/api/v1/hpv/roster", headers: ["Authorization: Bearer \(try await clinic.token("gan"))"],
                                        body: Self.otherCountyRoster)
        let ganReport = try #require(try gan.json() as? [String: Any])
        #expect(ganReport["imported"] as? Int == 1 && ganReport["rejected"] as? Int == 1)
    }
}
