import Foundation
import GRDB
import ScreenVaxCore
import Store
import Testing
@testable import Screening

/// Specimens from collection to result: stages, their limits at and around each boundary, the
/// rejection that puts a recollection on the due list, and numbers unique per service.
struct SpecimenTests {
    static let policy = programme.specimens

    @Test("a stage is overdue only after its last allowed day", arguments: [
        (SpecimenStage.collected, 7, false), (.collected, 8, true), (.collected, 6, false),
        (.dispatched, 3, false), (.dispatched, 4, true),
        (.received, 5, false), (.received, 6, true), (.received, 0, false),
        (.rejected, 100, false), (.resulted, 100, false),
    ])
    func limits(_ stage: SpecimenStage, _ daysLater: Int, _ overdue: Bool) {
        let since = day("2023-05-01")
        #expect(SpecimenLimits.isOverdue(stage: stage, since: since, policy: Self.policy, asOf: since.addingDays(daysLater)) == overdue)
    }

    @Test func theLimitsAreProgrammeDataWithTheirSources() {
        #expect(Self.policy.limit(.collected) == 7 && Self.policy.limit(.dispatched) == 3 && Self.policy.limit(.received) == 5)
        for stage in ["collected", "dispatched", "received"] {
            #expect(Self.policy.limitsDays[stage]?.source.contains("to verify") == true)
        }
        #expect(Set(Self.policy.rejectionReasons.keys) == ["insufficient", "haemolysed", "late", "unlabelled"])
    }

    @Test func aCardGoesFromCollectionToResultAndLeavesTheOverdueList() throws {
        let world = try LabWorld()
        let r = world.r
        func overdue(_ asOf: String) throws -> [OverdueSpecimen] {
            SpecimenLimits.overdue(try r.database.read { db in try SpecimenRecords.waiting(db) }, policy: Self.policy, asOf: day(asOf))
        }
        // M1 was collected 2023-05-04 at NC-MCH-BH and never dispatched.
        #expect(try overdue("2023-05-11").isEmpty)
        let late = try overdue("2023-05-12")
        #expect(late.map(\.specimenNo) == ["M1"] && late.first?.stage == .collected && late.first?.limitDays == 7)
        #expect(late.first?.institution == "NC-MCH-BH" && late.first?.since == day("2023-05-04"))
        _ = try r.database.write { db in
            try SpecimenTracking.dispatch(db, context: r.context("2023-05-12"), number: "M1", at: time("2023-05-06T16:00"), lab: "JX-MCH")
        }
        #expect(try overdue("2023-05-09").isEmpty)
        #expect(try overdue("2023-05-10").first?.stage == .dispatched)
        _ = try r.database.write { db in
            try SpecimenTracking.receive(db, context: r.context("2023-05-12"), number: "M1", at: time("2023-05-08T09:00"), reject: nil)
        }
        #expect(try overdue("2023-05-13").isEmpty)
        #expect(try overdue("2023-05-14").first?.stage == .received)
        let (report, _) = try world.importRow(LabMatchTests.row(["标本编号": "M1"]))
        #expect(report.imported == 1)
        #expect(try overdue("2023-06-30").isEmpty)
    }

    @Test("each stage refuses what cannot be true", arguments: [
        "receive twice", "dispatch after receipt", "an unknown number", "a reason that is not one", "before collection", "a number taken",
        "a bedside service", "an unknown institution",
    ])
    func refusals(_ path: String) throws {
        let world = try LabWorld()
        let r = world.r
        let ctx = r.context("2023-05-12")
        let code: String = try r.database.write { db in
            func attempt(_ body: () throws -> Void) -> String {
                do { try body(); return "ok" } catch let e as ScreeningError { return e.code } catch { return "\(error)" }
            }
            let a1 = try ResultRecording.subject(db, pregnancyUUID: nil, newbornUUID: world.subjects["a1"].map(NewbornID.init))
            switch path {
            case "receive twice":
                _ = try SpecimenTracking.receive(db, context: ctx, number: "M1", at: time("2023-05-08"), reject: nil)
                return attempt { _ = try SpecimenTracking.receive(db, context: ctx, number: "M1", at: time("2023-05-09"), reject: nil) }
            case "dispatch after receipt":
                _ = try SpecimenTracking.receive(db, context: ctx, number: "M1", at: time("2023-05-08"), reject: nil)
                return attempt { _ = try SpecimenTracking.dispatch(db, context: ctx, number: "M1", at: time("2023-05-09"), lab: nil) }
            case "an unknown number":
                return attempt { _ = try SpecimenTracking.dispatch(db, context: ctx, number: "M9", at: time("2023-05-09"), lab: nil) }
            case "a reason that is not one":
                return attempt { _ = try SpecimenTracking.receive(db, context: ctx, number: "M1", at: time("2023-05-08"), reject: "dirty") }
            case "before collection":
                return attempt { _ = try SpecimenTracking.dispatch(db, context: ctx, number: "M1", at: time("2023-05-04T08:59"), lab: nil) }
            case "a number taken":
                return attempt {
                    _ = try SpecimenTracking.collect(db, context: ctx, subject: a1, service: "metabolic", number: "M1",
                                                     collectedAt: time("2023-05-05T09:00"), institution: "NC-MCH-BH")
                }
            case "a bedside service":
                return attempt {
                    _ = try SpecimenTracking.collect(db, context: ctx, subject: a1, service: "hearing", number: "H1",
                                                     collectedAt: time("2023-05-05T09:00"), institution: "NC-MCH-BH")
                }
            default:
                return attempt {
                    _ = try SpecimenTracking.collect(db, context: ctx, subject: a1, service: "deaf_gene", number: "M1",
                                                     collectedAt: time("2023-05-05T09:00"), institution: "某医院")
                }
            }
        }
        let expected = ["receive twice": "specimen_stage", "dispatch after receipt": "specimen_stage", "an unknown number": "specimen_not_found",
                        "a reason that is not one": "bad_value", "before collection": "result_before_subject", "a number taken": "specimen_no_taken",
                        "a bedside service": "no_specimen_service", "an unknown institution": "unknown_institution"][path]
        #expect(code == expected, "\(path)")
    }

    @Test func theSameNumberMayServeAnotherService() throws {
        let world = try LabWorld()
        let r = world.r
        let s = try r.database.write { db in
            let a1 = try ResultRecording.subject(db, pregnancyUUID: nil, newbornUUID: world.subjects["a1"].map(NewbornID.init))
            return try SpecimenTracking.collect(db, context: r.context("2023-05-12"), subject: a1, service: "deaf_gene", number: "M1",
                                                collectedAt: time("2023-05-04T09:00"), institution: "NC-MCH-BH")
        }
        #expect(s.stage == .collected)
        // One card, two specimens: a dispatch by number sends both.
        let sent = try r.database.write { db in
            try SpecimenTracking.dispatch(db, context: r.context("2023-05-12"), number: "M1", at: time("2023-05-06"), lab: nil)
        }
        #expect(Set(sent.map(\.service)) == ["metabolic", "deaf_gene"])
    }

    @Test func aRejectedCardPutsARecollectionOnTheDueListUntilANewCardIsTaken() throws {
        let world = try LabWorld()
        let r = world.r
        func due(_ asOf: String) throws -> [DueListEntry] {
            try r.database.read { db in try WorkListQueries.dueList(db, programme: programme, asOf: day(asOf)) }
                .filter { $0.item.subjectUUID == world.subjects["a1"] && $0.item.service == "metabolic" }
        }
        _ = try r.database.write { db in
            try SpecimenTracking.receive(db, context: r.context("2023-05-12"), number: "M1", at: time("2023-05-07"), reject: "haemolysed")
        }
        #expect(try due("2023-05-08").map(\.item.status) == [.recollect])
        #expect(try due("2023-05-14").map(\.item.status) == [.recollect])       // rejection + 7 days: still due
        #expect(try due("2023-05-15").map(\.item.status) == [.overdue])         // then overdue as long again
        _ = try r.database.write { db in
            let a1 = try ResultRecording.subject(db, pregnancyUUID: nil, newbornUUID: world.subjects["a1"].map(NewbornID.init))
            return try SpecimenTracking.collect(db, context: r.context("2023-05-12"), subject: a1, service: "metabolic", number: "M2",
                                                collectedAt: time("2023-05-09T09:00"), institution: "NC-MCH-BH")
        }
        #expect(try due("2023-05-10").allSatisfy { $0.item.status != .recollect })
    }
}
