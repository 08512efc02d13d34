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

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ScreenVaxCoreTests/Fixtures")

    @Test("import FILE.xlsx --format json: form, warnings, errors at the sheet's rows; register; roster-status xlsx")
    func formRegisterRosterStatus() throws {
        let cli = try CLI()
        let r = try cli.run(["--db", cli.db, "hpv", "import", Self.fixtures.appendingPathComponent("roster-form.xlsx").path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try r.object()
        let form = try #require(o["form"] as? [String: Any])
        #expect(form["title"] as? String == "初一女生HPV疫苗受种对象名册" && form["school_head"] as? String == "张建国")
        #expect(form["contact"] as? String == "李老师" && form["contact_phone"] as? String == "0791-86801234" && form["filled_on"] as? String == "2023-09-05")
        #expect(o["warnings"] is [Any])
        let errors = try #require(o["errors"] as? [[String: Any]])
        #expect(errors.map { $0["row"] as? Int } == [4, 5] && errors.allSatisfy { $0["code"] as? String == "id_as_number" })

        let girl = makeID("2011-06-05", sequence: 8)
        let reg = try cli.run(["--db", cli.db, "hpv", "register", "--id", girl, "--name", "赵小燕", "--county", "360102",
                               "--guardian-name", "赵军", "--guardian-phone", "13812345678", "--school", "东湖区第一中学", "--format", "json"])
        #expect(reg.status == 0, "\(reg.stderr)")
        let ro = try reg.object()
        #expect((ro["person_id"] as? String)?.count == 36 && ro["status"] as? String != nil)
        // Registered with the guardian's consent signed at the clinic: consent is on record at once.
        let signed = makeID("2011-06-07", sequence: 10)
        let withConsent = try cli.run(["--db", cli.db, "hpv", "register", "--id", signed, "--name", "孙丽", "--county", "360102",
                                       "--guardian-name", "孙强", "--guardian-phone", "13812345678", "--consent-given", "--consent-by", "孙强",
                                       "--format", "json"])
        #expect(withConsent.status == 0, "\(withConsent.stderr)")
        let status = try cli.run(["--db", cli.db, "hpv", "status", "--id", signed, "--format", "json"])
        let reason = try status.object()["reason"] as? String
        #expect(status.status == 0 && reason != "consent not recorded")
        let unsigned = try cli.run(["--db", cli.db, "hpv", "register", "--id", makeID("2011-06-09", sequence: 12), "--name", "周敏",
                                    "--county", "360102", "--guardian-name", "周", "--guardian-phone", "13812345678", "--consent-given"])
        #expect(unsigned.status != 0 && unsigned.stderr.contains("consent_by_required"))

        let out = cli.directory.appendingPathComponent("status.xlsx").path
        let rs = try cli.run(["--db", cli.db, "hpv", "roster-status", "--school", "东湖区第一中学", "--out", out])
        #expect(rs.status == 0, "\(rs.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.starts(with: [0x50, 0x4B]))
    }
}
