import Foundation
import Testing

/// The parts of the field contract the first suite leaves out: each specimen stage on `overdue` at
/// and past its limit, a prenatal lab row keyed by the mother's ID alone or by its 标本编号, and the
/// programme period of the report.
@Suite("screenvax screening: the field contract, stages and prenatal keys")
struct ScreeningFieldContractTests {
    static let env = ["SCREENVAX_TODAY": "2023-12-31"]
    static let mother = makeID("1995-03-10")
    static let babyMother = makeID("1992-07-07", sequence: 24)

    /// A woman at 15 weeks with a serum specimen, and a baby with three cards: one left
    /// collected on 12-08 (limit 7), one dispatched on 12-09 (limit 3), one received on 12-10 (limit 5).
    func county() throws -> (cli: CLI, pregnancy: String) {
        let cli = try CLI()
        func run(_ args: [String]) throws -> String {
            let r = try cli.run(["--db", cli.db] + args, env: Self.env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let p = try run(["screening", "pregnancy", "add", "--id", Self.mother, "--name", "王芳", "--phone", "13812345678", "--county", "360102",
                         "--lmp", "2023-08-22"])
        let q = try run(["screening", "pregnancy", "add", "--id", Self.babyMother, "--name", "李娜", "--phone", "13912345678", "--county", "360102",
                         "--lmp", "2023-03-01"])
        let n = try run(["screening", "newborn", "add", "--pregnancy", q, "--born", "2023-12-05T08:10", "--sex", "F", "--order", "1"])
        func collect(_ no: String, _ service: String, _ subject: [String], _ at: String) throws {
            _ = try run(["screening", "specimen", "collect"] + subject + ["--service", service, "--specimen-no", no, "--collected-at", at,
                                                                         "--institution", "NC-MCH-BH"])
        }
        try collect("K-COLLECTED", "metabolic", ["--newborn", n], "2023-12-08T09:00")
        try collect("K-DISPATCHED", "deaf_gene", ["--newborn", n], "2023-12-08T09:00")
        _ = try run(["screening", "specimen", "dispatch", "--specimen-no", "K-DISPATCHED", "--at", "2023-12-09T16:00"])
        try collect("S-RECEIVED", "serum", ["--pregnancy", p], "2023-12-08T10:00")
        _ = try run(["screening", "specimen", "dispatch", "--specimen-no", "S-RECEIVED", "--at", "2023-12-09T10:00"])
        _ = try run(["screening", "specimen", "receive", "--specimen-no", "S-RECEIVED", "--at", "2023-12-10T10:00"])
        return (cli, p)
    }

    @Test("overdue: each stage at its limit is not listed, the day after it is", arguments: [
        ("2023-12-12", [String]()),
        ("2023-12-13", ["K-DISPATCHED"]),
        ("2023-12-15", ["K-DISPATCHED"]),
        ("2023-12-16", ["K-COLLECTED", "K-DISPATCHED", "S-RECEIVED"]),
    ])
    func overdueStages(asOf: String, expected: [String]) throws {
        let (cli, _) = try county()
        let rows = try cli.run(["--db", cli.db, "screening", "specimen", "overdue", "--as-of", asOf, "--format", "json"], env: Self.env).array()
        #expect(rows.compactMap { $0["specimen_no"] as? String }.sorted() == expected)
        let stages = ["K-COLLECTED": ("collected", "2023-12-08", 7), "K-DISPATCHED": ("dispatched", "2023-12-09", 3),
                      "S-RECEIVED": ("received", "2023-12-10", 5)]
        for row in rows {
            let no = try #require(row["specimen_no"] as? String)
            let want = try #require(stages[no])
            #expect(row["stage"] as? String == want.0 && row["since"] as? String == want.1 && row["limit_days"] as? Int == want.2, "\(no)")
            #expect(row["institution"] as? String == "NC-MCH-BH" && row["service"] is String)
        }
    }

    @Test("a prenatal lab row by 母亲身份证号 alone, another by 标本编号; the result ends the specimen's wait")
    func prenatalRowsByWhatLabsHold() throws {
        let (cli, p) = try county()
        let csv = """
            标本编号,母亲身份证号,母亲姓名,检测项目,检测日期,t21_risk,afp_mom,α基因型,β基因型
            S-RECEIVED,,,唐筛,2023-12-11,1/5000,1.0,,
            ,\(Self.mother),王芳,地中海贫血基因检测,2023-12-11,,,αα/αα,βN/βN

            """
        let r = try cli.run(["--db", cli.db, "screening", "result", "import", try cli.file("lab.csv", csv), "--format", "json"], env: Self.env)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try r.object()
        #expect(report["imported"] as? Int == 2 && report["rejected"] as? Int == 0, "\(r.stdout)")
        #expect(Set(report.keys) == ["file", "encoding", "rows", "imported", "unchanged", "rejected", "positives", "errors", "dry_run"])
        let overdue = try cli.run(["--db", cli.db, "screening", "specimen", "overdue", "--as-of", "2023-12-31", "--format", "json"], env: Self.env).array()
        #expect(!overdue.contains { $0["specimen_no"] as? String == "S-RECEIVED" })
        let due = try cli.run(["--db", cli.db, "screening", "due", "--as-of", "2023-12-12", "--format", "json"], env: Self.env).array()
        #expect(!due.contains { $0["subject_id"] as? String == p && ["serum", "thal_gene"].contains($0["service"] as? String ?? "") })
    }

    @Test("report screening --period programme: the programme year, each service with its denominator")
    func programmePeriod() throws {
        let (cli, _) = try county()
        let r = try cli.run(["--db", cli.db, "report", "screening", "--period", "programme", "--format", "json"], env: Self.env)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try r.object()
        #expect(report["from"] as? String == "2023-01-01" && report["to"] as? String == "2023-12-31" && report["period"] as? String == "programme")
        let services = try #require(report["services"] as? [[String: Any]])
        #expect(services.count == 8)
        // One delivery (the baby's mother; the other woman is still pregnant), one live birth.
        for s in services {
            let newborn = ["metabolic", "hearing", "deaf_gene", "chd"].contains(s["service"] as? String ?? "")
            #expect(s["denominator_basis"] as? String == (newborn ? "live_births" : "deliveries"))
            #expect(s["denominator"] as? Int == 1, "\(s)")
        }
    }
}
