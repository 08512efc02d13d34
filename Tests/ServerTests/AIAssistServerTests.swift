import Assist
import Foundation
import Server
import Testing

@Suite("ai-assist against a stand-in AI: good, hanging, failing, nonsense; nothing personal leaves", .serialized)
struct AIAssistServerTests {
    static let hook = CDSHooksServerTests.hook
    /// The rule cards for the woman on 2023-03-24: her overdue recall, and the thalassaemia gene
    /// test whose window is open.
    static let ruleIndicators = ["critical", "info"]

    func call(stub: AIStub, timeoutMs: Int = 2000) async throws -> (cards: [[String: Any]], audit: HookAuditEntry, seconds: Double) {
        let registry = try ServerRegistry()
        let server = try await TestServer.start(registry: registry, ai: try stub.configuration(timeoutMs: timeoutMs))
        let started = Date()
        let response: Data
        do {
            let r = try await HTTP.post(server.base + "/cds-services/ai-assist", json: Self.hook, headers: ["Accept-Language: en"])
            #expect(r.status == 200)
            try SchemaCheck.expectValid(r.body, schema: "cards")
            response = Data(r.body)
        } catch {
            await server.stop()
            throw error
        }
        let seconds = Date().timeIntervalSince(started)
        await server.stop()
        let cards = (try JSONSerialization.jsonObject(with: response) as! [String: Any])["cards"] as! [[String: Any]]
        let audit = try #require(try registry.database.read { db in try HookAudit.entries(db) }.first)
        return (cards, audit, seconds)
    }

    @Test("A good answer adds an AI card after the rule cards, labelled AI-generated, without suggestions")
    func good() async throws {
        let stub = try await AIStub.start(.good)
        let (cards, audit, _) = try await call(stub: stub)
        await stub.stop()
        #expect(cards.count == Self.ruleIndicators.count + 1)
        #expect(cards.dropLast().map { $0["indicator"] as? String } == Self.ruleIndicators)
        let ai = try #require(cards.last)
        #expect((ai["source"] as? [String: Any])?["label"] as? String == "AI-generated advice (stub-llm-0.1)")
        #expect(ai["indicator"] as? String == "warning")
        #expect(ai["suggestions"] == nil)
        #expect((ai["detail"] as? String)?.contains("Basis: recall overdue") == true)
        #expect(audit.aiCalled && audit.aiOutcome == "ok" && audit.cardIDs.count == cards.count)
        // The AI's own token went out, never the registry's.
        #expect(stub.received.auth == ["Bearer ai-token-77aa"])
    }

    @Test("A hanging AI costs at most its timeout; the rule cards come back alone", arguments: [300])
    func hang(timeoutMs: Int) async throws {
        let stub = try await AIStub.start(.hang)
        let (cards, audit, seconds) = try await call(stub: stub, timeoutMs: timeoutMs)
        await stub.stop()
        #expect(cards.map { $0["indicator"] as? String } == Self.ruleIndicators)
        #expect(audit.aiCalled && audit.aiOutcome == "timeout")
        #expect(seconds < 3, "took \(seconds) s with a \(timeoutMs) ms timeout")
        #expect(audit.latencyMs >= Double(timeoutMs) * 0.9)
    }

    @Test("An AI that fails or talks nonsense never fails the hook", arguments: [
        (AIStub.Mode.error500, "error"), (.garbage, "malformed"), (.wrongShape, "malformed"),
    ])
    func failures(mode: AIStub.Mode, outcome: String) async throws {
        let stub = try await AIStub.start(mode)
        let (cards, audit, _) = try await call(stub: stub)
        await stub.stop()
        #expect(cards.map { $0["indicator"] as? String } == Self.ruleIndicators)
        #expect(audit.aiOutcome == outcome)
    }

    @Test("An AI that cannot be reached never fails the hook")
    func unreachable() async throws {
        // A port that was just free: nothing listens there.
        let stub = try await AIStub.start(.good)
        let config = try stub.configuration()
        await stub.stop()
        let registry = try ServerRegistry()
        let server = try await TestServer.start(registry: registry, ai: config)
        let r = try await HTTP.post(server.base + "/cds-services/ai-assist", json: Self.hook)
        await server.stop()
        #expect(r.status == 200)
        #expect(((try HTTP.json(r)["cards"]) as? [[String: Any]])?.map { $0["indicator"] as? String } == Self.ruleIndicators)
        #expect(try registry.database.read { db in try HookAudit.entries(db) }.first?.aiOutcome == "error")
    }

    @Test("Canary: the outbound AI request holds no name, resident ID, phone or birth date")
    func canary() async throws {
        let stub = try await AIStub.start(.good)
        _ = try await call(stub: stub)
        await stub.stop()
        let bodies = stub.received.all
        #expect(bodies.count == 1)
        let id = ServerRegistry.mother, phone = ServerRegistry.motherPhone
        for body in bodies {
            for canary in [id, String(id.prefix(6)) + String(id.dropFirst(6).prefix(8)), String(id.suffix(4)), ServerRegistry.motherName,
                           String(ServerRegistry.motherName.prefix(1)) + "*", phone, String(phone.suffix(4)), "1990-01-01", "19900101", "360102"] {
                #expect(!body.contains(canary), "the AI request holds \(canary)")
            }
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
            #expect(Set(json.keys) == ["hook", "language", "patient", "screening", "findings", "recall"])
            let patient = json["patient"] as! [String: Any]
            #expect(Set(patient.keys).isSubset(of: ["age_years", "age_days", "sex"]))
            #expect(patient["age_years"] as? Int == 33 && patient["sex"] as? String == "F")
        }
    }
}
