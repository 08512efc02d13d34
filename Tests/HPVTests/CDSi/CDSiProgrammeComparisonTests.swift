import HPV
import ScreenVaxCore
import Testing

/// Issue 3 asks for the Jiangxi 2023 programme schedule "re-expressed in this form without changing
/// its results". `Schemas/programs/hpv-2023-schedule.json` is that re-expression; this table runs it
/// through the CDSi engine and compares with the foundation's `Forecaster.forecast` (hpv-2023.json).
///
/// Findings (each asserted below, so a change shows up here):
/// - Dose validity, complete / window closed, earliest, due and latest dates agree on every case.
/// - The dose-2 overdue date agrees: the programme's first overdue day is the engine's past-due
///   date + 1 day (CDSi past due = latest recommended - 1 day).
/// - Differs: dose 1's overdue date. The programme makes dose 1 overdue after the first-dose
///   deadline (2023-11-30, a calendar date); CDSi has no date-based past due, so the engine gives
///   none (`dose1Overdue`).
/// - Differs: after a not-valid dose 1 (expired lot, product outside the programme), CDSi's
///   earliest date is never before that dose (FORECASTDTCAN-1: "date administered of the most recent
///   vaccine dose administered"); the programme forecaster keeps the campaign start, a date already
///   past (`earliestAfterLastDose`). Recommended (due) follows earliest.
/// - The programme clamps dose 2's overdue date to the day before the 15th birthday; CDSi does not
///   clamp, but a valid dose 1 is before the 14th birthday, so dose 1 + 7 months is always earlier
///   and the clamp never acts (the late-dose-1 row shows it).
@Suite("CDSi vs the programme forecaster")
struct CDSiProgrammeComparisonTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let dob: String
        let doses: [(date: String, product: String, expiry: String)]
        let asOf: String
        var dose1Overdue = false
        var earliestAfterLastDose = false
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        .init(name: "no dose, during the campaign", dob: "2010-05-01", doses: [], asOf: "2023-10-01", dose1Overdue: true),
        .init(name: "no dose, after the first-dose deadline", dob: "2010-05-01", doses: [], asOf: "2024-01-02", dose1Overdue: true),
        .init(name: "no dose, before the campaign", dob: "2010-05-01", doses: [], asOf: "2023-08-01", dose1Overdue: true),
        .init(name: "dose 1 given, dose 2 scheduled", dob: "2010-05-01", doses: [("2023-10-10", "cecolin", "2025-01-01")], asOf: "2023-10-10"),
        .init(name: "dose 1 given, dose 2 due", dob: "2010-05-01", doses: [("2023-10-10", "cecolin", "2025-01-01")], asOf: "2024-04-20"),
        .init(name: "dose 1 given, dose 2 overdue", dob: "2010-05-01", doses: [("2023-10-10", "cecolin", "2025-01-01")], asOf: "2024-06-01"),
        .init(name: "month end: dose 1 on 31 October, dose 2 from 1 May", dob: "2010-05-01",
              doses: [("2023-10-31", "walrinvax", "2025-01-01")], asOf: "2023-11-01"),
        .init(name: "dose 2 one day short of 6 months is too soon and restarts the interval", dob: "2010-05-01",
              doses: [("2023-10-10", "cecolin", "2025-01-01"), ("2024-04-09", "cecolin", "2025-01-01")], asOf: "2024-04-09"),
        .init(name: "dose 2 at 6 months completes", dob: "2010-05-01",
              doses: [("2023-10-10", "cecolin", "2025-01-01"), ("2024-04-10", "cecolin", "2025-01-01")], asOf: "2024-04-10"),
        .init(name: "dose 1 the day before the 14th birthday", dob: "2009-09-01",
              doses: [("2023-08-31", "cecolin", "2025-01-01")], asOf: "2023-08-31"),
        .init(name: "dose 1 on the 14th birthday is too old: window closed", dob: "2009-09-01",
              doses: [("2023-09-01", "cecolin", "2025-01-01")], asOf: "2023-09-01"),
        .init(name: "no dose on the 14th birthday: window closed", dob: "2009-09-01", doses: [], asOf: "2023-09-01"),
        .init(name: "dose 1 the day before the 14th birthday: dose 2 overdue still before the 15th", dob: "2009-10-01",
              doses: [("2023-09-30", "cecolin", "2025-01-01")], asOf: "2023-09-30"),
        .init(name: "dose 2 on the 15th birthday is past the series age limit", dob: "2009-03-01",
              doses: [("2023-02-01", "cecolin", "2025-01-01"), ("2024-03-01", "cecolin", "2025-01-01")], asOf: "2024-03-01"),
        .init(name: "expired lot", dob: "2010-05-01", doses: [("2023-10-10", "cecolin", "2023-10-01")], asOf: "2023-10-10",
              dose1Overdue: true, earliestAfterLastDose: true),
        .init(name: "a product outside the programme", dob: "2010-05-01", doses: [("2023-10-10", "gardasil9", "2025-01-01")],
              asOf: "2023-10-10", dose1Overdue: true, earliestAfterLastDose: true),
        .init(name: "leap-day birthday: 14th birthday is 1 March", dob: "2012-02-29",
              doses: [("2026-02-28", "cecolin", "2027-01-01")], asOf: "2026-02-28"),
    ]

    static let programme: HPVProgramme = {
        do { return try HPVProgramme.load(schemas: CDSiFixtures.schemas) } catch { fatalError("\(error)") }
    }()
    static let schedule = CDSiFixtures.schedule("hpv-2023-schedule")

    @Test(arguments: rows)
    func compare(_ row: Row) {
        let facts = EnrollmentFacts(birthDate: d(row.dob), sex: .female, priorVaccination: false, consent: .given)
        let old = Forecaster.forecast(facts: facts,
                                      doses: row.doses.map { DoseFact(date: d($0.date), product: $0.product, expiry: d($0.expiry)) },
                                      programme: Self.programme, asOf: d(row.asOf))
        let new = CDSiEngine.assess(birthDate: d(row.dob), sex: .female,
                                    doses: row.doses.map { AdministeredDose(date: d($0.date), code: $0.product, lotExpiry: d($0.expiry)) },
                                    schedule: Self.schedule, asOf: d(row.asOf))

        #expect(old.doses.map(\.valid) == new.doses.map { $0.status == .valid }, "validity")
        switch old.status {
        case .complete: #expect(new.status == .complete)
        case .windowClosed: #expect(new.status == .agedOut)
        default: #expect(new.status == .notComplete)
        }
        guard old.status != .windowClosed, old.status != .complete else { return }
        guard let was = old.next, let now = new.next else {
            Issue.record("one side has no next dose")
            return
        }
        if row.earliestAfterLastDose, let last = row.doses.last.map({ d($0.date) }) {
            #expect(was.earliest < last && now.earliest == last && now.recommended == last,
                    "known difference: CDSi's earliest is not before the most recent dose")
        } else {
            #expect(was.earliest == now.earliest, "earliest")
            #expect(was.due == now.recommended, "due = recommended")
        }
        #expect(was.latest == now.latest, "latest")
        if row.dose1Overdue {
            #expect(was.dose == 1 && now.pastDue == nil, "known difference: dose 1's deadline has no CDSi form")
        } else {
            #expect(now.pastDue?.addingDays(1) == was.overdue, "overdue = past due + 1 day")
        }
    }
}
