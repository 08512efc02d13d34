import Foundation
import HPV
import ScreenVaxCore
import Testing

/// Every boundary of `hpv-cdsi.json`, one day either side: absolute minimum vs minimum age (grace),
/// interval grace, the 5 months - 4 days conditional skip, the 15th-birthday series switch, leap-day
/// birthdays, month ends, the maximum age, and CALCDTINT-1. Expected dates are worked by hand from
/// the supporting data values with CALCDT (see each row's note).
@Suite("CDSi hpv-cdsi boundaries")
struct CDSiBoundaryTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        var sex: ResidentID.Sex = .female
        let dob: String
        let doses: [(String, String)]
        let asOf: String
        let evaluations: [String]
        let status: SeriesStatus
        var series: String? = nil
        var next: (dose: Int, earliest: String, recommended: String, pastDue: String?, latest: String?)? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // DOB 2011-11-10: 9y = 2020-11-10, 9y - 4d = 2020-11-06.
        .init(name: "dose 1 at 9y - 5d is too young", dob: "2011-11-10", doses: [("2020-11-05", "165")], asOf: "2020-11-05",
              evaluations: ["NV:too_young"], status: .notComplete,
              next: (1, "2020-11-10", "2022-11-10", "2024-12-07", "2057-11-09")),
        .init(name: "dose 1 at 9y - 4d (absolute minimum) is valid by grace", dob: "2011-11-10", doses: [("2020-11-06", "165")], asOf: "2020-11-06",
              evaluations: ["V:grace_period"], status: .notComplete),
        .init(name: "dose 1 at 9y - 1d is valid by grace", dob: "2011-11-10", doses: [("2020-11-09", "165")], asOf: "2020-11-09",
              evaluations: ["V:grace_period"], status: .notComplete),
        .init(name: "dose 1 at 9y (minimum) is valid; dose 2 earliest +5m, recommended +6m, past due +13m+4w-1d",
              dob: "2011-11-10", doses: [("2020-11-10", "165")], asOf: "2020-11-10",
              evaluations: ["V"], status: .notComplete, series: "HPV 2-dose series",
              next: (2, "2021-04-10", "2021-05-10", "2022-01-06", nil)),
        // Interval from dose 1 (2020-11-10): 4w - 4d = 2020-12-04.
        .init(name: "dose 2 at 4w - 5d is too soon", dob: "2011-11-10", doses: [("2020-11-10", "165"), ("2020-12-03", "165")], asOf: "2020-12-03",
              evaluations: ["V", "NV:too_soon"], status: .notComplete),
        .init(name: "dose 2 at 4w - 4d is valid by grace and needs a third dose", dob: "2011-11-10",
              doses: [("2020-11-10", "165"), ("2020-12-04", "165")], asOf: "2020-12-04",
              evaluations: ["V", "V:grace_period"], status: .notComplete,
              next: (3, "2021-04-10", "2021-05-10", "2022-01-06", nil)),
        // Conditional skip: 5m - 4d after 2020-11-10 = 2021-04-06.
        .init(name: "dose 2 at 5m - 5d: no skip, a third dose 12 weeks later", dob: "2011-11-10",
              doses: [("2020-11-10", "165"), ("2021-04-05", "165")], asOf: "2021-04-05",
              evaluations: ["V", "V:grace_period"], status: .notComplete,
              next: (3, "2021-06-28", "2021-06-28", "2022-01-06", nil)),
        .init(name: "dose 2 at 5m - 4d: target dose 2 skipped, the series is complete", dob: "2011-11-10",
              doses: [("2020-11-10", "165"), ("2021-04-06", "165")], asOf: "2021-04-06",
              evaluations: ["V", "V:grace_period"], status: .complete),
        .init(name: "dose 2 at 5m: complete without grace", dob: "2011-11-10",
              doses: [("2020-11-10", "165"), ("2021-04-10", "165")], asOf: "2021-04-10",
              evaluations: ["V", "V"], status: .complete),
        .init(name: "a dose after completion is extraneous", dob: "2011-11-10",
              doses: [("2020-11-10", "165"), ("2021-05-10", "165"), ("2021-11-10", "165")], asOf: "2021-11-10",
              evaluations: ["V", "V", "X:"], status: .complete),
        // CALCDTINT-1 (CDC 2013-0471 shape): dose 3 too soon (before TD1 + 5m - 4d = 2024-01-27) still
        // starts target dose 3's 12-week interval: 2024-01-15 + 12w = 2024-04-08, later than TD1 + 5m.
        .init(name: "a not-valid dose still starts the next interval", dob: "2011-08-31",
              doses: [("2023-08-31", "165"), ("2023-10-31", "165"), ("2024-01-15", "165")], asOf: "2024-01-15",
              evaluations: ["V", "V:grace_period", "NV:too_soon"], status: .notComplete,
              next: (3, "2024-04-08", "2024-04-08", "2024-10-28", nil)),
        // Two doses given, the second too soon: the forecast skip ("two total doses") moves to target
        // dose 3, measured from dose 1 (as CDC 2013-0405 expects: earliest = dose 1 + 5 months).
        .init(name: "second dose too soon: forecast from dose 1 by the two-doses skip", dob: "2011-08-31",
              doses: [("2023-08-31", "165"), ("2023-09-05", "165")], asOf: "2023-09-05",
              evaluations: ["V", "NV:too_soon"], status: .notComplete,
              next: (2, "2024-01-31", "2024-03-01", "2024-10-28", nil)),
        // The 15th birthday (DOB 2008-06-15: 15y = 2023-06-15).
        .init(name: "dose 1 the day before the 15th birthday: 2-dose series", dob: "2008-06-15",
              doses: [("2023-06-14", "165")], asOf: "2023-06-14", evaluations: ["V"], status: .notComplete,
              series: "HPV 2-dose series", next: (2, "2023-11-14", "2023-12-14", "2024-08-10", nil)),
        .init(name: "dose 1 on the 15th birthday: 3-dose series, dose 2 at 4 weeks", dob: "2008-06-15",
              doses: [("2023-06-15", "165")], asOf: "2023-06-15", evaluations: ["V"], status: .notComplete,
              series: "HPV 3-dose series", next: (2, "2023-07-13", "2023-07-13", "2023-10-04", nil)),
        .init(name: "no dose on the day before the 15th birthday: default 2-dose series", dob: "2008-06-15",
              doses: [], asOf: "2023-06-14", evaluations: [], status: .notComplete, series: "HPV 2-dose series",
              next: (1, "2017-06-15", "2019-06-15", "2021-07-12", "2054-06-14")),
        .init(name: "dose 1 at 14, dose 2 after the 15th birthday completes (CDC 2016-0015 shape)", dob: "2008-06-15",
              doses: [("2023-01-15", "165"), ("2023-07-15", "165")], asOf: "2023-07-15", evaluations: ["V", "V"],
              status: .complete, series: "HPV 2-dose series"),
        // Leap-day birthday 2012-02-29: 9y = 2021-03-01, 9y - 4d = 2021-02-25, 15y = 2027-03-01.
        .init(name: "leap-day birthday: 9y - 5d (2021-02-24) is too young", dob: "2012-02-29",
              doses: [("2021-02-24", "165")], asOf: "2021-02-24", evaluations: ["NV:too_young"], status: .notComplete,
              next: (1, "2021-03-01", "2023-03-01", "2025-03-28", "2058-02-28")),
        .init(name: "leap-day birthday: 2021-02-25 is the absolute minimum", dob: "2012-02-29",
              doses: [("2021-02-25", "165")], asOf: "2021-02-25", evaluations: ["V:grace_period"], status: .notComplete),
        .init(name: "leap-day birthday: 2021-02-28 is still grace (9th birthday is 1 March)", dob: "2012-02-29",
              doses: [("2021-02-28", "165")], asOf: "2021-02-28", evaluations: ["V:grace_period"], status: .notComplete),
        .init(name: "leap-day birthday: 2021-03-01 is the minimum", dob: "2012-02-29",
              doses: [("2021-03-01", "165")], asOf: "2021-03-01", evaluations: ["V"], status: .notComplete),
        .init(name: "leap-day birthday: dose 1 on 2027-02-28 is before the 15th birthday", dob: "2012-02-29",
              doses: [("2027-02-28", "165")], asOf: "2027-02-28", evaluations: ["V"], status: .notComplete,
              series: "HPV 2-dose series"),
        .init(name: "leap-day birthday: dose 1 on 2027-03-01 is on the 15th birthday", dob: "2012-02-29",
              doses: [("2027-03-01", "165")], asOf: "2027-03-01", evaluations: ["V"], status: .notComplete,
              series: "HPV 3-dose series"),
        // Month ends: dose 1 2023-08-31: +5m = 2024-01-31, +6m = 2024-03-01, +13m = 2024-10-01 (+4w -1d = 2024-10-28).
        .init(name: "month end: dose 1 on 31 August", dob: "2011-08-31", doses: [("2023-08-31", "165")], asOf: "2023-08-31",
              evaluations: ["V"], status: .notComplete, next: (2, "2024-01-31", "2024-03-01", "2024-10-28", nil)),
        .init(name: "month end: 5m - 5d after 31 August does not skip", dob: "2011-08-31",
              doses: [("2023-08-31", "165"), ("2024-01-26", "165")], asOf: "2024-01-26",
              evaluations: ["V", "V:grace_period"], status: .notComplete),
        .init(name: "month end: 5m - 4d after 31 August (2024-01-27) completes", dob: "2011-08-31",
              doses: [("2023-08-31", "165"), ("2024-01-27", "165")], asOf: "2024-01-27",
              evaluations: ["V", "V:grace_period"], status: .complete),
        // 2023-09-30 + 5m = 2024-02-30 -> 2024-03-01; 5m - 4d = 2024-02-26 (trap 2).
        .init(name: "month end: 5m - 4d after 30 September is 26 February", dob: "2011-09-30",
              doses: [("2023-09-30", "165"), ("2024-02-26", "165")], asOf: "2024-02-26",
              evaluations: ["V", "V:grace_period"], status: .complete),
        .init(name: "month end: 25 February after 30 September does not skip", dob: "2011-09-30",
              doses: [("2023-09-30", "165"), ("2024-02-25", "165")], asOf: "2024-02-25",
              evaluations: ["V", "V:grace_period"], status: .notComplete),
        // Maximum age 46 years (DOB 1980-01-01: 2026-01-01).
        .init(name: "the day before the maximum age: latest is that day", dob: "1980-01-01", doses: [], asOf: "2025-12-31",
              evaluations: [], status: .notComplete, next: (1, "1989-01-01", "1991-01-01", "1993-01-28", "2025-12-31")),
        .init(name: "on the maximum age: aged out", dob: "1980-01-01", doses: [], asOf: "2026-01-01",
              evaluations: [], status: .agedOut),
        .init(name: "a dose on the maximum age is extraneous, too old", dob: "1980-01-01", doses: [("2026-01-01", "165")],
              asOf: "2026-01-01", evaluations: ["X:too_old"], status: .agedOut),
        // Sex restriction: CVX 118 is inadvertent in the male series only.
        .init(name: "2vHPV for a boy is inadvertent", sex: .male, dob: "2011-11-10", doses: [("2023-11-10", "118")],
              asOf: "2023-11-10", evaluations: ["NV:inadvertent"], status: .notComplete,
              series: "HPV male 2-dose series", next: (1, "2023-11-10", "2023-11-10", "2024-12-07", "2057-11-09")),
        .init(name: "2vHPV for a girl is allowable", dob: "2011-11-10", doses: [("2023-11-10", "118")],
              asOf: "2023-11-10", evaluations: ["V"], status: .notComplete, series: "HPV 2-dose series"),
    ]

    static func label(_ e: EvaluatedDose) -> String {
        switch e.status {
        case .valid: e.reason.map { "V:\($0.rawValue)" } ?? "V"
        case .notValid: "NV:\(e.reason?.rawValue ?? "")"
        case .extraneous: "X:\(e.reason?.rawValue ?? "")"
        case .ignored: "IGNORED"
        }
    }

    @Test(arguments: rows)
    func boundary(_ row: Row) {
        let result = CDSiEngine.assess(birthDate: d(row.dob), sex: row.sex, doses: doses(row.doses),
                                       schedule: CDSiFixtures.cdsi, asOf: d(row.asOf))
        #expect(result.doses.map(Self.label) == row.evaluations)
        #expect(result.status == row.status)
        if let series = row.series { #expect(result.seriesName == series) }
        if let next = row.next {
            #expect(result.next?.dose == next.dose)
            #expect(result.next?.earliest == d(next.earliest))
            #expect(result.next?.recommended == d(next.recommended))
            #expect(result.next?.pastDue == next.pastDue.map(d))
            #expect(result.next?.latest == next.latest.map(d))
        }
        if row.status != .notComplete { #expect(result.next == nil) }
    }

    @Test("doses after the assessment date are ignored with a warning, in the order given")
    func futureDoseIgnored() {
        let given = doses([("2021-05-10", "165"), ("2020-11-10", "165")])
        let result = CDSiEngine.assess(birthDate: d("2011-11-10"), sex: .female, doses: given,
                                       schedule: CDSiFixtures.cdsi, asOf: d("2021-01-01"))
        #expect(result.doses.map(\.status) == [.ignored, .valid])
        #expect(result.doses[0].reason == .afterAssessmentDate)
        #expect(result.warnings.count == 1)
        #expect(result.next?.dose == 2)
    }

    @Test("an expired lot is not valid and the dose is needed again")
    func expiredLot() {
        let given = [AdministeredDose(date: d("2023-08-31"), code: "165", lotExpiry: d("2023-08-30"))]
        let result = CDSiEngine.assess(birthDate: d("2011-08-31"), sex: .female, doses: given,
                                       schedule: CDSiFixtures.cdsi, asOf: d("2023-08-31"))
        #expect(result.doses.map(\.reason) == [.expiredLot])
        #expect(result.next?.dose == 1)
        #expect(result.next?.earliest == d("2023-08-31"))
    }

    @Test("a lot expiring on the day of the dose is still good")
    func lotExpiresThatDay() {
        let given = [AdministeredDose(date: d("2023-08-31"), code: "165", lotExpiry: d("2023-08-31"))]
        let result = CDSiEngine.assess(birthDate: d("2011-08-31"), sex: .female, doses: given,
                                       schedule: CDSiFixtures.cdsi, asOf: d("2023-08-31"))
        #expect(result.doses.map(\.status) == [.valid])
    }
}

/// CDSi Table 7-10 outcomes that give "not recommended".
@Suite("CDSi not recommended")
struct CDSiNotRecommendedTests {
    static func schedule(_ dose1: String) -> Schedule {
        let text = """
            {"id": "t", "name": "t", "kind": "programme", "code_system": "product", "source": "test",
             "vaccines": [{"code": "x", "name": "X"}],
             "series": [{"name": "s", "sexes": ["F"], "default_series": true, "preference": 1,
                         "doses": [\(dose1)]}]}
            """
        do { return try Schedule.decode(Data(text.utf8), file: "t.json") } catch { fatalError("\(error)") }
    }

    @Test("past the seasonal recommendation end date")
    func seasonEnded() {
        let s = Self.schedule(#"{"dose": 1, "seasonal_recommendation": {"start_date": "2023-09-01", "end_date": "2023-11-30"}, "allowable_vaccines": [{"code": "x"}]}"#)
        let during = CDSiEngine.assess(birthDate: d("2011-01-01"), sex: .female, doses: [], schedule: s, asOf: d("2023-11-30"))
        #expect(during.status == .notComplete)
        #expect(during.next?.earliest == d("2023-09-01"))
        let after = CDSiEngine.assess(birthDate: d("2011-01-01"), sex: .female, doses: [], schedule: s, asOf: d("2023-12-01"))
        #expect(after.status == .notRecommended)
        #expect(after.next == nil)
    }

    @Test("every target dose skipped and none satisfied")
    func allSkipped() {
        let s = Self.schedule(#"{"dose": 1, "allowable_vaccines": [{"code": "x"}], "conditional_skips": [{"context": "forecast", "sets": [{"condition_logic": "or", "conditions": [{"type": "age", "begin_age": "15 years"}]}]}]}"#)
        #expect(CDSiEngine.assess(birthDate: d("2008-01-01"), sex: .female, doses: [], schedule: s, asOf: d("2022-12-31")).status == .notComplete)
        #expect(CDSiEngine.assess(birthDate: d("2008-01-01"), sex: .female, doses: [], schedule: s, asOf: d("2023-01-01")).status == .notRecommended)
    }
}
