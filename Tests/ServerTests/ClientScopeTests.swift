import Accounts
import Assist
import Curl
import Foundation
import Server
import Testing

/// API clients over the real server: each scope opens only its own routes, and a CDS client
/// sees only its area's patients.
@Suite("API clients: scopes and areas", .serialized)
struct ClientScopeTests {
    static let voice = "voice-token-5e1f0a9b8c7d6e5f40312f1e"
    static let disabled = "disabled-token-0a1b2c3d4e5f60718293a"
    static let xihu = "xihu-his-token-7d6c5b4a39281706f5e4d3c2"

    static let cds = "/cds-services/recall-alert"
    static let voiceRoute = "/api/v1/calls/next?limit=5"

    func withServer(_ body: (TestServer, ServerRegistry) async throws -> Void) async throws {
        let registry = try ServerRegistry()
        try registry.addClient("voice-platform", scope: .voice, area: .province, token: Self.voice)
        try registry.addClient("his-old", scope: .cds, area: .province, token: Self.disabled)
        try registry.database.write { db in try APIClients.disable(db, name: "his-old", audit: ServerRegistry.admin) }
        try registry.addClient("his-xihu", scope: .cds, area: .county("360103"), token: Self.xihu)
        let server = try await TestServer.start(registry: registry)
        do { try await body(server, registry) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func code(_ r: Curl.HTTPResponse) -> String? { (try? HTTP.json(r)["error"] as? [String: Any])?["code"] as? String }

    /// token × route → status (and error code): a token of the other scope is 403, an unknown or
    /// disabled one 401.
    @Test func scopeMatrix() async throws {
        try await withServer { server, _ in
            let cases: [(token: String, path: String, status: Int, code: String?)] = [
                (TestServer.token, Self.cds, 200, nil),
                (TestServer.token, Self.voiceRoute, 403, "wrong_scope"),
                (Self.voice, Self.voiceRoute, 200, nil),
                (Self.voice, Self.cds, 403, "wrong_scope"),
                (Self.voice, "/cds-services", 403, "wrong_scope"),
                ("unknown-token-000000000000000000000000", Self.cds, 401, "unauthorized"),
                ("unknown-token-000000000000000000000000", Self.voiceRoute, 401, "unauthorized"),
                (Self.disabled, Self.cds, 401, "unauthorized"),
                (Self.disabled, Self.voiceRoute, 401, "unauthorized"),
            ]
            for c in cases {
                let r = c.path == Self.cds
                    ? try await HTTP.post(server.base + c.path, json: CDSHooksServerTests.hook, token: c.token)
                    : try await HTTP.get(server.base + c.path, token: c.token)
                #expect(r.status == c.status, "\(c.path) with \(c.token.prefix(8))")
                #expect(code(r) == c.code, "\(c.path) with \(c.token.prefix(8))")
                #expect(!r.bodyText.contains(c.token))
            }
        }
    }

    /// A county's CDS client asking about another county's patient gets exactly what an unknown
    /// patient gets (no cards, no hint); the audit names the client and marks the refusal.
    @Test func aPatientOutsideTheClientsAreaGetsNoCards() async throws {
        try await withServer { server, registry in
            let outside = try await HTTP.post(server.base + Self.cds, json: CDSHooksServerTests.hook, token: Self.xihu)
            let stranger = CDSHooksServerTests.hook.replacingOccurrences(of: ServerRegistry.mother, with: residentID("1980-02-02"))
            let unknown = try await HTTP.post(server.base + Self.cds, json: stranger, token: Self.xihu)
            #expect(outside.status == 200 && outside.bodyText == #"{"cards":[]}"#)
            #expect(unknown.status == outside.status && unknown.bodyText == outside.bodyText)
            #expect(unknown.header("Content-Type") == outside.header("Content-Type"))
            let province = try await HTTP.post(server.base + Self.cds, json: CDSHooksServerTests.hook)
            #expect((try HTTP.json(province)["cards"] as? [Any])?.isEmpty == false)
            let audit = try registry.database.read { db in try HookAudit.entries(db) }
            #expect(audit.map(\.client) == ["his-province", "his-xihu", "his-xihu"])
            #expect(audit.map(\.outsideArea) == [false, false, true])
            #expect(audit[2].cardIDs.isEmpty && !audit[2].patientFound)
        }
    }
}
