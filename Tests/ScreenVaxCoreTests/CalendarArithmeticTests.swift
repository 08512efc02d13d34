import Testing
@testable import ScreenVaxCore

private func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

@Suite("CDSi calendar arithmetic (CALCDT-1…6)")
struct CalendarArithmeticTests {
    // Examples quoted from the CDSi Logic Specification v4.6, Table 3-6.
    @Test("CALCDT examples of the logic specification", arguments: [
        ("2000-01-01", "3 years", "2003-01-01"),          // CALCDT-1
        ("2000-11-01", "6 months", "2001-05-01"),         // CALCDT-2
        ("2000-02-01", "5 weeks", "2000-03-07"),          // CALCDT-3, leap year
        ("2001-02-01", "5 weeks", "2001-03-08"),          // CALCDT-3, not a leap year
        ("2000-01-15", "-4 days", "2000-01-11"),          // CALCDT-4
        ("2000-03-31", "6 months", "2000-10-01"),         // CALCDT-5: 31 September does not exist
        ("2000-08-31", "6 months", "2001-03-01"),         // CALCDT-5: 31 February does not exist
        ("2000-01-31", "6 months - 4 days", "2000-07-27"),// CALCDT-6
    ])
    func calcdt(start: String, period: String, expected: String) throws {
        let p = try #require(Period(period))
        #expect(d(start).adding(p) == d(expected))
    }

    @Test("Month ends and leap days (the traps of immunization.md §5)", arguments: [
        ("2023-08-31", "6 months", "2024-03-01"),
        ("2023-09-30", "5 months", "2024-03-01"),
        ("2023-09-30", "5 months - 4 days", "2024-02-26"),
        ("2012-02-29", "14 years", "2026-03-01"),
        ("2012-02-29", "9 years - 4 days", "2021-02-25"),
        ("2012-02-29", "4 years", "2016-02-29"),
        ("2025-08-31", "6 months", "2026-03-01"),
        ("2023-12-31", "1 month", "2024-01-31"),
        ("2023-10-31", "1 month", "2023-12-01"),
        ("2023-01-31", "13 months", "2024-03-01"),
    ])
    func monthEnds(start: String, period: String, expected: String) throws {
        #expect(d(start).adding(try #require(Period(period))) == d(expected))
    }

    @Test("The clamp rule, for programmes that name it")
    func clamp() {
        #expect(d("2023-08-31").adding(Period(months: 6), rule: .clamp) == d("2024-02-29"))
        #expect(d("2012-02-29").adding(Period(years: 14), rule: .clamp) == d("2026-02-28"))
    }

    @Test("Age in completed years", arguments: [
        ("2011-11-10", "2025-11-09", 13), ("2011-11-10", "2025-11-10", 14), ("2011-11-10", "2025-11-11", 14),
        ("2012-02-29", "2026-02-28", 13), ("2012-02-29", "2026-03-01", 14), ("2012-02-29", "2024-02-29", 12),
        ("2009-01-01", "2023-12-31", 14), ("2008-12-31", "2023-12-31", 15), ("2010-01-01", "2009-12-31", -1),
    ])
    func age(birth: String, on: String, expected: Int) {
        #expect(d(birth).age(on: d(on)) == expected)
    }

    @Test("Periods as data", arguments: [
        ("6 months", Period(months: 6)), ("5 months - 4 days", Period(months: 5, days: -4)),
        ("9 years - 4 days", Period(years: 9, days: -4)), ("13 years + 4 weeks", Period(years: 13, weeks: 4)),
        ("0 days", Period()), ("1 year 2 months", Period(years: 1, months: 2)),
    ])
    func periods(text: String, expected: Period) {
        #expect(Period(text) == expected)
        #expect(Period(expected.description) == expected)
    }

    @Test("Malformed periods are refused", arguments: ["", "6", "months", "6 fortnights", "six months", "6 months -", "- - 4 days"])
    func badPeriods(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("Dates that do not exist are refused", arguments: ["2023-02-29", "2023-13-01", "2023-04-31", "2023-00-10", "2023-1-01", "20230101"])
    func invalidISO(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("Day numbers round-trip across centuries")
    func dayNumbers() {
        var date = d("1899-12-25")
        for _ in 0..<80_000 {
            let next = date.addingDays(1)
            #expect(next.dayNumber == date.dayNumber + 1)
            #expect(CalendarDate(dayNumber: next.dayNumber) == next)
            date = next
        }
        #expect(d("1970-01-01").dayNumber == 0)
        #expect(d("2024-03-01").days(to: d("2024-02-28")) == -2)
    }
}
