import ScreenVaxCore
import Testing
@testable import Screening

/// The first and last day (pregnancy) or hour (newborn) of every window, and just outside.
struct WindowTests {
    static let lmp = "2023-01-01"

    @Test(arguments: [
        ("nt", 76, false), ("nt", 77, true), ("nt", 97, true), ("nt", 98, false),               // 11+0 .. 13+6
        ("anomaly_us", 111, false), ("anomaly_us", 112, true), ("anomaly_us", 174, true),       // 16+0 .. 24+6
        ("anomaly_us", 175, false), ("anomaly_us", 209, false), ("anomaly_us", 210, true),      // 30+0 .. 34+6
        ("anomaly_us", 244, true), ("anomaly_us", 245, false),
        ("serum", 62, false), ("serum", 63, true), ("serum", 97, true), ("serum", 98, false),   // first trimester 9+0 .. 13+6
        ("serum", 104, false), ("serum", 105, true), ("serum", 146, true), ("serum", 147, false), // second 15+0 .. 20+6
        ("thal_gene", 62, false), ("thal_gene", 63, true), ("thal_gene", 97, true), ("thal_gene", 98, false),
    ])
    func gestationalWindow(_ code: String, _ gaDays: Int, _ inside: Bool) {
        let at = ClinicalTime(date: day(Self.lmp).addingDays(gaDays))
        #expect(service(code).inWindow(at, lmp: day(Self.lmp)) == inside)
    }

    @Test(arguments: [
        ("metabolic", "2023-05-04T09:59", false), ("metabolic", "2023-05-04T10:00", true),     // 72 h
        ("metabolic", "2023-05-08T10:59", true), ("metabolic", "2023-05-08T11:00", false),     // 168 h (completed hours)
        ("deaf_gene", "2023-05-04T09:59", false), ("deaf_gene", "2023-05-04T10:00", true),
        ("chd", "2023-05-01T15:59", false), ("chd", "2023-05-01T16:00", true),                 // 6 h
        ("chd", "2023-05-04T10:59", true), ("chd", "2023-05-04T11:00", false),                 // 72 h
        ("hearing", "2023-05-03T09:59", false), ("hearing", "2023-05-03T10:00", true),         // 48 h
        ("hearing", "2023-06-12T10:59", true), ("hearing", "2023-06-12T11:00", false),         // 1008 h = 42 days
        ("metabolic", "2023-05-03", false), ("metabolic", "2023-05-04", true),                 // a date only: the day overlaps
        ("metabolic", "2023-05-08", true), ("metabolic", "2023-05-09", false),
    ])
    func newbornWindow(_ code: String, _ at: String, _ inside: Bool) {
        #expect(service(code).inWindow(time(at), born: time("2023-05-01T10:00")) == inside)
    }

    @Test func birthNearMidnightCountsHoursNotDays() {
        // Born 23:50: 72 h later is 23:50 three days on, not the start of the third calendar day.
        let born = time("2023-05-01T23:50")
        #expect(!service("metabolic").inWindow(time("2023-05-04T23:49"), born: born))
        #expect(service("metabolic").inWindow(time("2023-05-04T23:50"), born: born))
    }

    @Test func eddAndUltrasoundDatingGiveTheLMP() {
        #expect(Dating.lmp(edd: day("2023-10-08"), programme: programme) == day("2023-01-01"))
        #expect(Dating.lmp(scanDate: day("2023-03-27"), age: GestationalAge("12+1")!) == day("2023-01-01"))
        #expect(GestationalAge("13+7") == nil)
    }

    @Test func dueListShowsTheSecondAnomalyScanWhenTheFirstWindowWasMissed() {
        let s = DueSubject(uuid: "p", timing: .pregnancy(lmp: day(Self.lmp)), results: [:])
        // GA 30+3: the first anomaly window (to 24+6) is gone; the second is open.
        let items = DueList.items(for: s, programme: programme, asOf: day(Self.lmp).addingDays(213))
        let anomaly = items.first { $0.service == "anomaly_us" }
        #expect(anomaly?.slot == 2)
        #expect(anomaly?.status == .open)
        #expect(items.allSatisfy { $0.service == "anomaly_us" })
    }

    @Test func metabolicIsOverdueInItsCatchUpAndGoneAfter() {
        let s = DueSubject(uuid: "n", timing: .newborn(born: time("2023-05-01T10:00")), results: [:])
        let at10 = DueList.items(for: s, programme: programme, asOf: day("2023-05-11")).first { $0.service == "metabolic" }
        #expect(at10?.status == .overdue)
        #expect(DueList.items(for: s, programme: programme, asOf: day("2023-05-22")).contains { $0.service == "metabolic" } == false)
    }
}
