import Foundation
import ScreenVaxCore
import Testing
@testable import HPV

@Suite("Cohort eligibility (附件7: 不超过14周岁 as of 2023-12-31)")
struct EligibilityTests {
    @Test("The shipped reading: completed years on 2023-12-31 at most 14", arguments: [
        ("2008-12-30", Exclusion?.some(.overAge)), ("2008-12-31", .overAge), ("2009-01-01", nil), ("2009-01-02", nil),
        ("2011-05-10", nil), ("2009-12-31", nil), ("2010-01-01", nil),
    ])
    func shippedReading(birth: String, expected: Exclusion?) throws {
        #expect(Eligibility.exclusion(facts(birth), programme: try programme()) == expected)
    }

    @Test("未满14周岁 is a one-line change (reading completed_years_under)", arguments: [
        ("2009-12-31", Exclusion?.some(.overAge)), ("2010-01-01", nil), ("2009-01-01", .overAge),
    ])
    func underReading(birth: String, expected: Exclusion?) throws {
        let p = try programme { json in
            var cohort = json["cohort"] as! [String: Any]
            var rule = cohort["age_rule"] as! [String: Any]
            rule["reading"] = "completed_years_under"
            cohort["age_rule"] = rule
            json["cohort"] = cohort
        }
        #expect(Eligibility.exclusion(facts(birth), programme: p) == expected)
    }

    @Test("A birthday that counts from the next day admits 2009-12-31 under 未满14周岁", arguments: [
        ("2009-12-30", Exclusion?.some(.overAge)), ("2009-12-31", nil), ("2010-01-01", nil),
    ])
    func nextDayReading(birth: String, expected: Exclusion?) throws {
        let p = try programme { json in
            var cohort = json["cohort"] as! [String: Any]
            var rule = cohort["age_rule"] as! [String: Any]
            rule["reading"] = "completed_years_under"
            rule["birthday_counts"] = "from_next_day"
            cohort["age_rule"] = rule
            json["cohort"] = cohort
        }
        #expect(Eligibility.exclusion(facts(birth), programme: p) == expected)
    }

    @Test("The earliest birth date inside the age rule is the one threshold of the rule, every reading and month end", arguments: [
        ("2023-12-31", "completed_years_at_most", "on_the_day", "roll_forward", "2009-01-01"),
        ("2023-12-31", "completed_years_under", "on_the_day", "roll_forward", "2010-01-01"),
        ("2023-12-31", "completed_years_under", "from_next_day", "roll_forward", "2009-12-31"),
        ("2024-02-29", "completed_years_at_most", "on_the_day", "roll_forward", "2009-03-01"),
        ("2024-02-29", "completed_years_at_most", "on_the_day", "clamp", "2009-03-01"),
        ("2024-02-28", "completed_years_at_most", "on_the_day", "roll_forward", "2009-03-01"),
        ("2023-02-28", "completed_years_at_most", "on_the_day", "roll_forward", "2008-02-29"),
        ("2023-02-28", "completed_years_at_most", "on_the_day", "clamp", "2008-03-01"),
        ("2023-02-28", "completed_years_at_most", "from_next_day", "roll_forward", "2008-02-28"),
        ("2023-02-28", "completed_years_at_most", "from_next_day", "clamp", "2008-02-29"),
        ("2023-02-28", "completed_years_under", "from_next_day", "clamp", "2009-02-28"),
        ("2024-03-01", "completed_years_at_most", "from_next_day", "roll_forward", "2009-03-01"),
    ])
    func earliestBirthDate(cutoff: String, reading: String, counts: String, monthEnd: String, expected: String) throws {
        let p = try programme { json in
            var cohort = json["cohort"] as! [String: Any]
            var rule = cohort["age_rule"] as! [String: Any]
            rule["reading"] = reading
            rule["birthday_counts"] = counts
            cohort["age_rule"] = rule
            cohort["age_cutoff_date"] = cutoff
            json["cohort"] = cohort
            var dateRule = json["date_rule"] as! [String: Any]
            dateRule["month_end"] = monthEnd
            json["date_rule"] = dateRule
        }
        let earliest = Eligibility.earliestBirthDateInCohortAge(programme: p)
        #expect(earliest.iso == expected)
        // The rule itself agrees on every day of the three years around the threshold.
        for offset in -400...800 {
            let birth = earliest.addingDays(offset)
            #expect(Eligibility.withinCohortAge(birthDate: birth, programme: p) == (offset >= 0), "born \(birth.iso)")
        }
    }

    @Test("Each clause excludes with its own reason, first failing clause first")
    func clauses() throws {
        let p = try programme()
        #expect(Eligibility.exclusion(facts("2011-05-10", sex: .male), programme: p) == .male)
        #expect(Eligibility.exclusion(facts("2011-05-10", prior: true), programme: p) == .previouslyVaccinated)
        #expect(Eligibility.exclusion(facts("2011-05-10", consent: .declined), programme: p) == .declined)
        #expect(Eligibility.exclusion(facts("2011-05-10", consent: .unknown), programme: p) == nil)
        #expect(Eligibility.exclusion(facts("2008-01-01", prior: true, consent: .declined), programme: p) == .overAge)
    }

    @Test("A malformed programme file is an error naming the field")
    func malformedProgramme() throws {
        do {
            _ = try programme { json in
                var series = json["series"] as! [String: Any]
                var doses = series["doses"] as! [[String: Any]]
                doses[1]["minimum_interval"] = "six months"
                series["doses"] = doses
                json["series"] = series
            }
            Issue.record("accepted a malformed interval")
        } catch let error as CoreError {
            #expect(error.code == "programme_invalid")
            #expect(error.message.contains("series.doses[1].minimum_interval"))
        }
        do {
            _ = try programme { json in json.removeValue(forKey: "price_cap") }
            Issue.record("accepted a file without price_cap")
        } catch let error as CoreError {
            #expect(error.message.contains("price_cap"))
            #expect(error.message.contains("missing"))
        }
    }

    @Test("A product priced above the cap is refused when the file is loaded")
    func priceCap() throws {
        let data = try Data(contentsOf: schemasURL.appendingPathComponent("programs/hpv-2023.json"))
        var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var products = json["products"] as! [[String: Any]]
        products[0]["price"] = 329
        json["products"] = products
        let p = try ProgrammeLoader.decode(HPVProgramme.self, data: try JSONSerialization.data(withJSONObject: json), file: "x.json")
        #expect(throws: CoreError.self) { try p.validate(file: "x.json") }
    }
}
