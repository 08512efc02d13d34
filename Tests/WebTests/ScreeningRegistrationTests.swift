import Curl
import Foundation
import GRDB
import Testing
@testable import Server

/// Pregnancies, newborns, the screening due list and report over the API, inside the user's area.
@Suite(.serialized)
struct ScreeningRegistrationTests {
    static let woman = residentID("1995-01-01", sequence: 22)
    static let pregnancyBody = #"{"id":"\#(woman)","name":"王芳","phone":"13812345678","county":"360102","lmp":"2024-01-10"}"#

    static func object(_ r: HTTPResponse) throws -> [String: Any] {
        try #require(try r.json() as? [String: Any], "\(r.status) \(r.bodyText)")
    }

    static func register(_ clinic: TestClinic, _ token: String) async throws -> String {
        let r = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: token, body: pregnancyBody)
        #expect(r.status == 201, "\(r.bodyText)")
        return try #require(try object(r)["pregnancy_id"] as? String)
    }

    @Test func registeringAPregnancyAnswersTheCLIsShapeAndIsAuditedInTheUsersName() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let wu = try await clinic.token("wu")
        let r = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: wu, body: Self.pregnancyBody)
        #expect(r.status == 201)
        let made = try Self.object(r)
        let id = try #require(made["pregnancy_id"] as? String)
        #expect(made["existing"] as? Bool == false && made["lmp"] as? String == "2024-01-10" && made["county_code"] as? String == "360102")
        // The CLI's --format json for another woman has the same keys and the same EDD rule.
        let cli = try runCLI(["screening", "pregnancy", "add", "--id", residentID("1994-02-02", sequence: 24), "--name", "李娜", "--phone",
                              "13912345678", "--county", "360102", "--lmp", "2024-01-10", "--format", "json", "--db", clinic.database.path])
        let cliObject = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        #expect(Set(cliObject.keys) == Set(made.keys) && cliObject["edd"] as? String == made["edd"] as? String)
        // The same woman again: her open pregnancy comes back, nothing new is written.
        let again = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: wu, body: Self.pregnancyBody)
        #expect(again.status == 200)
        #expect(try Self.object(again)["pregnancy_id"] as? String == id && (try Self.object(again)["existing"] as? Bool) == true)
        let (count, audited) = try clinic.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_pregnancies WHERE uuid = ?", arguments: [id]) ?? 0,
             try String.fetchAll(db, sql: "SELECT operator || ':' || action FROM audit_log WHERE entity = 'pregnancy' AND entity_uuid = ?", arguments: [id]))
        }
        #expect(count == 1 && audited == ["wu:register", "wu:register_again"])
        // 章贡区's staff registering the same woman in their county learn where she is registered,
        // not the record's id, and nothing is written.
        let elsewhere = Self.pregnancyBody.replacingOccurrences(of: "\"county\":\"360102\"", with: "\"county\":\"360702\"")
        let other = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token("wugz"), body: elsewhere)
        #expect(other.status == 409 && other.bodyText.contains("registered_elsewhere") && other.bodyText.contains("360102"))
        #expect(!other.bodyText.contains(id))
        #expect(try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_pregnancies") } == 2)
    }

    @Test(arguments: [
        // (user, body change, status, code)
        ("liu", "", 403, "forbidden"),                                                    // a vaccinator may not register
        ("wugz", "", 403, "outside_area"),                                                // 赣州's staff, 东湖区's county
        ("wu", #","edd":"2024-10-16""#, 422, "no_dating"),                                // LMP and EDD both
        ("wu", "-lmp", 422, "no_dating"),                                                 // neither
        ("wu", "badid", 422, "id_checksum"),
        ("wu", "man", 422, "not_a_woman"),
        ("wu", #","lmp":"2024-05-01""#, 422, "future_date"),
        ("wu", #","lmp":"2024-13-01""#, 422, "bad_date"),
        ("wu", "-name", 400, "missing_field"),
    ])
    func registrationRefusesWithAClearCode(user: String, change: String, status: Int, code: String) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        var body = Self.pregnancyBody
        switch change {
        case "-lmp": body = body.replacingOccurrences(of: #","lmp":"2024-01-10""#, with: "")
        case "-name": body = body.replacingOccurrences(of: #""name":"王芳","#, with: "")
        case "badid": body = body.replacingOccurrences(of: Self.woman, with: String(Self.woman.dropLast()) + (Self.woman.last == "1" ? "2" : "1"))
        case "man": body = body.replacingOccurrences(of: Self.woman, with: residentID("1995-01-01", sequence: 23))
        case "": break
        default:
            // The changed value replaces the LMP, or joins it (an EDD as well).
            body = change.contains("edd") ? String(body.dropLast()) + change + "}"
                : body.replacingOccurrences(of: #","lmp":"2024-01-10""#, with: change)
        }
        let r = try await clinic.json("POST", "/api/v1/screening/pregnancies", token: try await clinic.token(user), body: body)
        #expect(r.status == status, "\(r.bodyText)")
        #expect(r.bodyText.contains("\"\(code)\""), "\(r.bodyText)")
        #expect(!r.bodyText.contains(Self.woman) && !r.bodyText.contains("13812345678"))
        let rows = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM screening_pregnancies") ?? 0 }
        #expect(rows == 0)
    }

    @Test func closingAPregnancyInTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let wu = try await clinic.token("wu")
        let id = try await Self.register(clinic, wu)
        let path = "/api/v1/screening/pregnancies/\(id)/close"
        let body = #"{"outcome":"miscarriage","date":"2024-03-01"}"#
        #expect(try await clinic.json("POST", path, token: try await clinic.token("wugz"), body: body).status == 404)
        #expect(try await clinic.json("POST", path, token: try await clinic.token("liu"), body: body).status == 403)
        #expect(try await clinic.json("POST", "/api/v1/screening/pregnancies/nope/close", token: wu, body: body).status == 404)
        let badOutcome = try await clinic.json("POST", path, token: wu, body: #"{"outcome":"lost","date":"2024-03-01"}"#)
        #expect(badOutcome.status == 422 && badOutcome.bodyText.contains("bad_value"))
        let early = try await clinic.json("POST", path, token: wu, body: #"{"outcome":"miscarriage","date":"2023-12-01"}"#)
        #expect(early.status == 422 && early.bodyText.contains("close_before_lmp"))
        let ok = try await clinic.json("POST", path, token: wu, body: body)
        #expect(ok.status == 200)
        let closed = try Self.object(ok)
        #expect(closed["outcome"] as? String == "miscarriage" && closed["closed_on"] as? String == "2024-03-01")
        let twice = try await clinic.json("POST", path, token: wu, body: body)
        #expect(twice.status == 422 && twice.bodyText.contains("pregnancy_closed"))
        // Closed: nothing of hers is due any more.
        let due = try await clinic.json("GET", "/api/v1/screening/due?as_of=\(today)", token: wu)
        #expect(due.status == 200 && !due.bodyText.contains(id))
    }

    @Test func twinsAreTwoNewbornsByBirthOrder() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let wu = try await clinic.token("wu")
        let id = try await Self.register(clinic, wu)
        func baby(_ order: Int, _ change: [String: Any] = [:]) throws -> String {
            let fields: [String: Any] = ["pregnancy": id, "born": "2024-04-10T08:30", "sex": "F", "order": order, "weeks": 36, "weight_g": 2500]
            return String(decoding: try JSONSerialization.data(withJSONObject: fields.merging(change) { $1 }), as: UTF8.self)
        }
        #expect(try await clinic.json("POST", "/api/v1/screening/newborns", token: try await clinic.token("wugz"), body: try baby(1)).status == 404)
        #expect(try await clinic.json("POST", "/api/v1/screening/newborns", token: try await clinic.token("fang"), body: try baby(1)).status == 403)
        let first = try await clinic.json("POST", "/api/v1/screening/newborns", token: wu, body: try baby(1))
        #expect(first.status == 201)
        let born = try Self.object(first)
        #expect(born["birth_order"] as? Int == 1 && born["born_at"] as? String == "2024-04-10T08:30" && born["newborn_id"] is String)
        #expect(try await clinic.json("POST", "/api/v1/screening/newborns", token: wu, body: try baby(2)).status == 201)
        let taken = try await clinic.json("POST", "/api/v1/screening/newborns", token: wu, body: try baby(2))
        #expect(taken.status == 422 && taken.bodyText.contains("birth_order_taken"))
        let refused: [([String: Any], String)] = [(["weight_g": 9000], "value_out_of_range"), (["weight_g": 299], "value_out_of_range"),
                                                  (["weeks": 19], "value_out_of_range"), (["weeks": 46], "value_out_of_range"),
                                                  (["sex": "X"], "bad_value"), (["order": 0], "bad_value"),
                                                  (["born": "2024-04-16T08:00"], "future_date"), (["born": "10 April"], "bad_date")]
        for (change, code) in refused {
            let r = try await clinic.json("POST", "/api/v1/screening/newborns", token: wu, body: try baby(3, change))
            #expect(r.status == 422 && r.bodyText.contains(code), "\(change): \(r.bodyText)")
        }
        #expect(try await clinic.json("POST", "/api/v1/screening/newborns", token: wu, body: #"{"pregnancy":"\#(id)","born":"2024-04-10"}"#).status == 400)
        // The birth closed the pregnancy as a live birth; both babies are on the due list (newborn services).
        let outcome = try clinic.database.read { db in try String.fetchOne(db, sql: "SELECT outcome FROM screening_pregnancies WHERE uuid = ?", arguments: [id]) }
        #expect(outcome == "live_birth")
        let due = try #require(try await clinic.json("GET", "/api/v1/screening/due?as_of=2024-04-11", token: wu).json() as? [[String: Any]])
        #expect(Set(due.filter { $0["subject"] as? String == "newborn" }.compactMap { $0["subject_id"] as? String }).count == 2)
    }

    @Test func dueListIsTheCLIsJSONForTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let wu = try await clinic.token("wu")
        let id = try await Self.register(clinic, wu)
        let api = try await clinic.json("GET", "/api/v1/screening/due?as_of=\(today)", token: wu)
        #expect(api.status == 200)
        let cli = try runCLI(["screening", "due", "--as-of", today, "--county", "360102", "--format", "json", "--db", clinic.database.path])
        #expect(cli.status == 0 && api.bodyText == cli.stdout)
        #expect(api.bodyText.contains(id) && !api.bodyText.contains(Self.woman) && api.bodyText.contains("138****5678"))
        // 南昌市's officer and 东湖区's follow-up staff see her; 赣州's staff and officer do not; a vaccinator may not read it.
        for (user, sees) in [("zhou", true), ("fang", true), ("wugz", false), ("ganzhou", false)] {
            let r = try await clinic.json("GET", "/api/v1/screening/due?as_of=\(today)", token: try await clinic.token(user))
            #expect(r.status == 200 && r.bodyText.contains(id) == sees, "\(user)")
        }
        #expect(try await clinic.json("GET", "/api/v1/screening/due", token: try await clinic.token("liu")).status == 403)
        #expect(try await clinic.json("GET", "/api/v1/screening/due?as_of=someday", token: wu).status == 400)
    }

    @Test func reportIsTheCLIsFiguresForTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let wu = try await clinic.token("wu")
        let id = try await Self.register(clinic, wu)
        let result = #"{"pregnancy":"\#(id)","service":"nt","date":"2024-04-15","values":{"nt_mm":"1.8","crl_mm":"70"}}"#
        #expect(try await clinic.json("POST", "/api/v1/screening/results", token: wu, body: result).status == 201)
        let query = "from=2024-01-01&to=\(today)"
        let api = try await clinic.json("GET", "/api/v1/reports/screening?\(query)", token: try await clinic.token("zhou"))
        #expect(api.status == 200)
        let report = try Self.object(api)
        let cli = try runCLI(["report", "screening", "--from", "2024-01-01", "--to", today, "--format", "json", "--db", clinic.database.path])
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        let cities = try #require(report["cities"] as? [[String: Any]])
        let cliCity = try #require((whole["cities"] as? [[String: Any]])?.first { $0["code"] as? String == "360100" })
        #expect(cities.count == 1 && NSDictionary(dictionary: cities[0]).isEqual(to: cliCity))
        #expect((report["counties"] as? [[String: Any]])?.map { $0["code"] as? String } == ["360102"])
        // The top-level figures are the city's own.
        #expect(NSArray(array: try #require(report["services"] as? [Any])).isEqual(to: try #require(cliCity["services"] as? [Any])))
        let nt = try #require((report["services"] as? [[String: Any]])?.first { $0["service"] as? String == "nt" })
        // National definitions: her pregnancy has not ended, so she is registered but not yet among the deliveries (产妇数).
        #expect(nt["registered"] as? Int == 1 && nt["denominator"] as? Int == 0 && nt["screened"] as? Int == 0)
        // 赣州市's officer sees none of 南昌市; screening staff may not read reports; a bad date is a 400.
        let ganzhou = try Self.object(try await clinic.json("GET", "/api/v1/reports/screening?\(query)", token: try await clinic.token("ganzhou")))
        #expect((ganzhou["cities"] as? [Any])?.isEmpty == true && (ganzhou["counties"] as? [Any])?.isEmpty == true)
        let ganzhouNT = (ganzhou["services"] as? [[String: Any]])?.first { $0["service"] as? String == "nt" }
        #expect(ganzhouNT?["screened"] as? Int == 0)
        #expect(try await clinic.json("GET", "/api/v1/reports/screening", token: wu).status == 403)
        #expect(try await clinic.json("GET", "/api/v1/reports/screening?from=2024-02-30", token: try await clinic.token("zhou")).status == 400)
    }

    /// The browser's cookie works on the API only with the page's CSRF token in X-CSRF-Token.
    @Test func cookieCallsNeedTheCSRFHeader() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let (cookie, csrf) = try await WebPageTests.login(clinic, "wu", landing: "/screening/pregnancies")
        let headers = ["Cookie: \(cookie)", "Content-Type: application/json"]
        let forged = try await clinic.call("POST", "/api/v1/screening/pregnancies", headers: headers, body: Self.pregnancyBody)
        #expect(forged.status == 403 && forged.bodyText.contains("csrf"))
        let ok = try await clinic.call("POST", "/api/v1/screening/pregnancies", headers: headers + ["X-CSRF-Token: \(csrf)"], body: Self.pregnancyBody)
        #expect(ok.status == 201)
    }
}
