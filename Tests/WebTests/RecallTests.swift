import Foundation
import Testing
@testable import Server

/// Recall cases through the API and the recall board, inside the follow-up user's county.
@Suite(.serialized)
struct RecallTests {
    /// A screen-positive serum result for a woman of 东湖区 opens a case (made with the CLI on the same file).
    static func openCase(_ clinic: TestClinic) throws -> String {
        let woman = residentID("1995-01-01", sequence: 22)
        let add = try runCLI(["screening", "pregnancy", "add", "--id", woman, "--name", "王芳", "--phone", "13812345678", "--county", "360102",
                              "--lmp", "2023-10-01", "--format", "json", "--db", clinic.database.path])
        let pregnancy = try #require(try JSONSerialization.jsonObject(with: Data(add.stdout.utf8)) as? [String: Any])
        let id = try #require((pregnancy["pregnancy_id"] ?? pregnancy["id"]) as? String, "\(add.stdout)")
        let result = try runCLI(["screening", "result", "--pregnancy", id, "--service", "serum", "--date", "2024-01-20",
                                 "--value", "t21_risk=1/150", "--value", "afp_mom=1.1", "--format", "json", "--db", clinic.database.path])
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(recorded["recall_case_id"] as? String, "\(result.stdout)")
    }

    @Test func casesAreTheCLIsListAndStepsAreRecordedInTheArea() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let caseID = try Self.openCase(clinic)
        let fang = try await clinic.token("fang")
        let list = try await clinic.json("GET", "/api/v1/recall/cases?as_of=\(today)", token: fang)
        #expect(list.status == 200)
        let cli = try runCLI(["recall", "list", "--as-of", today, "--format", "json", "--db", clinic.database.path])
        #expect(list.bodyText == cli.stdout)
        #expect(list.bodyText.contains(caseID) && !list.bodyText.contains("13812345678"))
        let step = try await clinic.json("POST", "/api/v1/recall/cases/\(caseID)/steps", token: fang,
                                         body: #"{"step":"contact","outcome":"reached","channel":"phone"}"#)
        #expect(step.status == 201 && step.bodyText.contains("\"stage\""))
        // An illegal step is refused with its code; a vaccinator may not step; an unknown case is 404.
        let illegal = try await clinic.json("POST", "/api/v1/recall/cases/\(caseID)/steps", token: fang, body: #"{"step":"managed"}"#)
        #expect(illegal.status == 422)
        let liu = try await clinic.token("liu")
        #expect(try await clinic.json("POST", "/api/v1/recall/cases/\(caseID)/steps", token: liu, body: #"{"step":"contact"}"#).status == 403)
        #expect(try await clinic.json("POST", "/api/v1/recall/cases/nope/steps", token: fang, body: #"{"step":"contact"}"#).status == 404)
        // 南昌市's officer sees 东湖区's case; 赣州市's does not.
        #expect(try await clinic.json("GET", "/api/v1/recall/cases", token: try await clinic.token("zhou")).bodyText.contains(caseID))
        let ganzhou = try await clinic.json("GET", "/api/v1/recall/cases", token: try await clinic.token("ganzhou"))
        #expect(ganzhou.status == 200 && !ganzhou.bodyText.contains(caseID))
    }

    /// A positive serum result entered over the API opens a case; another county's screening staff get 404.
    @Test func screeningResultOverTheAPI() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let add = try runCLI(["screening", "pregnancy", "add", "--id", residentID("1994-02-02", sequence: 24), "--name", "李娜", "--phone",
                              "13912345678", "--county", "360102", "--lmp", "2023-10-01", "--format", "json", "--db", clinic.database.path])
        let pregnancy = try #require(try JSONSerialization.jsonObject(with: Data(add.stdout.utf8)) as? [String: Any])
        let id = try #require((pregnancy["pregnancy_id"] ?? pregnancy["id"]) as? String)
        let body = #"{"pregnancy":"\#(id)","service":"serum","date":"2024-01-20","values":{"t21_risk":"1/150","afp_mom":"1.1"}}"#
        #expect(try await clinic.json("POST", "/api/v1/screening/results", token: try await clinic.token("wugz"), body: body).status == 404)
        let r = try await clinic.json("POST", "/api/v1/screening/results", token: try await clinic.token("wu"), body: body)
        #expect(r.status == 201)
        let result = try #require(try r.json() as? [String: Any])
        #expect(result["positive"] as? Bool == true && result["recall_case_id"] is String)
        let implausible = body.replacingOccurrences(of: "1.1", with: "999")
        #expect(try await clinic.json("POST", "/api/v1/screening/results", token: try await clinic.token("wu"), body: implausible).status == 422)
    }

    @Test func recallBoardListsTheCaseWithAStepForm() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let caseID = try Self.openCase(clinic)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/recall")
        let board = try await clinic.call("GET", "/recall", headers: ["Cookie: \(cookie)"])
        #expect(board.status == 200 && board.bodyText.contains(caseID) && board.bodyText.contains("王芳"))
        let r = try await clinic.call("POST", "/recall/steps", headers: ["Cookie: \(cookie)"],
                                      body: "csrf=\(csrf)&case=\(caseID)&step=contact&outcome=reached&channel=phone")
        #expect(r.status == 303)
    }
}
