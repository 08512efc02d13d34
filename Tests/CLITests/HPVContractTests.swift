import Foundation
import Testing

/// The interface the product side tests against (issue "Foundation and the HPV cohort register").
@Suite("screenvax hpv: the command-line contract")
struct HPVContractTests {
    static let girl = makeID("2011-05-10")
    static let other = makeID("2011-06-20", region: "360702", sequence: 4)
    static let roster = """
        序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种
        1,东湖区,王小红,2011-05-10,\(girl),东湖区第一中学,初一(1)班,王伟,13812345678,无,是
        2,章贡区,李梅,2011-06-20,\(other),章贡区第三中学,初一(2)班,李强,13912345678,无,是
        3,东湖区,张丽,2011-01-02,\(makeID("2011-01-02", sequence: 6)),东湖区第一中学,初一(1)班,张军,13712345678,无,否
        4,东湖区,周洁,2011-03-03,360102201103030021,东湖区第一中学,初一(1)班,周辉,13312345678,无,是

        """

    @Test("import: counts, errors with spreadsheet row numbers, errors file, exit 0; re-import changes nothing")
    func importContract() throws {
        let cli = try CLI()
        let file = try cli.file("roster.csv", Self.roster)
        let errorsOut = cli.directory.appendingPathComponent("errors.csv").path
        let r = try cli.run(["--db", cli.db, "hpv", "import", file, "--format", "json", "--errors-out", errorsOut])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try r.object()
        #expect(o["rows"] as? Int == 4)
        #expect(o["imported"] as? Int == 2)
        #expect(o["unchanged"] as? Int == 0)
        #expect(o["excluded"] as? Int == 1)
        #expect(o["rejected"] as? Int == 1)
        let errors = try #require(o["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors[0]["row"] as? Int == 5)
        #expect(errors[0]["column"] as? String == "身份证号码")
        #expect(errors[0]["code"] as? String == "id_checksum")
        #expect((errors[0]["message"] as? String)?.isEmpty == false)
        #expect(FileManager.default.fileExists(atPath: errorsOut))
        let again = try cli.run(["hpv", "import", file, "--db", cli.db, "--format", "json"]).object()
        #expect(again["imported"] as? Int == 0)
        #expect(again["unchanged"] as? Int == 2)
        let dry = try cli.run(["hpv", "import", file, "--dry-run", "--db", cli.directory.appendingPathComponent("dry.sqlite").path, "--format", "json"]).object()
        #expect(dry["imported"] as? Int == 2)
        let info = try cli.run(["db", "info", "--db", cli.directory.appendingPathComponent("dry.sqlite").path, "--format", "json"]).object()
        let tables = try #require(info["tables"] as? [[String: Any]])
        #expect(tables.first { $0["table"] as? String == "persons" }?["rows"] as? Int == 0)
    }

    @Test("dose, status, due and report with --format json")
    func doseStatusDueReport() throws {
        let cli = try CLI()
        let file = try cli.file("roster.csv", Self.roster)
        try cli.run(["--db", cli.db, "hpv", "import", file])
        let dose = try cli.run(["--db", cli.db, "hpv", "dose", "--id", Self.girl, "--date", "2023-10-10", "--product", "cecolin",
                                "--lot", "C2023101", "--expiry", "2025-06-30", "--site", "left_deltoid", "--clinic", "东湖区接种门诊",
                                "--vaccinator", "刘护士"])
        #expect(dose.status == 0, "\(dose.stderr)")
        let status = try cli.run(["--db", cli.db, "hpv", "status", "--id", Self.girl, "--as-of", "2024-04-15", "--format", "json"]).object()
        #expect(status["status"] as? String == "due")
        let doses = try #require(status["doses"] as? [[String: Any]])
        #expect(doses.count == 1)
        #expect(doses[0]["number"] as? Int == 1)
        #expect(doses[0]["date"] as? String == "2023-10-10")
        #expect(doses[0]["valid"] as? Bool == true)
        #expect(doses[0]["reason"] is NSNull)
        #expect(doses[0]["counts_for_programme"] as? Bool == true)
        let next = try #require(status["next"] as? [String: Any])
        #expect(next["dose"] as? Int == 2)
        #expect(next["earliest"] as? String == "2024-04-10")
        #expect(next["due"] as? String == "2024-04-10")
        #expect(next["overdue"] as? String == "2024-05-10")
        #expect(next["latest"] as? String == "2026-05-09")

        let due = try cli.run(["--db", cli.db, "hpv", "due", "--as-of", "2024-04-15", "--format", "json"]).array()
        #expect(due.count == 2)
        let first = try #require(due.first { $0["name"] as? String == "李梅" })
        #expect(first["status"] as? String == "overdue")
        #expect(first["id_masked"] as? String == "360702********" + String(Self.other.suffix(4)))
        #expect(first["guardian_phone"] as? String == "139****5678")
        #expect(first["next_dose"] as? Int == 1)
        #expect(first["due"] as? String == "2023-09-01")
        #expect(first["latest"] as? String == "2025-06-19")
        #expect(first["school"] as? String == "章贡区第三中学")
        let table = try cli.run(["--db", cli.db, "hpv", "due", "--as-of", "2024-04-15"])
        #expect(!table.stdout.contains("13912345678"))
        #expect(!table.stdout.contains(Self.other))
        let pii = try cli.run(["--db", cli.db, "hpv", "due", "--as-of", "2024-04-15", "--format", "json", "--show-pii"]).array()
        #expect(pii.contains { $0["guardian_phone"] as? String == "13912345678" })
        let county = try cli.run(["--db", cli.db, "hpv", "due", "--as-of", "2024-04-15", "--county", "360102", "--format", "json"]).array()
        #expect(county.map { $0["name"] as? String } == ["王小红"])

        let report = try cli.run(["--db", cli.db, "report", "hpv", "--as-of", "2024-04-15", "--format", "json"]).object()
        let cities = try #require(report["cities"] as? [[String: Any]])
        let nanchang = try #require(cities.first { $0["city_code"] as? String == "360100" })
        #expect(nanchang["target"] as? Int == 30000)
        #expect(nanchang["dose1"] as? Int == 1)
        #expect(nanchang["complete"] as? Int == 0)
        #expect(nanchang["coverage"] as? Double == 0)
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["target"] as? Int == 248000)
        #expect(totals["dose1"] as? Int == 1)
        let csv = try cli.run(["--db", cli.db, "report", "hpv", "--as-of", "2024-04-15", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("city_code,city,target"))
    }

    @Test("Exit codes: 1 with a coded message on bad input, 2 on usage errors")
    func exitCodes() throws {
        let cli = try CLI()
        let file = try cli.file("roster.csv", Self.roster)
        try cli.run(["--db", cli.db, "hpv", "import", file])
        let future = try cli.run(["--db", cli.db, "hpv", "dose", "--id", Self.girl, "--date", "2099-01-01", "--product", "cecolin",
                                  "--lot", "L", "--expiry", "2099-12-31"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("future_date"))
        let badID = try cli.run(["--db", cli.db, "hpv", "status", "--id", "360102201105100011"])
        #expect(badID.status == 1)
        #expect(badID.stderr.contains("id_checksum"))
        let unknown = try cli.run(["--db", cli.db, "hpv", "status", "--id", makeID("2011-01-01", sequence: 998)])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("not_enrolled"))
        #expect(!unknown.stderr.contains(makeID("2011-01-01", sequence: 998)), "errors never print a full ID")
        #expect(try cli.run(["--db", cli.db, "hpv", "due", "--bogus"]).status == 2)
        #expect(try cli.run(["--db", cli.db, "hpv", "dose", "--id", Self.girl]).status == 2)
        #expect(try cli.run(["--db", cli.db, "hpv", "due", "--format", "xml"]).status == 2)
        let missing = try cli.run(["--db", cli.db, "hpv", "import", cli.directory.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 1)
    }

    @Test("SCREENVAX_DB names the database; --operator lands in the audit log")
    func environment() throws {
        let cli = try CLI()
        let file = try cli.file("roster.csv", Self.roster)
        let r = try cli.run(["hpv", "import", file, "--operator", "县妇幼 李医生"], env: ["SCREENVAX_DB": cli.db])
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.db))
        let sqlite = try cli.run(["db", "info", "--format", "json"], env: ["SCREENVAX_DB": cli.db]).object()
        #expect(sqlite["schema_version"] as? Int ?? 0 >= 2)
    }
}

/// No input ends the command line on a signal; bad values are coded errors; transfers are the office's.
@Suite("screenvax hpv: bounded input and transfers")
struct HPVBoundsContractTests {
    static let roster = HPVContractTests.roster

    /// (arguments after `--db DB hpv`, exit code, code on stderr)
    @Test("Bad values exit 1 with a code, never on a signal", arguments: [
        (["dose", "--id", HPVContractTests.girl, "--date", "2023-10-10", "--product", "cecolin", "--lot", "L", "--expiry", "10000-06"], 1, "bad_date"),
        (["dose", "--id", HPVContractTests.girl, "--date", "2023-10-10", "--product", "cecolin", "--lot", "L", "--expiry", "1899-12"], 1, "bad_date"),
        (["dose", "--id", HPVContractTests.girl, "--date", "2023-10-10", "--product", "cecolin", "--lot", "L", "--expiry", "2100-12"], 0, ""),
        (["dose", "--id", HPVContractTests.girl, "--date", "10000-01-01", "--product", "cecolin", "--lot", "L", "--expiry", "2025-06"], 1, "bad_date"),
        (["dose", "--id", HPVContractTests.girl, "--date", "2023-10-10", "--product", "cecolin", "--lot", String(repeating: "批", count: 201),
          "--expiry", "2025-06"], 1, "too_long"),
        (["due", "--within=-1"], 1, "bad_value"),
        (["due", "--within", "0"], 0, ""),
        (["due", "--within", "3650"], 0, ""),
        (["due", "--within", "3651"], 1, "bad_value"),
        (["due", "--within", "9223372036854775807"], 1, "bad_value"),
        (["due", "--limit=-1"], 1, "bad_value"),
        (["consent", "--id", HPVContractTests.girl, "--declined", "--reason", String(repeating: "因", count: 201)], 1, "too_long"),
    ])
    func badValues(args: [String], status: Int32, code: String) throws {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        let r = try cli.run(["--db", cli.db, "hpv"] + args + ["--as-of", "2024-04-15"].filter { _ in args.first == "due" })
        #expect(r.status == status, "\(r.stderr)")
        if !code.isEmpty { #expect(r.stderr.contains("error: \(code)")) }
    }

    @Test("hpv import refuses a folder and a device as not_a_file", arguments: ["folder", "/dev/zero"])
    func notAFile(kind: String) throws {
        let cli = try CLI()
        let r = try cli.run(["--db", cli.db, "hpv", "import", kind == "folder" ? cli.directory.path : kind])
        #expect(r.status == 1 && r.stderr.contains("not_a_file"), "\(r.stderr)")
    }

    @Test("--errors-out holds every rejected row; the answer the first 1,000 and the total")
    func errorsOut() throws {
        let cli = try CLI()
        let rows = (1...1200).map { "\($0),东湖区,某某,2011-01-01,36010220110101001,东湖区第一中学,初一(1)班,某,13812345678,无,是" }
        let file = try cli.file("bad.csv", (["序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种"] + rows)
            .joined(separator: "\n"))
        let out = cli.directory.appendingPathComponent("退回.csv").path
        let r = try cli.run(["--db", cli.db, "hpv", "import", file, "--errors-out", out, "--format", "json"])
        #expect(r.status == 0)
        let o = try r.object()
        #expect((o["errors"] as? [Any])?.count == 1000 && o["errors_total"] as? Int == 1200 && o["rejected"] as? Int == 1200)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 1201)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    @Test("hpv transfer request, list, confirm: the office moves a girl between counties")
    func transfer() throws {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        let wrong = try cli.run(["--db", cli.db, "hpv", "transfer", "request", "--id", HPVContractTests.girl, "--name", "王小明", "--to-county", "西湖区"])
        #expect(wrong.status == 1 && wrong.stderr.contains("transfer_no_match"))
        let asked = try cli.run(["--db", cli.db, "hpv", "transfer", "request", "--id", HPVContractTests.girl, "--name", "王小红", "--to-county", "西湖区",
                                 "--school", "西湖区第二中学", "--format", "json"]).object()
        let id = try #require(asked["transfer_id"] as? String)
        #expect(asked["state"] as? String == "pending" && asked["from_county_code"] as? String == "360102" && asked["to_county_code"] as? String == "360103")
        let list = try cli.run(["--db", cli.db, "hpv", "transfer", "list", "--format", "json"]).array()
        #expect(list.map { $0["transfer_id"] as? String } == [id])
        let confirmed = try cli.run(["--db", cli.db, "hpv", "transfer", "confirm", "--transfer", id, "--format", "json"]).object()
        #expect(confirmed["state"] as? String == "confirmed")
        let status = try cli.run(["--db", cli.db, "hpv", "status", "--id", HPVContractTests.girl, "--format", "json"]).object()
        #expect(status["school"] as? String == "西湖区第二中学" && (status["person_id"] as? String)?.count == 36)
        let again = try cli.run(["--db", cli.db, "hpv", "transfer", "decline", "--transfer", id])
        #expect(again.status == 1 && again.stderr.contains("transfer_decided"))
    }
}
