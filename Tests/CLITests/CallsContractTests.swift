import Foundation
import Testing

/// The interface the product side tests against (issue 6, part 2: the follow-up call queue).
@Suite("screenvax calls: the command-line contract")
struct CallsContractTests {
    static let roster = """
        序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种
        1,东湖区,王小红,2011-05-10,\(makeID("2011-05-10")),东湖区第一中学,初一(1)班,王伟,13812345678,无,是
        2,东湖区,王小兰,2009-11-01,\(makeID("2009-11-01", sequence: 4)),东湖区第一中学,初一(1)班,王伟,138 1234 5678,无,是
        3,东湖区,李梅,2011-06-20,\(makeID("2011-06-20", sequence: 6)),东湖区第一中学,初一(2)班,李强,13912345678,无,是

        """

    func county() throws -> CLI {
        let cli = try CLI()
        let r = try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        #expect(r.status == 0, "\(r.stderr)")
        return cli
    }

    @Test("plan --as-of D --format json: [{call_id, phone_masked, reasons, priority}], one call per number, idempotent")
    func plan() throws {
        let cli = try county()
        let r = try cli.run(["--db", cli.db, "calls", "plan", "--as-of", "2023-10-10", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let calls = try r.array()
        #expect(calls.count == 2)
        for c in calls {
            #expect(Set(c.keys) == ["call_id", "phone_masked", "reasons", "priority"])
            #expect((c["phone_masked"] as? String)?.wholeMatch(of: /1[0-9]{2}\*{4}[0-9]{4}/) != nil)
            #expect((c["reasons"] as? [String])?.isEmpty == false)
        }
        #expect(calls[0]["phone_masked"] as? String == "138****5678")
        #expect(calls[0]["priority"] as? String == "window_closing")
        #expect((calls[0]["reasons"] as? [String])?.count == 2)
        #expect(!r.stdout.contains("13812345678") && !r.stderr.contains("13812345678"))
        let again = try cli.run(["--db", cli.db, "calls", "plan", "--as-of", "2023-10-10", "--format", "json"]).array()
        #expect(again.map { $0["call_id"] as? String } == calls.map { $0["call_id"] as? String })
        let list = try cli.run(["--db", cli.db, "calls", "list", "--format", "json"]).array()
        #expect(list.count == 2)
        #expect(!list.contains { $0["phone"] != nil })
    }

    @Test("Exit codes: bad input 1 with a coded message, usage 2")
    func exitCodes() throws {
        let cli = try county()
        let badDate = try cli.run(["--db", cli.db, "calls", "plan", "--as-of", "2023-13-40"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.hasPrefix("error: bad_date"))
        let unknown = try cli.run(["--db", cli.db, "calls", "attempt", "--call", "nope", "--outcome", "reached", "--at", "2023-10-10T09:00"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: call_not_found"))
        let outcome = try cli.run(["--db", cli.db, "calls", "outcome", "--call", "nope", "--outcome", "hung_up"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("error: bad_outcome"))
        #expect(try cli.run(["--db", cli.db, "calls", "plan", "--bogus"]).status == 2)
        #expect(try cli.run(["--db", cli.db, "calls", "attempt", "--outcome", "reached"]).status == 2)
        let badTime = try cli.run(["--db", cli.db, "calls", "export", "--at", "9am"])
        #expect(badTime.status == 1)
        #expect(badTime.stderr.hasPrefix("error: bad_time"))
    }

    @Test("export carries the phone the platform dials (--masked does not); import-results twice changes nothing; report calls")
    func exportImportReport() throws {
        let cli = try county()
        let calls = try cli.run(["--db", cli.db, "calls", "plan", "--as-of", "2023-10-10", "--format", "json"]).array()
        let masked = try cli.run(["--db", cli.db, "calls", "export", "--at", "2023-10-10T09:00", "--masked", "--format", "json"])
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(!masked.stdout.contains("13812345678"))
        let out = cli.directory.appendingPathComponent("batch.csv").path
        let export = try cli.run(["--db", cli.db, "calls", "export", "--at", "2023-10-10T10:01", "--out", out, "--format", "csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.hasPrefix("call_id,name,phone,priority,script_template,variables"))
        #expect(csv.contains("13812345678"))
        #expect(!export.stderr.contains("13812345678"))

        let id0 = try #require(calls[0]["call_id"] as? String), id1 = try #require(calls[1]["call_id"] as? String)
        let results = try cli.file("results.csv", """
            call_id,outcome,at,result_id
            \(id0),reached,2023-10-10T10:05:00+08:00,r1
            \(id1),no_answer,2023-10-10T10:06:00+08:00,r2
            nope,reached,2023-10-10T10:07:00+08:00,r3

            """)
        let first = try cli.run(["--db", cli.db, "calls", "import-results", results, "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let f = try first.object()
        #expect(f["recorded"] as? Int == 2)
        #expect(f["rejected"] as? Int == 1)
        #expect(((f["errors"] as? [[String: Any]])?.first?["row"] as? Int) == 4)
        let second = try cli.run(["--db", cli.db, "calls", "import-results", results, "--format", "json"]).object()
        #expect(second["recorded"] as? Int == 0)
        #expect(second["unchanged"] as? Int == 2)

        let report = try cli.run(["--db", cli.db, "report", "calls", "--from", "2023-10-10", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let o = try report.object()
        #expect(o["planned"] as? Int == 2)
        #expect(o["attempted"] as? Int == 2)
        #expect(o["reached"] as? Int == 1)
        #expect(o["reached_rate"] as? Double == 0.5)
        #expect(o["escalated"] as? Int == 0)
        let escalated = try cli.run(["--db", cli.db, "calls", "escalated", "--format", "json"])
        #expect(escalated.status == 0)
        #expect(try escalated.array().isEmpty)
    }
}
