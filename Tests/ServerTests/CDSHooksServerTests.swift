import Assist
import Foundation
import GRDB
import Hummingbird
import Server
import Testing

/// One registry and server per test; the suite runs serially so the 2-core machine is not flooded.
@Suite("Registry server: health, client tokens, CDS Hooks endpoints", .serialized)
struct CDSHooksServerTests {
    func withServer(ai: AIConfiguration? = nil, extra: [RouteRegistration] = [],
                    _ body: (TestServer, ServerRegistry) async throws -> Void) async throws {
        let registry = try ServerRegistry()
        let server = try await TestServer.start(registry: registry, ai: ai, extra: extra)
        do { try await body(server, registry) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static let hook = #"{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{"userId":"Practitioner/1","patientId":"\#(ServerRegistry.mother)"}}"#

    @Test("GET /healthz answers without a token")
    func health() async throws {
        try await withServer { server, _ in
            let r = try await HTTP.get(server.base + "/healthz", token: nil)
            #expect(r.status == 200)
            #expect(try HTTP.json(r)["status"] as? String == "ok")
        }
    }

    @Test("Missing, wrong or malformed bearer credentials get 401 with a JSON error on every CDS endpoint")
    func unauthorized() async throws {
        try await withServer { server, _ in
            let wrong: [[String]] = [
                [], ["Authorization: Bearer wrong-token"], ["Authorization: Basic \(TestServer.token)"],
                ["Authorization: Bearer \(TestServer.token)x"], ["Authorization: Bearer \(TestServer.token.dropLast())"],
                ["Authorization: Bearer"], ["Authorization: \(TestServer.token)"],
            ]
            for headers in wrong {
                let responses = [
                    try await HTTP.get(server.base + "/cds-services", token: nil, headers: headers),
                    try await HTTP.post(server.base + "/cds-services/recall-alert", json: Self.hook, token: nil, headers: headers),
                    try await HTTP.post(server.base + "/cds-services/recall-alert/feedback", json: "{}", token: nil, headers: headers),
                ]
                for r in responses {
                    #expect(r.status == 401, "\(headers)")
                    #expect((try HTTP.json(r)["error"] as? [String: Any])?["code"] as? String == "unauthorized")
                    #expect(r.header("WWW-Authenticate") == "Bearer")
                    #expect(!r.bodyText.contains(TestServer.token))
                }
            }
            // The scheme is case-insensitive, as RFC 7235 says.
            let lower = try await HTTP.get(server.base + "/cds-services", token: nil, headers: ["Authorization: bearer \(TestServer.token)"])
            #expect(lower.status == 200)
        }
    }

    @Test("Discovery lists the four services and matches the schema")
    func discovery() async throws {
        try await withServer { server, _ in
            let r = try await HTTP.get(server.base + "/cds-services")
            #expect(r.status == 200)
            try SchemaCheck.expectValid(r.body, schema: "discovery")
            let services = try HTTP.json(r)["services"] as! [[String: Any]]
            #expect(services.map { $0["id"] as! String } == ["hpv-reminder", "screening-reminder", "recall-alert", "ai-assist"])
            #expect(services.allSatisfy { $0["hook"] as? String == "patient-view" })
        }
    }

    @Test("A hook call answers the patient's cards per the schema, in zh-CN or in English")
    func cards() async throws {
        try await withServer { server, registry in
            let zh = try await HTTP.post(server.base + "/cds-services/recall-alert", json: Self.hook)
            #expect(zh.status == 200)
            try SchemaCheck.expectValid(zh.body, schema: "cards")
            let card = try #require((try HTTP.json(zh)["cards"] as? [[String: Any]])?.first)
            #expect(card["indicator"] as? String == "critical")
            #expect((card["summary"] as? String)?.contains("召回已超期") == true)
            let en = try await HTTP.post(server.base + "/cds-services/recall-alert", json: Self.hook, headers: ["Accept-Language: en"])
            let enCard = try #require((try HTTP.json(en)["cards"] as? [[String: Any]])?.first)
            #expect((enCard["summary"] as? String)?.hasPrefix("Recall overdue") == true)
            // Every rule service answers per the schema; an unknown patient gets no guidance.
            for service in ["hpv-reminder", "screening-reminder", "ai-assist"] {
                let r = try await HTTP.post(server.base + "/cds-services/\(service)", json: Self.hook)
                #expect(r.status == 200)
                try SchemaCheck.expectValid(r.body, schema: "cards")
            }
            let stranger = Self.hook.replacingOccurrences(of: ServerRegistry.mother, with: residentID("1980-02-02"))
            let none = try await HTTP.post(server.base + "/cds-services/recall-alert", json: stranger)
            #expect(none.status == 200 && none.bodyText == #"{"cards":[]}"#)
            let audit = try registry.database.read { db in try HookAudit.entries(db) }
            #expect(audit.count == 6)
            #expect(audit.allSatisfy { $0.origin == "http" && !$0.patientMasked.contains(ServerRegistry.mother) })
        }
    }

    @Test("Unknown service 404, a body that is not a hook request 400, with stable codes", arguments: [
        ("/cds-services/no-such", hook, 404, "unknown_service"),
        ("/cds-services/recall-alert", "not json", 400, "bad_request"),
        ("/cds-services/recall-alert", #"{"hook":"patient-view","context":{}}"#, 400, "bad_request"),
        ("/cds-services/recall-alert", #"{"hook":"patient-view","hookInstance":"x","context":{}}"#, 400, "missing_patient"),
        ("/cds-services/recall-alert", #"{"hook":"order-sign","hookInstance":"x","context":{"patientId":"1"}}"#, 400, "unsupported_hook"),
        ("/cds-services/recall-alert/feedback", #"{"feedback":[{"card":"c","outcome":"meh","outcomeTimestamp":"t"}]}"#, 400, "bad_feedback"),
    ])
    func badRequests(path: String, body: String, status: Int, code: String) async throws {
        try await withServer { server, _ in
            let r = try await HTTP.post(server.base + path, json: body)
            #expect(r.status == status)
            #expect((try HTTP.json(r)["error"] as? [String: Any])?["code"] as? String == code)
        }
    }

    @Test("Feedback is recorded once, however often it is sent")
    func feedback() async throws {
        try await withServer { server, registry in
            let body = #"{"feedback":[{"card":"5a2e4e4c-1111-4c4c-9b9b-000000000001","outcome":"overridden","overrideReason":{"reason":{"code":"declined","display":"Declined"}},"outcomeTimestamp":"2023-03-24T02:05:00Z"}]}"#
            let first = try await HTTP.post(server.base + "/cds-services/recall-alert/feedback", json: body)
            let again = try await HTTP.post(server.base + "/cds-services/recall-alert/feedback", json: body)
            #expect(first.status == 200)
            #expect(try HTTP.json(first)["recorded"] as? Int == 1)
            #expect(again.status == 200)
            #expect(try HTTP.json(again)["recorded"] as? Int == 0)
            #expect(try registry.database.read { db in try FeedbackRecords.count(db, cardUUID: "5a2e4e4c-1111-4c4c-9b9b-000000000001") } == 1)
        }
    }

    @Test("Other route groups plug in: an open route and one behind the clients' bearer check")
    func extensionPoint() async throws {
        let group = RouteRegistration(name: "probe") { router, environment in
            router.get("probe/open") { _, _ in JSONAnswer.ok("{\"open\":true}") }
            let api = router.group("api/v1/probe").add(middleware: environment.bearer(.cds))
            api.get("who") { _, context in
                JSONAnswer.ok("{\"principal\":\"\(context.principal?.kind.rawValue ?? "none")\",\"id\":\"\(context.principal?.id ?? "")\"}")
            }
        }
        try await withServer(extra: [group]) { server, _ in
            #expect(try await HTTP.get(server.base + "/probe/open", token: nil).status == 200)
            #expect(try await HTTP.get(server.base + "/api/v1/probe/who", token: nil).status == 401)
            let who = try await HTTP.get(server.base + "/api/v1/probe/who")
            #expect(try HTTP.json(who)["principal"] as? String == "client")
            #expect(try HTTP.json(who)["id"] as? String == "his-province")
        }
    }
}
