import Accounts
import Foundation
import GRDB
import Store
import Testing

/// The voice platform's own routes (`CallsRoutes`, a `voice` API client's token): it pulls the day's
/// calls with the real numbers to dial and posts each result once; what it sees stays in its area.
@Suite(.serialized)
struct VoicePlatformTests {
    static let auth = "Authorization: Bearer \(TestClinic.voiceToken)"

    @Test("next hands out the batch with the real phone; result records it once; no token is 401")
    func pullAndPost() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try CallsTests.plan(clinic)
        #expect(try await clinic.call("GET", "/api/v1/calls/next?limit=5").status == 401)
        #expect(try await clinic.call("GET", "/api/v1/calls/next?limit=5", headers: ["Authorization: Bearer wrong"]).status == 401)
        #expect(try await clinic.call("POST", "/api/v1/calls/x/result", body: "{}").status == 401)

        let first = try await clinic.call("GET", "/api/v1/calls/next?limit=1", headers: [Self.auth])
        #expect(first.status == 200)
        let calls = try #require((try first.json() as? [String: Any])?["calls"] as? [[String: Any]])
        #expect(calls.count == 1)
        let id = try #require(calls[0]["call_id"] as? String)
        // The number to dial, in full: the platform dials it.
        #expect(["13812345678", "13912345678"].contains(calls[0]["phone"] as? String ?? ""))
        #expect(try await clinic.call("GET", "/api/v1/calls/next?limit=0", headers: [Self.auth]).status == 400)

        let body = #"{"outcome":"no_answer","at":"2024-04-15T09:01:00+08:00","result_id":"vendor-77"}"#
        let posted = try await clinic.call("POST", "/api/v1/calls/\(id)/result", headers: [Self.auth, "Content-Type: application/json"], body: body)
        let answer = try #require(try posted.json() as? [String: Any])
        #expect(posted.status == 200 && answer["status"] as? String == "waiting" && answer["duplicate"] as? Bool == false)
        let again = try await clinic.call("POST", "/api/v1/calls/\(id)/result", headers: [Self.auth], body: body)
        let duplicate = (try again.json() as? [String: Any])?["duplicate"] as? Bool
        #expect(again.status == 200 && duplicate == true)
        let attempts = try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM followup_attempts") }
        #expect(attempts == 1)

        let unknown = try await clinic.call("POST", "/api/v1/calls/nope/result", headers: [Self.auth], body: #"{"outcome":"reached"}"#)
        let code = ((try unknown.json() as? [String: Any])?["error"] as? [String: Any])?["code"] as? String
        #expect(unknown.status == 404 && code == "call_not_found")
        #expect(try await clinic.call("POST", "/api/v1/calls/\(id)/result", headers: [Self.auth], body: #"{"outcome":"hung_up"}"#).status == 400)
        #expect(try await clinic.call("POST", "/api/v1/calls/\(id)/result", headers: [Self.auth], body: "not json").status == 400)
    }

    /// 西湖区's client gets an empty batch and 404 on 东湖区's call (it does not exist for it); 南昌市's
    /// (the city) gets 东湖区's calls and not 章贡区's.
    @Test("A voice client's batch and results stay inside its area")
    func areas() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        try CallsTests.plan(clinic)
        let ids = try CallsTests.callIDs(clinic)
        let xihu = "voice-xihu-token-0123456789abcdef0123", city = "voice-city-token-0123456789abcdef01234"
        let audit = AuditLog(operatorName: "setup", timestamp: "2024-04-15T09:00:00+08:00")
        try clinic.database.write { db in
            _ = try APIClients.add(db, name: "voice-xihu", scope: .voice, area: .county("360103"), token: xihu, audit: audit)
            _ = try APIClients.add(db, name: "voice-nanchang", scope: .voice, area: .city("360100"), token: city, audit: audit)
        }
        let wang = try #require(ids[CallsTests.wangPhone])
        let none = try await clinic.call("GET", "/api/v1/calls/next?limit=50", headers: ["Authorization: Bearer \(xihu)"])
        let noCalls = (try none.json() as? [String: Any])?["calls"] as? [Any]
        #expect(none.status == 200 && noCalls?.isEmpty == true)
        let body = #"{"outcome":"no_answer"}"#
        #expect(try await clinic.call("POST", "/api/v1/calls/\(wang)/result", headers: ["Authorization: Bearer \(xihu)"], body: body).status == 404)
        #expect(try clinic.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM followup_attempts") } == 0)

        let mine = try await clinic.call("GET", "/api/v1/calls/next?limit=50", headers: ["Authorization: Bearer \(city)"])
        let handed = Set(try #require((try mine.json() as? [String: Any])?["calls"] as? [[String: Any]]).compactMap { $0["call_id"] as? String })
        #expect(handed.contains(wang) && !handed.contains(ids[CallsTests.liPhone] ?? "") && handed.isSubset(of: Set(ids.values)))
        #expect(try await clinic.call("POST", "/api/v1/calls/\(wang)/result", headers: ["Authorization: Bearer \(city)"], body: body).status == 200)
    }
}
