import ScreenVaxCore
import Testing
@testable import HPV

@Suite("Dose evaluation against the programme series")
struct DoseEvaluationTests {
    func evaluate(_ birth: String, _ doses: [DoseFact], inProgramme: Bool = true) throws -> [DoseEvaluation] {
        DoseEvaluator.evaluate(birthDate: date(birth), doses: doses, inProgramme: inProgramme, programme: try programme())
    }

    @Test("Dose 1 the day before, on and after the 14th birthday", arguments: [
        ("2024-03-14", true, DoseReason?.none), ("2024-03-15", false, .tooOld), ("2024-03-16", false, .tooOld),
    ])
    func dose1AgeLimit(day: String, valid: Bool, reason: DoseReason?) throws {
        let e = try evaluate("2010-03-15", [dose(day)])
        #expect(e[0].valid == valid)
        #expect(e[0].reason == reason)
        #expect(e[0].countsForProgramme == valid)
    }

    @Test("Leap-day birthday: the 14th birthday is 1 March", arguments: [
        ("2026-02-28", true), ("2026-03-01", false),
    ])
    func leapDay(day: String, valid: Bool) throws {
        #expect(try evaluate("2012-02-29", [dose(day)])[0].valid == valid)
    }

    @Test("Dose 1 before the 9-year minimum age is too young", arguments: [("2020-05-09", false), ("2020-05-10", true)])
    func minimumAge(day: String, valid: Bool) throws {
        let e = try evaluate("2011-05-10", [dose(day)])
        #expect(e[0].valid == valid)
        if !valid { #expect(e[0].reason == .tooYoung) }
    }

    @Test("Dose 2 six months after dose 1, month ends rolled forward (CDSi)", arguments: [
        ("2023-08-31", "2024-02-29", false), ("2023-08-31", "2024-03-01", true),
        ("2023-03-31", "2023-09-30", false), ("2023-03-31", "2023-10-01", true),
        ("2023-10-10", "2024-04-09", false), ("2023-10-10", "2024-04-10", true),
        ("2023-12-31", "2024-06-30", false), ("2023-12-31", "2024-07-01", true),
    ])
    func interval(d1: String, d2: String, valid: Bool) throws {
        let e = try evaluate("2011-05-10", [dose(d1), dose(d2)])
        #expect(e[1].valid == valid)
        #expect(e[1].number == 2)
        if !valid { #expect(e[1].reason == .tooSoon) }
    }

    @Test("A too-soon dose still starts the next interval (CALCDTINT-1)")
    func invalidStartsInterval() throws {
        // 2024-04-10 is 6 months after dose 1 but 1 month after the invalid 2024-03-01 dose.
        let e = try evaluate("2011-05-10", [dose("2023-10-10"), dose("2024-03-01"), dose("2024-04-10")])
        #expect(e.map(\.valid) == [true, false, false])
        #expect(e[2].reason == .tooSoon)
        // 6 months after an invalid dose is valid, whatever dose 1's date.
        let later = try evaluate("2011-05-10", [dose("2023-10-10"), dose("2024-01-10"), dose("2024-07-10")])
        #expect(later.map(\.valid) == [true, false, true])
        #expect(later[2].number == 2)
    }

    @Test("Series age limit: both doses before the 15th birthday", arguments: [
        ("2024-06-09", true, DoseReason?.none), ("2024-06-10", false, .seriesAgeLimit),
    ])
    func seriesLimit(d2: String, valid: Bool, reason: DoseReason?) throws {
        let e = try evaluate("2009-06-10", [dose("2023-06-09"), dose(d2)])
        #expect(e[0].valid)
        #expect(e[1].valid == valid)
        #expect(e[1].reason == reason)
    }

    @Test("Expired lot, a product outside the programme, a third dose")
    func otherReasons() throws {
        let e = try evaluate("2011-05-10", [dose("2023-10-10", expiry: "2023-10-09"), dose("2023-10-20", product: "gardasil9"),
                                            dose("2023-11-01"), dose("2024-05-01"), dose("2024-12-01")])
        #expect(e.map(\.reason) == [.expiredLot, .productNotAllowed, nil, nil, .extraDose])
        #expect(e.map(\.valid) == [false, false, true, true, false])
        #expect(e[2].number == 1 && e[3].number == 2)
    }

    @Test("Validity and programme count are separate: historical doses and excluded girls")
    func countsSeparately() throws {
        let historical = try evaluate("2011-05-10", [dose("2023-10-10", historical: true)])
        #expect(historical[0].valid && !historical[0].countsForProgramme)
        let excluded = try evaluate("2011-05-10", [dose("2023-10-10")], inProgramme: false)
        #expect(excluded[0].valid && !excluded[0].countsForProgramme)
    }

    @Test("A 4-day grace on the interval is one line of programme data")
    func graceAsData() throws {
        let p = try programme { json in
            var series = json["series"] as! [String: Any]
            var doses = series["doses"] as! [[String: Any]]
            doses[1]["absolute_minimum_interval"] = "6 months - 4 days"
            series["doses"] = doses
            json["series"] = series
        }
        let e = DoseEvaluator.evaluate(birthDate: date("2011-05-10"), doses: [dose("2023-10-10"), dose("2024-04-06")], inProgramme: true, programme: p)
        #expect(e[1].valid)
        #expect(e[1].reason == .gracePeriod)
        let early = DoseEvaluator.evaluate(birthDate: date("2011-05-10"), doses: [dose("2023-10-10"), dose("2024-04-05")], inProgramme: true, programme: p)
        #expect(!early[1].valid)
    }
}
