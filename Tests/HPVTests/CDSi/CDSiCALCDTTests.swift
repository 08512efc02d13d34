import HPV
import ScreenVaxCore
import Testing

/// Every example of CDC CDSi Logic Specification v4.6 Table 3-6 (CALCDT-1…6), as quoted in
/// shared/reference/immunization.md §2 (from immregistries/StepIntoCDSI
/// cdsi-reference/logic-spec/versions/4.6/extracted/sections/03-04-date-calculations.txt).
@Suite("CDSi CALCDT date arithmetic")
struct CDSiCALCDTTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let rule: String
        let start: String
        let period: String
        let expected: String
        var testDescription: String { "\(rule): \(start) + \(period) = \(expected)" }
    }

    static let examples: [Example] = [
        .init(rule: "CALCDT-1", start: "2000-01-01", period: "3 years", expected: "2003-01-01"),
        .init(rule: "CALCDT-2", start: "2000-11-01", period: "6 months", expected: "2001-05-01"),
        .init(rule: "CALCDT-3", start: "2000-02-01", period: "5 weeks", expected: "2000-03-07"),
        .init(rule: "CALCDT-3", start: "2001-02-01", period: "5 weeks", expected: "2001-03-08"),
        .init(rule: "CALCDT-4", start: "2000-01-15", period: "0 days - 4 days", expected: "2000-01-11"),
        .init(rule: "CALCDT-5", start: "2000-03-31", period: "6 months", expected: "2000-10-01"),
        // The spec prints "08/31/20010"; the intended year is 2000.
        .init(rule: "CALCDT-5", start: "2000-08-31", period: "6 months", expected: "2001-03-01"),
        .init(rule: "CALCDT-6", start: "2000-01-31", period: "6 months - 4 days", expected: "2000-07-27"),
        // immunization.md §5 traps 1-3 (CDSi results).
        .init(rule: "trap 1", start: "2023-08-31", period: "6 months", expected: "2024-03-01"),
        .init(rule: "trap 1", start: "2023-09-30", period: "5 months", expected: "2024-03-01"),
        .init(rule: "trap 2", start: "2023-09-30", period: "5 months - 4 days", expected: "2024-02-26"),
        .init(rule: "trap 3", start: "2012-02-29", period: "14 years", expected: "2026-03-01"),
        .init(rule: "trap 3", start: "2012-02-29", period: "9 years - 4 days", expected: "2021-02-25"),
        .init(rule: "trap 12", start: "2025-08-31", period: "6 months", expected: "2026-03-01"),
        .init(rule: "year end", start: "2023-12-31", period: "2 months", expected: "2024-03-01"),
    ]

    @Test(arguments: examples)
    func calcdt(_ example: Example) throws {
        let period = try #require(Period(example.period))
        #expect(d(example.start).adding(period) == d(example.expected))
    }

    @Test("CALCDT-4 written as a subtraction of days")
    func subtraction() {
        #expect(d("2000-01-15").addingDays(-4) == d("2000-01-11"))
    }
}
