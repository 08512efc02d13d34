import Foundation
import Testing

/// The interface of "HPV as the counties really run it": the county's own dates and consent at the
/// point of care, as the product side calls them.
@Suite("screenvax hpv: dates set and consent at the clinic")
struct HPVFieldContractTests {
    static let roster = HPVContractTests.roster
    static let declined = makeID("2011-01-02", sequence: 6)

    @Test("status --as-of 2023-11-15 with no dose is overdue; dates set moves the county; a later deadline exits 1")
    func datesSet() throws {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        let status = { (day: String) throws -> String? in
            try cli.run(["--db", cli.db, "hpv", "status", "--id", HPVContractTests.girl, "--as-of", day, "--format", "json"]).object()["status"] as? String
        }
        #expect(try status("2023-10-31") == "due")
        #expect(try status("2023-11-15") == "overdue")
        let later = try cli.run(["--db", cli.db, "hpv", "dates", "set", "--county", "360102", "--campaign-start", "2023-09-01",
                                 "--first-dose-deadline", "2023-11-30"])
        #expect(later.status == 1)
        #expect(later.stderr.contains("after_province_deadline"))
        let set = try cli.run(["--db", cli.db, "hpv", "dates", "set", "--county", "360102", "--campaign-start", "2023-09-10",
                               "--first-dose-deadline", "2023-10-20", "--format", "json"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try set.object()["first_dose_deadline"] as? String == "2023-10-20")
        #expect(try status("2023-10-20") == "due")
        #expect(try status("2023-10-21") == "overdue")
        #expect(try status("2023-09-09") == "scheduled")
    }

    @Test("dose without consent: exit 1 consent_required; with --consent-given --consent-by: exit 0 and she counts")
    func consentAtClinic() throws {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        let dose = ["--db", cli.db, "hpv", "dose", "--id", Self.declined, "--date", "2023-10-10", "--product", "cecolin",
                    "--lot", "C2023101", "--expiry", "2025-06-30"]
        let refused = try cli.run(dose)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("consent_required"))
        let half = try cli.run(dose + ["--consent-given"])
        #expect(half.status != 0)
        let given = try cli.run(dose + ["--consent-given", "--consent-by", "张军", "--format", "json"])
        #expect(given.status == 0, "\(given.stderr)")
        let status = try cli.run(["--db", cli.db, "hpv", "status", "--id", Self.declined, "--as-of", "2023-10-11", "--format", "json"]).object()
        let doses = try #require(status["doses"] as? [[String: Any]])
        #expect(doses.first?["counts_for_programme"] as? Bool == true)
        #expect(status["status"] as? String == "scheduled")
    }
}
