import Foundation
import GRDB
import ScreenVaxCore
import Testing
@testable import Assist

@Suite("Hook calls: facts, audit, feedback, what the AI would receive")
struct EngineTests {
    func request(_ patient: String?, hook: String = "patient-view") -> HookRequest {
        HookRequest(hook: hook, hookInstance: UUID().uuidString.lowercased(), patientId: patient)
    }

    @Test("A patient is found by resident ID (any case) or by registry id")
    func lookup() throws {
        let r = try Registry()
        let byID = try r.facts(Registry.mother.lowercased())
        let byUUID = try r.facts(byID.person.uuid.raw)
        #expect(byUUID.person.id == byID.person.id)
        #expect(byID.recallCases.count == 1)
        #expect(byID.maskedIdentity == Masking.residentID(Registry.mother))
        #expect(try r.database.read { db in try PatientFactsQuery.find(db, patientID: residentID("1980-01-01"), hpvProgramme: "hpv-2023") } == nil)
    }

    @Test("Every call is audited with the masked patient, card ids, latency and whether the AI was asked")
    func audit() async throws {
        let r = try Registry()
        let engine = r.engine()
        let req = request(Registry.mother)
        let answer = try await engine.answer(service: .recallAlert, request: req, language: .zh, asOf: day("2023-03-24"), origin: .http)
        #expect(answer.cards.count == 1)
        let unknown = try await engine.answer(service: .hpvReminder, request: request(residentID("1980-01-01")), language: .zh,
                                              asOf: day("2023-03-24"), origin: .cli)
        #expect(unknown.cards.isEmpty && !unknown.audit.patientFound)
        let entries = try r.database.read { db in try HookAudit.entries(db) }
        #expect(entries.count == 2)
        let first = try #require(entries.last)
        #expect(first.hookInstance == req.hookInstance)
        #expect(first.service == "recall-alert" && first.origin == "http")
        #expect(first.patientMasked == Masking.residentID(Registry.mother))
        #expect(first.cardIDs == answer.cards.compactMap(\.uuid) && first.cardIDs.count == 1)
        #expect(first.indicators == ["critical"])
        #expect(first.latencyMs > 0)
        #expect(!first.aiCalled && first.aiOutcome == "not_configured")
        #expect(entries[0].patientMasked == Masking.residentID(residentID("1980-01-01")))
        // No full ID, name or phone anywhere in the audit table.
        let dump = try r.database.read { db in try String.fetchAll(db, sql: "SELECT patient_masked || card_ids || hook_instance FROM assist_hook_calls") }
        for text in dump {
            #expect(!text.contains(Registry.mother) && !text.contains(Registry.motherName) && !text.contains(Registry.motherPhone))
        }
    }

    @Test("The audit and the feedback are append-only")
    func appendOnly() async throws {
        let r = try Registry()
        _ = try await r.engine().answer(service: .hpvReminder, request: request(Registry.girl), language: .zh, asOf: day("2024-06-01"), origin: .cli)
        for sql in ["UPDATE assist_hook_calls SET service = 'x'", "DELETE FROM assist_hook_calls",
                    "UPDATE assist_feedback SET outcome = 'accepted'", "DELETE FROM assist_feedback"] {
            if sql.contains("feedback") {
                try r.database.write { db in
                    try db.execute(sql: """
                        INSERT INTO assist_feedback (at, service, card_uuid, outcome, outcome_timestamp)
                        VALUES ('2024-06-01T09:00:00+08:00', 'hpv-reminder', 'c-\(UUID().uuidString)', 'overridden', '2024-06-01T01:00:00Z')
                        """)
                }
            }
            #expect(throws: (any Error).self) { try r.database.write { db in try db.execute(sql: sql) } }
        }
        #expect(try r.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assist_hook_calls") } == 1)
    }

    @Test("Feedback: accepted and overridden with a reason are stored; a resent entry is stored once")
    func feedback() async throws {
        let r = try Registry()
        let body = """
            {"feedback":[
              {"card":"c1","outcome":"accepted","acceptedSuggestions":[{"id":"s1"}],"outcomeTimestamp":"2024-06-01T01:00:00Z"},
              {"card":"c2","outcome":"overridden","overrideReason":{"reason":{"code":"declined","system":"x","display":"Declined"},
               "userComment":"family will decide"},"outcomeTimestamp":"2024-06-01T01:01:00Z"}]}
            """
        let request = try JSONDecoder().decode(FeedbackRequest.self, from: Data(body.utf8))
        #expect(try await r.engine().feedback(service: .hpvReminder, request: request) == 2)
        #expect(try await r.engine().feedback(service: .hpvReminder, request: request) == 0)
        let rows = try r.database.read { db in
            try Row.fetchAll(db, sql: "SELECT card_uuid, outcome, override_code, user_comment, accepted_suggestions FROM assist_feedback ORDER BY id")
                .map { row -> [String?] in [row["card_uuid"], row["outcome"], row["override_code"], row["user_comment"], row["accepted_suggestions"]] }
        }
        #expect(rows == [["c1", "accepted", nil, nil, "[\"s1\"]"], ["c2", "overridden", "declined", "family will decide", "[]"]])
    }

    @Test("Feedback with an unknown outcome or no card is refused with the entry named", arguments: [
        (#"{"feedback":[{"card":"c1","outcome":"maybe","outcomeTimestamp":"t"}]}"#, "feedback[0]"),
        (#"{"feedback":[{"card":"c1","outcome":"accepted","outcomeTimestamp":"t"},{"card":"","outcome":"accepted","outcomeTimestamp":"t"}]}"#, "feedback[1]"),
        (#"{"feedback":[]}"#, "feedback[0]"),
    ])
    func badFeedback(body: String, field: String) async throws {
        let r = try Registry()
        let request = try JSONDecoder().decode(FeedbackRequest.self, from: Data(body.utf8))
        do {
            _ = try await r.engine().feedback(service: .recallAlert, request: request)
            Issue.record("accepted \(body)")
        } catch let error as AssistError {
            #expect(error.code == "bad_feedback")
            #expect(error.location?.field == field)
        }
    }

    @Test("A call without a patient or for another hook is refused")
    func badCalls() async throws {
        let r = try Registry()
        await #expect(throws: AssistError.missingPatient) {
            _ = try await r.engine().answer(service: .hpvReminder, request: request(nil), language: .zh, origin: .http)
        }
        await #expect(throws: AssistError.unsupportedHook("order-sign", service: "hpv-reminder")) {
            _ = try await r.engine().answer(service: .hpvReminder, request: request(Registry.girl, hook: "order-sign"), language: .zh, origin: .http)
        }
    }

    @Test("What the AI would receive holds age, sex and coded status only: no name, ID, phone or birth date")
    func aiRequestIsDeidentified() throws {
        let r = try Registry()
        for (id, name, phone, born) in [(Registry.mother, Registry.motherName, Registry.motherPhone, "1990-01-01"),
                                         (Registry.girl, Registry.girlName, Registry.guardianPhone, "2011-05-10")] {
            let request = AIRequest(facts: try r.facts(id), hpvProgramme: hpvProgramme, screeningProgramme: screeningProgramme,
                                    asOf: day("2023-03-24"), language: .zh, hook: "patient-view")
            let json = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
            for secret in [id, String(id.suffix(4)), name, phone, String(phone.suffix(4)), born, born.replacingOccurrences(of: "-", with: "")] {
                #expect(!json.contains(secret), "AI request holds \(secret)")
            }
            #expect(json.contains("\"sex\":\"F\""))
        }
        let mother = AIRequest(facts: try r.facts(Registry.mother), hpvProgramme: hpvProgramme, screeningProgramme: screeningProgramme,
                               asOf: day("2023-03-24"), language: .zh, hook: "patient-view")
        #expect(mother.patient.ageYears == 33)
        #expect(mother.recall == [AIRequest.Recall(service: "nt", stage: "opened", overdue: true)])
        #expect(mother.findings == [AIRequest.Finding(service: "nt", outcome: "positive")])
    }

    @Test("AI answers become info or warning cards labelled AI-generated, at most three, without suggestions")
    func aiCards() throws {
        let body = """
            {"model":"county-llm-1.2","advice":[
              {"summary":"Consider counselling","indicator":"critical","detail":"d","basis":"recall overdue"},
              {"summary":"Second","indicator":"info"},{"summary":"  ","indicator":"info"},
              {"summary":"Third","indicator":"weird"},{"summary":"Fourth"}]}
            """
        let answer = try #require(AIAnswer.parse(Array(body.utf8)))
        let cards = answer.cards(language: .en)
        #expect(cards.map(\.indicator) == [.warning, .info, .info])
        #expect(cards.allSatisfy { $0.source.label == "AI-generated advice (county-llm-1.2)" && $0.suggestions == nil })
        #expect(cards[0].detail?.contains("Basis: recall overdue") == true)
        #expect(cards[0].detail?.contains("AI-generated advice") == true)
        for garbage in ["", "not json", "{\"advice\":[]}", "{\"model\":\"\",\"advice\":[]}", "{\"model\":\"m\",\"advice\":\"x\"}", "[1,2]"] {
            #expect(AIAnswer.parse(Array(garbage.utf8)) == nil, "parsed \(garbage)")
        }
    }
}
