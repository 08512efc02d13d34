import Foundation
import Testing

/// The interface the product side tests against (issue 15: screening as labs and MCH centres work).
@Suite("screenvax screening: the field contract")
struct ScreeningContractTests {
    static let env = ["SCREENVAX_TODAY": "2023-12-20"]
    static let mother = makeID("1995-03-10")
    static let twinsMother = makeID("1992-07-07", sequence: 24)

    /// A county with a woman in her first trimester and a mother of twins born 2023-12-05.
    func county() throws -> (cli: CLI, pregnancy: String, twins: [String]) {
        let cli = try CLI()
        func run(_ args: [String]) throws -> String {
            let r = try cli.run(["--db", cli.db] + args, env: Self.env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let p = try run(["screening", "pregnancy", "add", "--id", Self.mother, "--name", "王芳", "--phone", "13812345678", "--county", "360102",
                         "--lmp", "2023-09-25"])
        let q = try run(["screening", "pregnancy", "add", "--id", Self.twinsMother, "--name", "李娜", "--phone", "13912345678", "--county", "360102",
                         "--lmp", "2023-03-01"])
        let twins = try (1...2).map { order in
            try run(["screening", "newborn", "add", "--pregnancy", q, "--born", "2023-12-05T08:\(order)0", "--sex", "F", "--order", String(order),
                     "--weeks", "38", "--weight-g", "2700"])
        }
        return (cli, p, twins)
    }

    @Test("specimen collect, dispatch, receive [--reject], overdue --format json")
    func specimens() throws {
        let (cli, _, twins) = try county()
        func run(_ args: [String]) throws -> CLI.Result { try cli.run(["--db", cli.db, "screening", "specimen"] + args, env: Self.env) }
        #expect(try run(["collect", "--newborn", twins[0], "--service", "metabolic", "--specimen-no", "C001", "--collected-at", "2023-12-08T09:00",
                         "--institution", "NC-MCH-BH"]).status == 0)
        #expect(try run(["collect", "--newborn", twins[1], "--service", "metabolic", "--specimen-no", "C002", "--collected-at", "2023-12-08T09:05",
                         "--institution", "NC-MCH-BH"]).status == 0)
        let taken = try run(["collect", "--newborn", twins[1], "--service", "metabolic", "--specimen-no", "C001", "--collected-at", "2023-12-08T09:05",
                             "--institution", "NC-MCH-BH"])
        #expect(taken.status == 1 && taken.stderr.contains("specimen_no_taken"))
        #expect(try run(["dispatch", "--specimen-no", "C002", "--at", "2023-12-09T16:00"]).status == 0)
        let rejected = try run(["receive", "--specimen-no", "C002", "--at", "2023-12-11T09:00", "--reject", "haemolysed"])
        #expect(rejected.status == 0, "\(rejected.stderr)")
        let overdue = try run(["overdue", "--as-of", "2023-12-16", "--format", "json"])
        let rows = try overdue.array()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["specimen_no"] as? String == "C001" && row["service"] as? String == "metabolic" && row["institution"] as? String == "NC-MCH-BH")
        #expect(row["stage"] as? String == "collected" && row["since"] as? String == "2023-12-08" && row["limit_days"] as? Int == 7)
        let due = try cli.run(["--db", cli.db, "screening", "due", "--as-of", "2023-12-12", "--format", "json"], env: Self.env).array()
        #expect(due.contains { $0["subject_id"] as? String == twins[1] && $0["service"] as? String == "metabolic" && $0["status"] as? String == "recollect" })
    }

    @Test("result import by 标本编号 or 母亲身份证号 + 出生顺序, without internal ids; a newborn positive is under 高危儿管理 at once")
    func labImportAndManagement() throws {
        let (cli, _, twins) = try county()
        _ = try cli.run(["--db", cli.db, "screening", "specimen", "collect", "--newborn", twins[0], "--service", "metabolic", "--specimen-no", "C001",
                         "--collected-at", "2023-12-08T09:00", "--institution", "NC-MCH-BH"], env: Self.env)
        let csv = """
            标本编号,母亲身份证号,母亲姓名,出生顺序,检测项目,检测日期,检测机构,苯丙氨酸,促甲状腺激素,17-羟孕酮,G6PD活性
            C001,,,,遗传代谢病,2023-12-12,JX-MCH,60,3.1,8,4.5
            ,\(Self.twinsMother),李娜,2,遗传代谢病,2023-12-12,JX-MCH,300,3.1,8,4.5
            ,\(Self.twinsMother),李娜,,遗传代谢病,2023-12-13,JX-MCH,60,3.1,8,4.5
            ,\(Self.twinsMother),张三,1,遗传代谢病,2023-12-13,JX-MCH,60,3.1,8,4.5

            """
        let r = try cli.run(["--db", cli.db, "screening", "result", "import", try cli.file("lab.csv", csv), "--format", "json"], env: Self.env)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try r.object()
        #expect(report["imported"] as? Int == 2 && report["rejected"] as? Int == 2 && report["positives"] as? Int == 1)
        let codes = (report["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["two_matches", "name_mismatch"])
        #expect(!r.stdout.contains("李娜，") && !r.stdout.contains(Self.twinsMother))
        let cases = try cli.run(["--db", cli.db, "recall", "list", "--format", "json"], env: Self.env).array()
        #expect(cases.count == 1)
        #expect(cases.first?["high_risk_management"] as? Bool == true && cases.first?["stage"] as? String == "opened")
    }

    @Test("decline --pregnancy P --service nt --reason R: no nt line for P in screening due")
    func decline() throws {
        let (cli, p, _) = try county()
        func due() throws -> [[String: Any]] {
            try cli.run(["--db", cli.db, "screening", "due", "--as-of", "2023-12-15", "--format", "json"], env: Self.env).array()
                .filter { $0["subject_id"] as? String == p }
        }
        #expect(try due().contains { $0["service"] as? String == "nt" })
        let r = try cli.run(["--db", cli.db, "screening", "decline", "--pregnancy", p, "--service", "nt", "--reason", "担心流产"], env: Self.env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try !due().contains { $0["service"] as? String == "nt" })
        #expect(try due().contains { $0["service"] as? String == "thal_gene" })
        let again = try cli.run(["--db", cli.db, "screening", "decline", "--pregnancy", p, "--service", "nt", "--reason", "再次"], env: Self.env)
        #expect(again.status == 1 && again.stderr.contains("already_declined"))
    }

    @Test("report screening --from --to --format json: denominator per service by the national definition, hearing initial_positives")
    func report() throws {
        let (cli, _, twins) = try county()
        for (baby, left) in zip(twins, ["refer", "pass"]) {
            let r = try cli.run(["--db", cli.db, "screening", "result", "--newborn", baby, "--service", "hearing", "--date", "2023-12-07T10:00",
                                 "--value", "left=\(left)", "--value", "right=pass"], env: Self.env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try cli.run(["--db", cli.db, "report", "screening", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json"], env: Self.env)
        #expect(r.status == 0, "\(r.stderr)")
        let services = try #require(try r.object()["services"] as? [[String: Any]])
        let nt = try #require(services.first { $0["service"] as? String == "nt" })
        #expect(nt["denominator"] as? Int == 1 && nt["denominator_basis"] as? String == "deliveries" && nt["registered"] as? Int == 2)
        let hearing = try #require(services.first { $0["service"] as? String == "hearing" })
        #expect(hearing["denominator"] as? Int == 2 && hearing["denominator_basis"] as? String == "live_births")
        #expect(hearing["initial_positives"] as? Int == 1 && hearing["positives"] as? Int == 0 && hearing["screened"] as? Int == 2)
        let annual = try cli.run(["--db", cli.db, "report", "screening", "--period", "annual-report", "2024", "--format", "json"], env: Self.env).object()
        #expect(annual["from"] as? String == "2023-10-01" && annual["to"] as? String == "2024-09-30" && annual["period"] as? String == "annual-report 2024")
    }
}
