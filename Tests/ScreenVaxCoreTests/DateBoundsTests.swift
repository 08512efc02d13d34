import Foundation
import Testing
@testable import ScreenVaxCore

private func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

@Suite("Dates that cannot trap: years 1900…2100 on input, saturating arithmetic")
struct DateBoundsTests {
    @Test("Form dates keep to 1900…2100", arguments: [
        ("1899-12-31", nil), ("1900-01-01", "1900-01-01"), ("2100-12-31", "2100-12-31"), ("2101-01-01", nil),
        ("18991231", nil), ("19000101", "1900-01-01"), ("21001231", "2100-12-31"), ("21010101", nil),
        ("1899年12月31日", nil), ("2100年12月31日", "2100-12-31"), ("9999/1/1", nil), ("0209-05-01", nil),
        ("2100-02-29", nil), ("2096-02-29", "2096-02-29"), ("2000-02-29", "2000-02-29"), ("1900-02-29", nil),
        ("99999/1/1", nil), ("2024/1/1/1", nil), ("2024-1-1", "2024-01-01"),
    ] as [(String, String?)])
    func formDates(text: String, expected: String?) {
        #expect(FormDate.parse(text) == expected.map(d))
    }

    @Test("A lot's expiry: a date or a month (its last day), years 1900…2100", arguments: [
        ("2025-06", "2025-06-30"), ("2025/6", "2025-06-30"), ("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"),
        ("2100-12", "2100-12-31"), ("2101-01", nil), ("1900-01", "1900-01-31"), ("1899-12", nil), ("10000-06", nil),
        ("2025-13", nil), ("2025-00", nil), ("2025-", nil), ("-06", nil), ("2025-6/30", nil), ("2025-06-30", "2025-06-30"),
        ("2025/6/30", "2025-06-30"), ("99999999999999999999-06", nil), ("2025-123", nil), (" 2025-06 ", "2025-06-30"),
    ] as [(String, String?)])
    func expiry(text: String, expected: String?) {
        #expect(FormDate.expiry(text) == expected.map(d))
    }

    @Test("Strict ISO for input keeps to 1900…2100; stored dates read back whatever the year")
    func iso() throws {
        #expect(CalendarDate(supportedISO: "1899-12-31") == nil)
        #expect(CalendarDate(supportedISO: "2101-01-01") == nil)
        #expect(CalendarDate(supportedISO: "2100-12-31") == d("2100-12-31"))
        #expect(CalendarDate(iso: "2999-12-31")?.year == 2999)
        #expect(CalendarDate(iso: "0001-01-01") == CalendarDate.earliest)
        #expect(CalendarDate(iso: "9999-12-31") == CalendarDate.latest)
        struct Box: Decodable { let date: CalendarDate }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"date":"2101-01-01"}"#.utf8)) }
        #expect(try JSONDecoder().decode(Box.self, from: Data(#"{"date":"2100-12-31"}"#.utf8)).date == d("2100-12-31"))
    }

    @Test("Adding days never traps; past 0001-01-01 or 9999-12-31 it stops there", arguments: [
        ("2024-05-06", Int.max, "9999-12-31"), ("2024-05-06", Int.min, "0001-01-01"),
        ("9999-12-31", 1, "9999-12-31"), ("0001-01-01", -1, "0001-01-01"),
        ("2024-02-28", 1, "2024-02-29"), ("2100-02-28", 1, "2100-03-01"), ("2024-05-06", 3650, "2034-05-04"),
    ])
    func addingDays(start: String, days: Int, expected: String) {
        #expect(d(start).addingDays(days) == d(expected))
    }

    @Test("Checked day arithmetic gives nil outside 1900…2100", arguments: [
        ("2100-12-30", 1, "2100-12-31"), ("2100-12-31", 1, nil), ("1900-01-02", -1, "1900-01-01"), ("1900-01-01", -1, nil),
        ("2024-05-06", Int.max, nil), ("2024-05-06", Int.min, nil), ("2024-05-06", 0, "2024-05-06"),
    ] as [(String, Int, String?)])
    func checkedDays(start: String, days: Int, expected: String?) {
        #expect(d(start).checkedAddingDays(days) == expected.map(d))
    }

    @Test("Adding any period never traps", arguments: [
        (Period(years: .max), "9999-12-31"), (Period(years: .min), "0001-01-01"),
        (Period(months: .max), "9999-12-31"), (Period(months: .min), "0001-01-01"),
        (Period(days: .max), "9999-12-31"), (Period(days: .min), "0001-01-01"),
        (Period(weeks: .max), "9999-12-31"), (Period(weeks: .min), "0001-01-01"),
        (Period(years: .max, months: .max, days: .max), "9999-12-31"), (Period(years: .max, months: .min), "9999-12-31"),
        (Period(months: 12 * 7975 + 7), "9999-12-06"), (Period(months: 12 * 7975 + 8), "9999-12-31"), (Period(months: -(12 * 2023 + 4)), "0001-01-06"),
        (Period(years: 1), "2025-05-06"), (Period(months: -13), "2023-04-06"),
    ])
    func addingPeriods(period: Period, expected: String) {
        #expect(d("2024-05-06").adding(period) == d(expected))
        #expect(d("2024-05-06").adding(period, rule: .clamp) == d(expected))
    }

    @Test("29 February", arguments: [
        ("2024-02-29", Period(years: 1), MonthEndRule.rollForward, "2025-03-01"),
        ("2024-02-29", Period(years: 1), MonthEndRule.clamp, "2025-02-28"),
        ("2096-02-29", Period(years: 4), MonthEndRule.rollForward, "2100-03-01"),
        ("2096-02-29", Period(years: 4), MonthEndRule.clamp, "2100-02-28"),
        ("2096-02-29", Period(years: 304), MonthEndRule.rollForward, "2400-02-29"),
        ("2024-01-31", Period(months: 1), MonthEndRule.rollForward, "2024-03-01"),
        ("2024-01-31", Period(months: 1), MonthEndRule.clamp, "2024-02-29"),
        ("9999-12-31", Period(months: 2), MonthEndRule.rollForward, "9999-12-31"),
        ("9999-01-31", Period(months: 11), MonthEndRule.rollForward, "9999-12-31"),
    ])
    func leapDays(start: String, period: Period, rule: MonthEndRule, expected: String) {
        #expect(d(start).adding(period, rule: rule) == d(expected))
    }

    @Test("Checked periods give nil outside 1900…2100")
    func checkedPeriods() {
        #expect(d("2024-05-06").checkedAdding(Period(months: .max)) == nil)
        #expect(d("2100-12-01").checkedAdding(Period(months: 1)) == nil)
        #expect(d("2100-11-30").checkedAdding(Period(months: 1)) == d("2100-12-30"))
        #expect(d("1900-01-01").checkedAdding(Period(days: -1)) == nil)
    }

    @Test("Day numbers beyond the ends give the ends", arguments: [Int.max, Int.min, 0, -719_162, 2_932_896, 2_932_897])
    func dayNumbers(n: Int) {
        let date = CalendarDate(dayNumber: n)
        #expect(date >= .earliest && date <= .latest)
        if n >= CalendarDate.earliest.dayNumber && n <= CalendarDate.latest.dayNumber { #expect(date.dayNumber == n) }
    }

    @Test("Periods too long for Int are refused when parsed, and print without trapping", arguments: [
        "9223372036854775807 years 1 year", "9223372036854775807 weeks", "-9223372036854775807 days - 2 days",
        "99999999999999999999 days",
    ])
    func hugePeriods(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("Extreme periods still describe themselves")
    func describe() {
        #expect(Period(months: .min).description == "-9223372036854775808 months")
        #expect(Period("9223372036854775807 days") == Period(days: .max))
        #expect(Period("-9223372036854775807 days") == Period(days: -Int.max))
    }

    @Test("Ages across the whole range never trap")
    func ages() {
        #expect(CalendarDate.earliest.age(on: .latest) == 9998)
        #expect(CalendarDate.latest.age(on: .earliest) == -1)
        #expect(d("2012-02-29").age(on: d("2100-02-28")) == 87)
    }

    @Test("Resident IDs carry a birth date of 1900…2100", arguments: [
        ("18991231", false), ("19000101", true), ("21001231", true), ("21010101", false),
    ])
    func idBirthYears(birth: String, valid: Bool) {
        let id = makeID(birth: birth)
        #expect(((try? ResidentID(id)) != nil) == valid)
    }

    @Test("A pinned today outside 1900…2100 is ignored")
    func pinnedToday() {
        let clock = Clock(now: { Date(timeIntervalSince1970: 1_714_953_600) })  // 2024-05-06 08:00 +08:00
        #expect(clock.today(environment: ["SCREENVAX_TODAY": "2101-01-01"]) == d("2024-05-06"))
        #expect(clock.today(environment: ["SCREENVAX_TODAY": "2100-12-31"]) == d("2100-12-31"))
        #expect(Clock.timestamp(Date(timeIntervalSince1970: 1e12)).hasPrefix("9999-12-31"))
    }
}
