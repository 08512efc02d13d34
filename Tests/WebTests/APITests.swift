import Accounts
import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Store
import Testing
@testable import Server

/// The JSON API over a real server on 127.0.0.1, called with our libcurl client.
@Suite(.serialized)
struct APITests {
    @Test func loginAnswers200WithTokenAnd401OnWrongPassword() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let ok = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"pass-word-12"}"#)
        #expect(ok.status == 200)
        let object = try #require(try ok.json() as? [String: Any])
        #expect((object["token"] as? String)?.count == 64)
        #expect(object["role"] as? String == "vaccinator" && object["area"] as? String == "360102")
        let wrong = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"nope"}"#)
        #expect(wrong.status == 401)
        let unknown = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"ghost","password":"nope"}"#)
        #expect(unknown.status == 401 && unknown.bodyText.contains("wrong_credentials"))
        let malformed = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu"}"#)
        #expect(malformed.status == 400)
    }

    /// Three failures in a row throttle the name (429 with Retry-After), even for the right password.
    @Test func repeatedFailuresAnswer429() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        for _ in 0..<3 {
            #expect(try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"x"}"#).status == 401)
        }
        let throttled = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"pass-word-12"}"#)
        #expect(throttled.status == 429)
        #expect(throttled.header("Retry-After") == "10")
        #expect(throttled.bodyText.contains("login_throttled"))
    }

    /// Ten failures from one address across ten usernames throttle that address (here 127.0.0.1),
    /// even for a user who has not failed at all.
    @Test func guessingManyNamesFromOneAddressAnswers429() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        for i in 0..<10 {
            #expect(try await clinic.json("POST", "/api/v1/session", body: #"{"username":"guess\#(i)","password":"x"}"#).status == 401)
        }
        let throttled = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"pass-word-12"}"#)
        #expect(throttled.status == 429 && throttled.bodyText.contains("login_throttled"))
        let kept = try clinic.database.read { db in try String.fetchAll(db, sql: "SELECT client FROM login_client_failures") }
        #expect(kept == ["127.0.0.1"])
    }

    @Test(arguments: [
        ("GET", "/api/v1/hpv/due"), ("GET", "/api/v1/me"), ("POST", "/api/v1/hpv/doses"), ("GET", "/api/v1/sync/status"),
    ])
    func noTokenOrABadOneAnswers401(method: String, path: String) async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        #expect(try await clinic.json(method, path).status == 401)
        #expect(try await clinic.json(method, path, token: String(repeating: "a", count: 64)).status == 401)
    }

    @Test func logoutClosesTheToken() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let token = try await clinic.token("liu")
        #expect(try await clinic.json("GET", "/api/v1/me", token: token).status == 200)
        #expect(try await clinic.json("DELETE", "/api/v1/session", token: token).status == 204)
        #expect(try await clinic.json("GET", "/api/v1/me", token: token).status == 401)
    }

    /// The due list is the CLI's `hpv due --format json` for the user's county, byte for byte.
    @Test func dueListIsTheCLIsJSON() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let token = try await clinic.token("liu")
        let api = try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: token)
        #expect(api.status == 200)
        let cli = try runCLI(["hpv", "due", "--as-of", today, "--county", "360102", "--format", "json", "--db", clinic.database.path])
        #expect(cli.status == 0)
        #expect(api.bodyText == cli.stdout)
        let names = try #require(try api.json() as? [[String: Any]]).map { $0["name"] as? String }
        #expect(Set(names) == ["王小红", "陈静"])
        let page = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)&limit=1&offset=1", token: token).json() as? [[String: Any]])
        #expect(page.count == 1 && page[0]["name"] as? String == names[1])
    }

    @Test func girlStatusIsTheCLIsJSONAndOtherAreasAnswer404() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        // By resident ID in a body, never in a URL; the answer names her registry id for later requests.
        let found = try await clinic.json("POST", "/api/v1/hpv/girls/lookup?as_of=\(today)", token: liu, body: #"{"resident_id":"\#(People.wang)"}"#)
        #expect(found.status == 200)
        let person = try #require((try found.json() as? [String: Any])?["person_id"] as? String)
        let mine = try await clinic.json("GET", "/api/v1/hpv/girls/\(person)?as_of=\(today)", token: liu)
        #expect(mine.status == 200 && mine.bodyText == found.bodyText)
        let cli = try runCLI(["hpv", "status", "--id", People.wang, "--as-of", today, "--format", "json", "--db", clinic.database.path])
        #expect(mine.bodyText == cli.stdout)
        #expect(!mine.bodyText.contains(People.wang))
        // 章贡区's girl does not exist for 东湖区's vaccinator; nor does an unknown ID or registry id.
        let li = try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: liu, body: #"{"resident_id":"\#(People.li)"}"#)
        #expect(li.status == 404 && !li.bodyText.contains("李梅"))
        #expect(try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: liu,
                                      body: #"{"resident_id":"\#(residentID("2011-01-01", sequence: 88))"}"#).status == 404)
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(UUID().uuidString.lowercased())", token: liu).status == 404)
        // The city officer of 南昌市 sees 东湖区, not 赣州市; the province admin may not read persons at all.
        let zhou = try await clinic.token("zhou")
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(person)", token: zhou).status == 200)
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(person)", token: try await clinic.token("ganzhou")).status == 404)
        let root = try await clinic.token("root")
        #expect(try await clinic.json("GET", "/api/v1/hpv/girls/\(person)", token: root).status == 403)
    }

    @Test func recordingADoseAnswers201AuditsTheUserAndTakesHerOffTheList() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let body = #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"C2024","expiry":"2026-06","clinic":"东湖区妇幼保健院"}"#
        let r = try await clinic.json("POST", "/api/v1/hpv/doses", token: liu, body: body)
        #expect(r.status == 201)
        let result = try #require(try r.json() as? [String: Any])
        #expect(result["number"] as? Int == 1 && result["valid"] as? Bool == true && result["status"] as? String == "scheduled")
        let due = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(due.map { $0["name"] as? String } == ["陈静"])
        let audit = try clinic.database.read { db in try AuditLog.entries(db) }
        #expect(audit.contains { $0.entity == "hpv_dose" && $0.operator == "liu" })
        // The same day twice is refused with its code; another county's girl is 404; an officer may not write.
        let again = try await clinic.json("POST", "/api/v1/hpv/doses", token: liu, body: body)
        #expect(again.status == 422 && again.bodyText.contains("duplicate_dose"))
        let other = body.replacingOccurrences(of: People.wang, with: People.li)
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: liu, body: other).status == 404)
        let zhou = try await clinic.token("zhou")
        #expect(try await clinic.json("POST", "/api/v1/hpv/doses", token: zhou, body: body).status == 403)
    }

    /// The server keeps the computed list while nothing changes; a dose recorded by the CLI (another
    /// process) changes it at once, and logins or page views do not.
    @Test func dueListFollowsWritesOfOtherProcesses() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let before = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(before.count == 2)
        _ = try await clinic.token("liu")
        let cli = try runCLI(["hpv", "dose", "--id", People.chen, "--date", today, "--product", "cecolin", "--lot", "L1", "--expiry", "2026-06",
                              "--db", clinic.database.path])
        #expect(cli.status == 0)
        let after = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(after.map { $0["name"] as? String } == ["王小红"])
        // The list is brought up to date girl by girl: a refusal takes her off, a consent puts her back.
        #expect(try runCLI(["hpv", "consent", "--id", People.wang, "--declined", "--reason", "家长拒绝", "--db", clinic.database.path]).status == 0)
        let declined = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(declined.isEmpty)
        #expect(try runCLI(["hpv", "consent", "--id", People.wang, "--given", "--db", clinic.database.path]).status == 0)
        let again = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(again.map { $0["name"] as? String } == ["王小红"])
    }

    @Test func consentAEFIAndRosterUpload() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let consent = try await clinic.json("POST", "/api/v1/hpv/consent", token: liu,
                                            body: #"{"id":"\#(People.chen)","decision":"declined","reason":"担心副作用"}"#)
        #expect(consent.status == 200 && consent.bodyText.contains("declined"))
        let due = try #require(try await clinic.json("GET", "/api/v1/hpv/due?as_of=\(today)", token: liu).json() as? [[String: Any]])
        #expect(!due.contains { $0["name"] as? String == "陈静" })
        _ = try await clinic.json("POST", "/api/v1/hpv/doses", token: liu,
                                  body: #"{"id":"\#(People.wang)","date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06-30"}"#)
        let aefi = try await clinic.json("POST", "/api/v1/hpv/aefi", token: liu, body: #"""
            {"id":"\#(People.wang)","dose_date":"\#(today)","onset":"\#(today)T14:30","symptoms":["fever"],"outcome":"recovered","reporter":"接种门诊"}
            """#)
        #expect(aefi.status == 201)
        let csv = People.roster + "4,东湖区,错号,2011-03-03,360102201103030011,东湖区第一中学,初一(1)班,某,13812345678,无,是\n"
        let roster = try await clinic.call("POST", "/api/v1/hpv/roster?file_name=school.csv",
                                           headers: ["Authorization: Bearer \(liu)", "Content-Type: text/csv"], body: csv)
        #expect(roster.status == 200)
        let report = try #require(try roster.json() as? [String: Any])
        // 李梅's row is 章贡区's: not liu's county, so it is rejected like the bad row, not imported.
        #expect(report["rejected"] as? Int == 2 && report["unchanged"] as? Int == 2)
    }

    /// Consent, dose and AEFI bodies name the girl by `person_id` as well as by `id`, and keep their
    /// own snake_case keys; a body naming no girl is refused, after any field of the route's own.
    @Test func bodiesNameTheGirlByRegistryIDOrResidentID() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let found = try await clinic.json("POST", "/api/v1/hpv/girls/lookup", token: liu, body: #"{"resident_id":"\#(People.chen)"}"#)
        let person = try #require((try found.json() as? [String: Any])?["person_id"] as? String)
        let declined = try await clinic.json("POST", "/api/v1/hpv/consent", token: liu, body: #"{"person_id":"\#(person)","decision":"declined"}"#)
        #expect(declined.status == 200 && declined.bodyText.contains("declined"), "\(declined.bodyText)")
        // Consent given with the dose: `consent_by` still reaches the record.
        let dose = try await clinic.json("POST", "/api/v1/hpv/doses", token: liu, body: #"""
            {"person_id":"\#(person)","date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06","consent_by":"陈母"}
            """#)
        #expect(dose.status == 201, "\(dose.bodyText)")
        let signed = try clinic.database.read { db in
            try String.fetchOne(db, sql: "SELECT e.consent_signed_by FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?",
                                arguments: [People.chen])
        }
        #expect(signed == "陈母")
        let aefi = try await clinic.json("POST", "/api/v1/hpv/aefi", token: liu, body: #"""
            {"person_id":"\#(person)","dose_date":"\#(today)","onset":"\#(today)T14:30","symptoms":["fever"],"serious":true,"reporter":"接种门诊"}
            """#)
        #expect(aefi.status == 201, "\(aefi.bodyText)")
        let noGirl = #"the JSON body needs \"id\" (resident ID) or \"person_id\""#
        let refused: [(path: String, body: String, says: String)] = [
            ("/api/v1/hpv/consent", #"{"decision":"given"}"#, noGirl),
            ("/api/v1/hpv/doses", #"{"date":"\#(today)","product":"cecolin","lot":"C1","expiry":"2026-06"}"#, noGirl),
            ("/api/v1/hpv/aefi", #"{"dose_date":"\#(today)","onset":"\#(today)","symptoms":["fever"],"reporter":"接种门诊"}"#, noGirl),
            ("/api/v1/hpv/doses", #"{"product":"cecolin","lot":"C1","expiry":"2026-06"}"#, #"the JSON body needs the field \"date\""#),
            ("/api/v1/hpv/aefi", #"{"id":"\#(People.wang)","onset":"\#(today)","symptoms":[],"reporter":"x"}"#, #"needs the field \"dose_date\""#),
        ]
        for r in refused {
            let answer = try await clinic.json("POST", r.path, token: liu, body: r.body)
            #expect(answer.status == 400 && answer.bodyText.contains("missing_field") && answer.bodyText.contains(r.says), "\(r.path): \(answer.bodyText)")
        }
        let mistyped = try await clinic.json("POST", "/api/v1/hpv/consent", token: liu, body: #"{"person_id":5,"decision":"given"}"#)
        #expect(mistyped.status == 400 && mistyped.bodyText.contains("bad_field") && mistyped.bodyText.contains("person_id"), "\(mistyped.bodyText)")
    }

    @Test func officerReadsTheReportOfTheirCity() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let zhou = try await clinic.token("zhou")
        let r = try await clinic.json("GET", "/api/v1/reports/hpv?as_of=\(today)", token: zhou)
        #expect(r.status == 200)
        let report = try #require(try r.json() as? [String: Any])
        let cities = try #require(report["cities"] as? [[String: Any]])
        #expect(cities.map { $0["city_code"] as? String } == ["360100"])
        #expect(try await clinic.json("GET", "/api/v1/reports/hpv", token: try await clinic.token("liu")).status == 403)
        #expect(try await clinic.json("GET", "/api/v1/sync/status", token: zhou).status == 200)
    }
}

/// Runs the built `screenvax` binary (the CLI side of "the same JSON").
func runCLI(_ args: [String]) throws -> (status: Int32, stdout: String) {
    let repo = schemasURL.deletingLastPathComponent()
    let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screenvax"),
                      repo.appendingPathComponent(".build/debug/screenvax")]
    let binary = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    let process = Process()
    process.executableURL = binary
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["SCREENVAX_TODAY"] = today
    env["SCREENVAX_SCHEMAS"] = schemasURL.path
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
