import ScreenVaxCore
import Store
import Testing
@testable import HPV

@Suite("The age-window scheduler: status and next-dose dates")
struct ForecastTests {
    func forecast(_ f: EnrollmentFacts, _ doses: [DoseFact], asOf: String) throws -> HPVForecast {
        Forecaster.forecast(facts: f, doses: doses, programme: try programme(), asOf: date(asOf))
    }

    @Test("Every status", arguments: [
        (facts("2011-05-10"), [DoseFact](), "2023-08-15", HPVStatus.scheduled),
        (facts("2011-05-10"), [], "2023-09-01", .due),
        (facts("2011-05-10"), [], "2023-10-31", .due),
        (facts("2011-05-10"), [], "2023-11-01", .overdue),
        (facts("2011-05-10"), [], "2023-11-15", .overdue),
        (facts("2011-05-10", consent: .unknown), [], "2023-10-01", .notStarted),
        (facts("2011-05-10"), [dose("2023-10-10")], "2024-04-09", .scheduled),
        (facts("2011-05-10"), [dose("2023-10-10")], "2024-04-10", .due),
        (facts("2011-05-10"), [dose("2023-10-10")], "2024-05-09", .due),
        (facts("2011-05-10"), [dose("2023-10-10")], "2024-05-10", .overdue),
        (facts("2011-05-10"), [dose("2023-10-10"), dose("2024-04-10")], "2024-04-10", .complete),
        (facts("2009-10-20"), [], "2023-10-19", .overdue),
        (facts("2009-10-20"), [], "2023-10-20", .windowClosed),
        (facts("2009-03-01"), [], "2023-09-01", .windowClosed),
        (facts("2009-06-10"), [dose("2023-06-09")], "2024-06-10", .windowClosed),
        (facts("2011-05-10", consent: .declined), [], "2023-10-01", .declined),
        (facts("2011-05-10", prior: true), [], "2023-10-01", .previouslyVaccinated),
        (facts("2011-05-10", sex: .male), [], "2023-10-01", .ineligible),
        (facts("2008-12-31"), [], "2023-10-01", .ineligible),
    ])
    func statuses(f: EnrollmentFacts, doses: [DoseFact], asOf: String, expected: HPVStatus) throws {
        #expect(try forecast(f, doses, asOf: asOf).status == expected)
    }

    @Test("Dose-1 dates: earliest and due at the campaign start, overdue after the first-dose deadline, latest the day before 14")
    func dose1Dates() throws {
        let next = try #require(try forecast(facts("2011-05-10"), [], asOf: "2023-10-01").next)
        #expect(next == NextDose(dose: 1, earliest: date("2023-09-01"), due: date("2023-09-01"),
                                 overdue: date("2023-11-01"), latest: date("2025-05-09")))
    }

    @Test("Dose-2 dates from a month-end dose 1: 31 Aug + 6 months = 1 Mar")
    func dose2Dates() throws {
        let next = try #require(try forecast(facts("2011-05-10"), [dose("2023-08-31")], asOf: "2023-12-01").next)
        #expect(next == NextDose(dose: 2, earliest: date("2024-03-01"), due: date("2024-03-01"),
                                 overdue: date("2024-03-31"), latest: date("2026-05-09")))
    }

    @Test("A leap-day girl: dose 1 latest 2026-02-28, dose 2 latest 2027-02-28")
    func leapDayLatest() throws {
        let d1 = try #require(try forecast(facts("2012-02-29"), [], asOf: "2023-10-01").next)
        #expect(d1.latest == date("2026-02-28"))
        let d2 = try #require(try forecast(facts("2012-02-29"), [dose("2025-12-01")], asOf: "2025-12-02").next)
        #expect(d2.latest == date("2027-02-28"))
    }

    @Test("A closed window says why and keeps the dates")
    func closedReason() throws {
        let f = try forecast(facts("2009-06-10"), [dose("2023-06-09")], asOf: "2024-07-01")
        #expect(f.status == .windowClosed)
        #expect(f.reason == "dose 2 could not be given before 2024-06-10")
        #expect(f.next?.latest == date("2024-06-09"))
    }

    @Test("Window closing within 30 days of the last day", arguments: [
        ("2025-04-09", false), ("2025-04-10", true), ("2025-05-09", true),
    ])
    func closing(asOf: String, closing: Bool) throws {
        #expect(try forecast(facts("2011-05-10"), [], asOf: asOf).windowClosing == closing)
    }

    @Test("Doses after the assessment date are not counted yet")
    func futureDoses() throws {
        let f = try forecast(facts("2011-05-10"), [dose("2023-10-10"), dose("2024-04-10")], asOf: "2024-01-01")
        #expect(f.status == .scheduled)
        #expect(f.doses.count == 1)
    }

    @Test("Work list order: window closing soonest, then overdue, then due; declined girls never listed")
    func workListOrder() throws {
        func girl(_ name: String, _ birth: String, consent: Consent = .given, doses: [DoseFact] = []) -> Girl {
            Girl(personUUID: PersonUUID(name), residentID: residentID(birth), name: name, birthDate: date(birth), sex: .female,
                 countyCode: "360102", cityCode: "360100", school: "一中", className: "1", guardianName: "", guardianPhone: "",
                 priorVaccination: false, consent: consent, refusalReason: "", doses: doses)
        }
        let girls = [
            girl("due", "2011-05-10", doses: [dose("2023-10-20")]),
            girl("overdue", "2011-05-10", doses: [dose("2023-09-20")]),
            girl("closing-late", "2009-05-20", doses: [dose("2023-05-01")]),
            girl("closing-soon", "2009-05-10", doses: [dose("2023-05-01")]),
            girl("declined", "2011-05-10", consent: .declined),
            girl("complete", "2011-05-10", doses: [dose("2023-09-01"), dose("2024-03-01")]),
            girl("scheduled", "2011-05-10", doses: [dose("2023-11-20")]),
        ]
        let p = try programme()
        let list = WorkList.due(girls, programme: p, asOf: date("2024-04-25"))
        #expect(list.map(\.girl.name) == ["closing-soon", "closing-late", "overdue", "due"])
        let wider = WorkList.due(girls, programme: p, asOf: date("2024-04-25"), within: 30)
        #expect(wider.map(\.girl.name) == ["closing-soon", "closing-late", "overdue", "due", "scheduled"])
    }
}
