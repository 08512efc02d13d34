import Foundation
import HPV
import ScreenVaxCore
import Testing

/// Boundaries of the five label schedules (Schemas/programs/hpv-label-*.json). Labels grant no
/// 4-day grace, so the day before each minimum is not valid.
@Suite("CDSi label schedule boundaries")
struct CDSiLabelScheduleTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let schedule: String
        let name: String
        let dob: String
        let doses: [(String, String)]
        let asOf: String
        let evaluations: [String]
        let status: SeriesStatus
        var next: (dose: Int, earliest: String, recommended: String, pastDue: String?, latest: String?)? = nil
        var testDescription: String { "\(schedule): \(name)" }
    }

    static let rows: [Row] = [
        // Cecolin: 9-14 two doses at least 5 months apart; else 0, 1-2, 5-8 months; ages 9-45.
        .init(schedule: "hpv-label-cecolin", name: "9th birthday - 1 day is too young (no grace)", dob: "2011-11-10",
              doses: [("2020-11-09", "cecolin")], asOf: "2020-11-09", evaluations: ["NV:too_young"], status: .notComplete),
        .init(schedule: "hpv-label-cecolin", name: "on the 9th birthday: dose 2 from 5 months, recommended at 6",
              dob: "2011-11-10", doses: [("2020-11-10", "cecolin")], asOf: "2020-11-10", evaluations: ["V"],
              status: .notComplete, next: (2, "2021-04-10", "2021-05-10", nil, nil)),
        .init(schedule: "hpv-label-cecolin", name: "girl 12: second dose at 5 months completes", dob: "2011-11-10",
              doses: [("2023-11-10", "cecolin"), ("2024-04-10", "cecolin")], asOf: "2024-04-10",
              evaluations: ["V", "V"], status: .complete),
        .init(schedule: "hpv-label-cecolin", name: "girl 12: second dose a day short of 5 months counts as dose 2 of 3",
              dob: "2011-11-10", doses: [("2023-11-10", "cecolin"), ("2024-04-09", "cecolin")], asOf: "2024-04-09",
              evaluations: ["V", "V"], status: .notComplete, next: (3, "2024-04-10", "2024-05-10", "2024-07-10", nil)),
        .init(schedule: "hpv-label-cecolin", name: "started at 15: dose 2 one month later, past due after 2 months",
              dob: "2008-06-15", doses: [("2023-06-15", "cecolin")], asOf: "2023-06-15", evaluations: ["V"],
              status: .notComplete, next: (2, "2023-07-15", "2023-07-15", "2023-08-15", nil)),
        .init(schedule: "hpv-label-cecolin", name: "started at 15: dose 2 a day short of one month is too soon",
              dob: "2008-06-15", doses: [("2023-06-15", "cecolin"), ("2023-07-14", "cecolin")], asOf: "2023-07-14",
              evaluations: ["V", "NV:too_soon"], status: .notComplete),
        .init(schedule: "hpv-label-cecolin", name: "on the 46th birthday a dose is too old", dob: "1980-01-01",
              doses: [("2026-01-01", "cecolin")], asOf: "2026-01-01", evaluations: ["X:too_old"], status: .agedOut),
        .init(schedule: "hpv-label-cecolin", name: "another product under this label is not allowable", dob: "2011-11-10",
              doses: [("2023-11-10", "walrinvax")], asOf: "2023-11-10", evaluations: ["NV:not_allowable"], status: .notComplete),
        // Walrinvax: ages 9-30 (maximum age 31 years).
        .init(schedule: "hpv-label-walrinvax", name: "the day before the 31st birthday is valid", dob: "1995-01-01",
              doses: [("2025-12-31", "walrinvax")], asOf: "2025-12-31", evaluations: ["V"], status: .notComplete),
        .init(schedule: "hpv-label-walrinvax", name: "on the 31st birthday a dose is too old", dob: "1995-01-01",
              doses: [("2026-01-01", "walrinvax")], asOf: "2026-01-01", evaluations: ["X:too_old"], status: .agedOut),
        .init(schedule: "hpv-label-walrinvax", name: "girl 12: dose 2 a day short of 6 months counts as dose 2 of 3", dob: "2011-11-10",
              doses: [("2023-11-10", "walrinvax"), ("2024-05-09", "walrinvax")], asOf: "2024-05-09",
              evaluations: ["V", "V"], status: .notComplete),
        .init(schedule: "hpv-label-walrinvax", name: "girl 12: dose 2 at 6 months completes", dob: "2011-11-10",
              doses: [("2023-11-10", "walrinvax"), ("2024-05-10", "walrinvax")], asOf: "2024-05-10",
              evaluations: ["V", "V"], status: .complete),
        // Cervarix: 9-14 second dose 5-13 months after the first (maximum interval closes the window).
        .init(schedule: "hpv-label-cervarix", name: "girl 12: window for dose 2 ends the day before 13 months",
              dob: "2011-11-10", doses: [("2023-11-10", "cervarix")], asOf: "2023-11-10", evaluations: ["V"],
              status: .notComplete, next: (2, "2024-04-10", "2024-05-10", nil, "2024-12-09")),
        // Gardasil 4 and 9: three doses 0, 2, 6 months; ages 9-45.
        .init(schedule: "hpv-label-gardasil4", name: "dose 2 a day short of 2 months is too soon", dob: "2011-11-10",
              doses: [("2023-11-10", "gardasil4"), ("2024-01-09", "gardasil4")], asOf: "2024-01-09",
              evaluations: ["V", "NV:too_soon"], status: .notComplete),
        .init(schedule: "hpv-label-gardasil4", name: "dose 3 six months after dose 1", dob: "2011-11-10",
              doses: [("2023-11-10", "gardasil4"), ("2024-01-10", "gardasil4")], asOf: "2024-01-10",
              evaluations: ["V", "V"], status: .notComplete, next: (3, "2024-05-10", "2024-05-10", nil, nil)),
        .init(schedule: "hpv-label-gardasil9", name: "month end: 31 August + 2 months is 31 October", dob: "2011-08-31",
              doses: [("2023-08-31", "gardasil9")], asOf: "2023-08-31", evaluations: ["V"], status: .notComplete,
              next: (2, "2023-10-31", "2023-10-31", nil, nil)),
        .init(schedule: "hpv-label-gardasil9", name: "month end: 31 August + 6 months rolls to 1 March", dob: "2011-08-31",
              doses: [("2023-08-31", "gardasil9"), ("2023-10-31", "gardasil9")], asOf: "2023-10-31",
              evaluations: ["V", "V"], status: .notComplete, next: (3, "2024-03-01", "2024-03-01", nil, nil)),
        .init(schedule: "hpv-label-gardasil9", name: "three doses complete", dob: "2011-08-31",
              doses: [("2023-08-31", "gardasil9"), ("2023-10-31", "gardasil9"), ("2024-03-01", "gardasil9")], asOf: "2024-03-01",
              evaluations: ["V", "V", "V"], status: .complete),
    ]

    @Test(arguments: rows)
    func boundary(_ row: Row) {
        let schedule = CDSiFixtures.schedule(row.schedule)
        let result = CDSiEngine.assess(birthDate: d(row.dob), sex: .female, doses: doses(row.doses),
                                       schedule: schedule, asOf: d(row.asOf))
        #expect(result.doses.map(CDSiBoundaryTests.label) == row.evaluations)
        #expect(result.status == row.status)
        if let next = row.next {
            #expect(result.next?.dose == next.dose)
            #expect(result.next?.earliest == d(next.earliest))
            #expect(result.next?.recommended == d(next.recommended))
            #expect(result.next?.pastDue == next.pastDue.map(d))
            #expect(result.next?.latest == next.latest.map(d))
        }
    }

    @Test("label schedules are for girls: a boy is not recommended", arguments: ["hpv-label-cecolin", "hpv-label-gardasil9"])
    func boysNotRecommended(_ name: String) {
        let result = CDSiEngine.assess(birthDate: d("2011-11-10"), sex: .male, doses: [],
                                       schedule: CDSiFixtures.schedule(name), asOf: d("2023-11-10"))
        #expect(result.status == .notRecommended)
        #expect(result.next == nil)
    }
}

@Suite("CDSi which schedule applies")
struct CDSiScheduleChoiceTests {
    static let labels = ["cecolin", "walrinvax", "cervarix", "gardasil4", "gardasil9"]
        .map { CDSiFixtures.schedule("hpv-label-\($0)") }

    @Test("in the programme: the programme, whatever her first product")
    func inProgramme() throws {
        #expect(try ScheduleChoice.choose(inProgramme: true, programme: "hpv-2023", firstProduct: "gardasil9",
                                          labels: Self.labels) == .programme("hpv-2023"))
    }

    @Test("out of the programme: the label of her first product", arguments: [
        ("cecolin", "hpv-label-cecolin"), ("walrinvax", "hpv-label-walrinvax"), ("cervarix", "hpv-label-cervarix"),
        ("gardasil4", "hpv-label-gardasil4"), ("gardasil9", "hpv-label-gardasil9"),
    ])
    func label(_ product: String, _ expected: String) throws {
        #expect(try ScheduleChoice.choose(inProgramme: false, programme: "hpv-2023", firstProduct: product,
                                          labels: Self.labels) == .label(expected))
    }

    @Test("out of the programme with no label for her product, or no dose yet: an error that says what to do")
    func noLabel() {
        #expect(throws: ScheduleError.noLabel(product: "cecolin9")) {
            try ScheduleChoice.choose(inProgramme: false, programme: "hpv-2023", firstProduct: "cecolin9", labels: Self.labels)
        }
        #expect(throws: ScheduleError.noFirstProduct) {
            try ScheduleChoice.choose(inProgramme: false, programme: "hpv-2023", firstProduct: nil, labels: Self.labels)
        }
    }
}

@Suite("CDSi schedule files")
struct CDSiScheduleFileTests {
    static let good = """
        {"id": "t", "name": "t", "kind": "label", "code_system": "product", "label_product": "x", "source": "test",
         "vaccines": [{"code": "x", "name": "X"}],
         "series": [{"name": "s", "sexes": ["F"], "default_series": true, "preference": 1,
                     "doses": [{"dose": 1, "ages": [{"minimum_age": "9 years"}], "allowable_vaccines": [{"code": "x"}]},
                               {"dose": 2, "intervals": [{"minimum_interval": "6 months"}], "allowable_vaccines": [{"code": "x"}]}]}]}
        """

    @Test("a well-formed file loads")
    func loads() throws {
        let schedule = try Schedule.decode(Data(Self.good.utf8), file: "t.json")
        #expect(schedule.series[0].doses[1].intervals[0].fromPrevious)
    }

    @Test("a malformed file names the field", arguments: [
        ("\"6 months\"", "\"6 monthz\"", "series[0].doses[1].intervals[0].minimum_interval"),
        ("\"dose\": 2", "\"dose\": 3", "series[0].doses[1].dose"),
        ("\"sexes\": [\"F\"]", "\"sexes\": []", "series[0].sexes"),
        ("\"allowable_vaccines\": [{\"code\": \"x\"}]}]}]}", "\"allowable_vaccines\": [{\"code\": \"y\"}]}]}]}", "series[0].doses[1]"),
        ("\"kind\": \"label\", ", "", "kind"),
    ])
    func malformed(_ find: String, _ replace: String, _ field: String) {
        let text = Self.good.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.good)
        do {
            _ = try Schedule.decode(Data(text.utf8), file: "t.json")
            Issue.record("expected an error for \(field)")
        } catch let error as ScheduleError {
            guard case .invalid(_, let got, _) = error else { Issue.record("\(error)"); return }
            #expect(got == field)
            #expect(error.code == "schedule_invalid")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("an unknown schedule name lists the shipped ones")
    func unknown() {
        #expect(throws: ScheduleError.unknownSchedule("hpv-nope", known: [
            "hpv-2023-schedule", "hpv-cdsi", "hpv-label-cecolin", "hpv-label-cervarix", "hpv-label-gardasil4", "hpv-label-gardasil9", "hpv-label-walrinvax",
        ])) {
            try Schedule.load(schemas: CDSiFixtures.schemas, name: "hpv-nope")
        }
    }
}
