import Foundation
import GRDB
import HPV
import ScreenVaxCore
import Screening
import Store
import Testing
@testable import FollowUp

/// A county on 2023-10-10: one family phone with a screen-positive recall (the mother) and two
/// girls (one whose dose-1 window is closing, one due), and another family with one girl due.
struct County {
    static let family = "13812345678"
    static let other = "13912340000"
    let registry: Registry
    let recallCase: String

    init(policy: CallPolicy? = nil) throws {
        registry = try Registry(policy: policy)
        try registry.roster([
            (name: "王小红", born: "2011-05-10", seq: 2, guardian: "王伟", phone: County.family),
            (name: "王小兰", born: "2009-11-01", seq: 4, guardian: "王伟", phone: County.family),
            (name: "李梅", born: "2011-06-01", seq: 6, guardian: "李强", phone: County.other),
        ])
        recallCase = try registry.positiveRecall(id: residentID("1985-03-01", sequence: 8), phone: County.family, lmp: "2023-06-01",
                                                 resultDay: "2023-09-25", today: "2023-10-10")
    }

    func plan(_ at: String, today: String = "2023-10-10") throws -> [PlanLine] {
        let context = registry.context(today)
        return try registry.database.write { db in try CallQueue.plan(db, context: context, at: t(at)) }
    }

    func record(_ call: String, _ o: CallOutcome, at: String, today: String = "2023-10-10", key: String? = nil) throws -> AttemptResult {
        let context = registry.context(today)
        return try registry.database.write { db in
            try CallQueue.record(db, context: context, callID: call, outcome: o, at: t(at), source: "staff", resultKey: key)
        }
    }

    func next(_ at: String, today: String = "2023-10-10", limit: Int = 50) throws -> [ExportCall] {
        let context = registry.context(today)
        return try registry.database.write { db in try CallQueue.nextBatch(db, context: context, now: t(at), limit: limit) }
    }

    func call(phone: String, in lines: [PlanLine]) throws -> PlanLine { try #require(lines.first { $0.phone == phone }) }
}

@Suite("The call queue on a real SQLite file")
struct QueueTests {
    @Test("The family phone gets one call with the recall and both girls; planning again duplicates nothing")
    func planAndReplan() throws {
        let county = try County()
        let first = try county.plan("2023-10-10T08:00")
        let family = try county.call(phone: County.family, in: first)
        #expect(family.priority == .recall)
        #expect(family.reasons.first == "recall")
        #expect(family.reasons.contains("hpv_window_closing"))
        #expect(family.reasons.filter { $0.hasPrefix("hpv_") }.count == 2)
        #expect(family.notBefore.iso == "2023-10-10T09:00:00+08:00")
        let other = try county.call(phone: County.other, in: first)
        #expect(other.reasons.count == 1)
        #expect(first.firstIndex(of: family)! < first.firstIndex(of: other)!)

        let again = try county.plan("2023-10-10T08:30")
        #expect(Set(again.map(\.callID)) == Set(first.map(\.callID)))
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_calls") == first.count)
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_call_reasons") == first.map(\.reasons.count).reduce(0, +))
        // A screen-positive recall is never left to a robot alone: one staff task, however often the day is planned.
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_tasks WHERE kind = 'staff_call'") == 1)
    }

    @Test("A no-answer is a contact attempt on the recall case, in the same transaction; the number waits for tomorrow's other window")
    func recallAttemptFlowsBack() throws {
        let county = try County()
        let family = try county.call(phone: County.family, in: try county.plan("2023-10-10T08:00"))
        let outboxBefore = try county.registry.count("SELECT COUNT(*) FROM outbox")
        let r = try county.record(family.callID, .noAnswer, at: "2023-10-10T09:05")
        #expect(r.status == .waiting)
        #expect(try county.registry.count("SELECT attempts FROM screening_recall_cases WHERE uuid = ?", [county.recallCase]) == 1)
        #expect(try county.registry.string("SELECT last_contact FROM screening_recall_cases WHERE uuid = ?", [county.recallCase]) == "unreachable")
        #expect(try county.registry.count("SELECT COUNT(*) FROM outbox") > outboxBefore)
        // Planning again today leaves the number alone; tomorrow it is called in the afternoon.
        #expect(try county.plan("2023-10-10T10:00").allSatisfy { $0.phone != County.family })
        let tomorrow = try county.call(phone: County.family, in: try county.plan("2023-10-11T07:00", today: "2023-10-11"))
        #expect(tomorrow.callID != family.callID)
        #expect(tomorrow.notBefore.iso == "2023-10-11T14:30:00+08:00")
    }

    @Test("Reached on the recall moves the case to contacted")
    func recallReached() throws {
        let county = try County()
        let family = try county.call(phone: County.family, in: try county.plan("2023-10-10T08:00"))
        _ = try county.record(family.callID, .reached, at: "2023-10-10T09:05")
        #expect(try county.registry.string("SELECT stage FROM screening_recall_cases WHERE uuid = ?", [county.recallCase]) == "contacted")
        // Already reached today: a later plan of the day skips the number even for new reasons.
        #expect(try county.plan("2023-10-10T15:00").allSatisfy { $0.phone != County.family })
    }

    @Test("Reached-declined on an HPV call records the family's refusal; the girl leaves the work list")
    func refusalFlowsBack() throws {
        let county = try County()
        let other = try county.call(phone: County.other, in: try county.plan("2023-10-10T08:00"))
        _ = try county.record(other.callID, .reachedDeclined, at: "2023-10-10T09:30")
        let consent = try county.registry.string("""
            SELECT e.consent FROM hpv_enrollments e JOIN persons p ON p.id = e.person_id WHERE p.resident_id = ?
            """, [residentID("2011-06-01", sequence: 6)])
        #expect(consent == "declined")
        #expect(try county.registry.count("SELECT COUNT(*) FROM outbox WHERE record_type = 'consent'") == 1)
        #expect(try county.plan("2023-10-12T08:00", today: "2023-10-12").allSatisfy { $0.phone != County.other })
    }

    @Test("An invalid number is flagged, its calls stop, every reason goes to a home visit, and it is never handed out again")
    func invalidNumber() throws {
        let county = try County()
        let family = try county.call(phone: County.family, in: try county.plan("2023-10-10T08:00"))
        let r = try county.record(family.callID, .invalidNumber, at: "2023-10-10T09:05")
        #expect(r.status == .escalated)
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_phone_flags WHERE phone = ?", [County.family]) == 1)
        #expect(try county.registry.count("SELECT COUNT(*) FROM followup_tasks WHERE kind = 'home_visit'") == family.reasons.count)
        #expect(try county.plan("2023-10-11T08:00", today: "2023-10-11").allSatisfy { $0.phone != County.family })
        #expect(try county.next("2023-10-11T09:00", today: "2023-10-11").allSatisfy { $0.phone != County.family })
        let visits = try county.registry.database.read { db in try CallViews.tasks(db, kind: "home_visit", includeDone: false) }
        #expect(visits.allSatisfy { $0.cause == "invalid_number" && $0.masked.phone == "138****5678" })
    }

    @Test("Three unanswered days exhaust a routine reason: it goes to the home-visit list")
    func exhausted() throws {
        let county = try County()
        for (i, d) in ["2023-10-10", "2023-10-11", "2023-10-12"].enumerated() {
            let calls = try county.plan("\(d)T07:00", today: d)
            let other = try county.call(phone: County.other, in: calls)
            let r = try county.record(other.callID, .noAnswer, at: "\(d)T\(i % 2 == 0 ? "09:10" : "15:10")", today: d)
            #expect(r.status == (i < 2 ? .waiting : .escalated))
        }
        #expect(try county.plan("2023-10-13T07:00", today: "2023-10-13").allSatisfy { $0.phone != County.other })
        let visits = try county.registry.database.read { db in try CallViews.tasks(db, kind: "home_visit", includeDone: false) }
        #expect(visits.count == 1)
        #expect(visits[0].attempts == 3)
        let report = try county.registry.database.read { db in try CallViews.report(db, from: day("2023-10-10"), to: day("2023-10-13")) }
        #expect(report.escalated == 1)
        #expect(report.dials == 3)
        #expect(report.reached == 0)
        #expect(report.reachedRate == 0)
    }

    @Test("Busy: one redial 20 minutes later the same day, then the daily cap of two dials holds")
    func busyRedial() throws {
        let county = try County()
        let other = try county.call(phone: County.other, in: try county.plan("2023-10-10T08:00"))
        #expect(try county.next("2023-10-10T09:00").contains { $0.callID == other.callID })
        #expect(try county.record(other.callID, .busy, at: "2023-10-10T09:01").status == .planned)
        #expect(try county.next("2023-10-10T09:20").allSatisfy { $0.callID != other.callID })
        #expect(try county.next("2023-10-10T09:21").contains { $0.callID == other.callID })
        #expect(try county.record(other.callID, .busy, at: "2023-10-10T09:22").status == .waiting)
        #expect(try county.next("2023-10-10T15:00").allSatisfy { $0.callID != other.callID })
    }

    @Test("The next batch: only inside a window, once per dispatch, again after the dispatch timeout")
    func batches() throws {
        let county = try County()
        let lines = try county.plan("2023-10-10T08:00")
        #expect(try county.next("2023-10-10T08:59").isEmpty)
        let first = try county.next("2023-10-10T09:00")
        #expect(first.map(\.callID) == lines.map(\.callID))
        #expect(first[0].priority == .recall)
        #expect(try county.next("2023-10-10T09:30").isEmpty)
        #expect(try county.next("2023-10-10T12:30").isEmpty)
        #expect(try county.next("2023-10-10T14:30").count == lines.count)
        #expect(try county.next("2023-10-10T14:31", limit: 1).isEmpty)
        #expect(throws: FollowUpError.badLimit(0)) { _ = try county.next("2023-10-10T15:00", limit: 0) }
    }

    @Test("No script or payload states a result, a service or a diagnosis")
    func noDiagnosis() throws {
        let county = try County()
        _ = try county.plan("2023-10-10T08:00")
        let batch = try county.next("2023-10-10T09:00")
        let family = try #require(batch.first { $0.phone == County.family })
        #expect(family.scriptTemplate == .screeningFollowup)
        let payload = batch.map { $0.json(county.registry.policy) + $0.script(county.registry.policy) }.joined()
        let forbidden = ["阳性", "异常", "确诊", "诊断", "结果", "风险", "positive", "diagnos", "result", "risk", "t21", "1/150"]
            + county.registry.screening.services.map(\.code).filter { $0.count > 2 }
        for word in forbidden { #expect(!payload.lowercased().contains(word.lowercased()), "payload names \(word)") }
        // No resident ID either: the mother's, the girls'.
        #expect(!payload.contains(residentID("1985-03-01", sequence: 8)))
        #expect(!payload.contains(residentID("2011-05-10", sequence: 2)))
        // The policy's own scripts, for every topic.
        for script in county.registry.policy.scripts.values {
            for word in forbidden { #expect(!script.lowercased().contains(word.lowercased())) }
        }
    }

    @Test("Errors: unknown call, future attempt, closed call; the attempt log is append-only")
    func errors() throws {
        let county = try County()
        let other = try county.call(phone: County.other, in: try county.plan("2023-10-10T08:00"))
        #expect(throws: FollowUpError.callNotFound("nope")) { _ = try county.record("nope", .reached, at: "2023-10-10T09:00") }
        #expect(throws: FollowUpError.futureAttempt("2023-10-11T09:00:00+08:00")) {
            _ = try county.record(other.callID, .reached, at: "2023-10-11T09:00")
        }
        _ = try county.record(other.callID, .reached, at: "2023-10-10T09:00")
        #expect(throws: FollowUpError.callClosed(call: other.callID, status: "done")) {
            _ = try county.record(other.callID, .noAnswer, at: "2023-10-10T09:10")
        }
        #expect(throws: (any Error).self) {
            try county.registry.database.write { db in try db.execute(sql: "UPDATE followup_attempts SET outcome = 'busy'") }
        }
        #expect(throws: (any Error).self) {
            try county.registry.database.write { db in try db.execute(sql: "DELETE FROM followup_attempts") }
        }
    }

    @Test("Importing the same results file twice changes nothing; bad rows are reported with row and column", arguments: ["csv", "json"])
    func importTwice(format: String) throws {
        let county = try County()
        let lines = try county.plan("2023-10-10T08:00")
        _ = try county.next("2023-10-10T09:00")
        let family = try county.call(phone: County.family, in: lines), other = try county.call(phone: County.other, in: lines)
        let file = county.registry.path("results.\(format)")
        let rows: [[String: String]] = [
            ["call_id": family.callID, "outcome": "no_answer", "at": "2023-10-10T09:02:11+08:00", "result_id": "v-1"],
            ["call_id": other.callID, "outcome": "reached", "at": "2023-10-10T09:03:00+08:00"],
            ["call_id": "nope", "outcome": "reached", "at": "2023-10-10T09:04:00+08:00"],
            ["call_id": other.callID, "outcome": "hung_up", "at": "2023-10-10T09:05:00+08:00"],
            ["call_id": other.callID, "outcome": "busy", "at": "yesterday"],
        ]
        if format == "csv" {
            let cols = ["call_id", "outcome", "at", "result_id"]
            try ((cols.joined(separator: ",") + "\n") + rows.map { r in cols.map { r[$0] ?? "" }.joined(separator: ",") }.joined(separator: "\n") + "\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
        } else {
            try JSONSerialization.data(withJSONObject: rows).write(to: URL(fileURLWithPath: file))
        }
        let context = county.registry.context("2023-10-10")
        let first = try county.registry.database.write { db in try ResultsImport.run(db, context: context, path: file) }
        #expect(first.rows == 5)
        #expect(first.recorded == 2)
        #expect(first.rejected == 3)
        let offset = format == "csv" ? 1 : 0
        #expect(first.errors.map(\.row) == [3 + offset, 4 + offset, 5 + offset])
        #expect(first.errors.map(\.column) == ["call_id", "outcome", "at"])
        #expect(first.errors.map(\.code) == ["call_not_found", "bad_outcome", "bad_time"])
        func snapshot() throws -> [Int] {
            try ["followup_attempts", "followup_tasks", "outbox", "screening_recall_steps"].map { table in
                try county.registry.count("SELECT COUNT(*) FROM \(table)")
            } + [try county.registry.count("SELECT attempts FROM screening_recall_cases")]
        }
        let before = try snapshot()
        let second = try county.registry.database.write { db in try ResultsImport.run(db, context: context, path: file) }
        #expect(second.recorded == 0)
        #expect(second.unchanged == 2)
        #expect(second.rejected == 3)
        #expect(try snapshot() == before)
    }
}
