import Foundation
import Testing

/// Input no command should choke on: devices, folders, runaway cells, out-of-range dates and
/// numbers; and what the command line creates is private to its owner.
@Suite("screenvax: bounded input, private files, outbox retention")
struct InputBoundsContractTests {
    func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    @Test("A device, a folder or a pipe given as the file ends at once with not_a_file, exit 1", arguments: [
        ["hpv", "import"], ["screening", "result", "import"], ["calls", "import-results"],
    ])
    func notAFile(command: [String]) throws {
        let cli = try CLI()
        let fifo = cli.directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in ["/dev/zero", cli.directory.path, fifo] {
            let r = try cli.run(["--db", cli.db] + command + [path], timeout: 60)
            #expect(r.status == 1, "\(command) \(path): \(r.stderr)")
            #expect(r.stderr.contains("error: not_a_file"), "\(command) \(path): \(r.stderr)")
        }
    }

    @Test("A runaway cell stops the import with field_too_long naming row and column; nothing is written")
    func runawayCell() throws {
        let cli = try CLI()
        let file = try cli.file("roster.csv", HPVContractTests.roster.replacingOccurrences(of: "王伟", with: String(repeating: "伟", count: 2000)))
        let r = try cli.run(["--db", cli.db, "hpv", "import", file], timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: field_too_long: roster.csv, row 2, column 监护人姓名"), "\(r.stderr)")
        let info = try cli.run(["--db", cli.db, "db", "info", "--format", "json"]).object()
        let tables = try #require(info["tables"] as? [[String: Any]])
        #expect(tables.first { $0["table"] as? String == "persons" }?["rows"] as? Int == 0)
    }

    @Test("An expiry past 2100 is bad_date, exit 1, not a crash", arguments: ["10000-06", "2101-01", "1899-12", "2025-13"])
    func expiry(text: String) throws {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", HPVContractTests.roster)])
        let r = try cli.run(["--db", cli.db, "hpv", "dose", "--id", HPVContractTests.girl, "--date", "2023-10-10", "--product", "cecolin",
                             "--lot", "C1", "--expiry", text, "--site", "left_deltoid", "--clinic", "门诊", "--vaccinator", "刘护士"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("error: bad_date"), "\(r.stderr)")
    }

    @Test("The registry and every file the command line writes are readable by their owner only")
    func privateFiles() throws {
        let cli = try CLI()
        #expect(try cli.run(["--db", cli.db, "db", "migrate"]).status == 0)
        #expect(try mode(cli.db) == 0o600)
        let roster = cli.directory.appendingPathComponent("roster.csv").path
        #expect(try cli.run(["demo", "roster", "--rows", "3", "--out", roster]).status == 0)
        #expect(try mode(roster) == 0o600)
    }

    @Test("CSV listings neutralise formula cells")
    func formulaCells() throws {
        let cli = try CLI()
        let roster = HPVContractTests.roster.replacingOccurrences(of: "东湖区第一中学", with: "\"=HYPERLINK(\"\"http://x\"\";\"\"点我\"\")\"")
        #expect(try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", roster)]).status == 0)
        let csv = try cli.run(["--db", cli.db, "hpv", "list", "--as-of", "2024-04-15", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\";\"\"点我\"\")\","), "\(csv.stdout)")
        #expect(!csv.stdout.contains(",=HYPERLINK"))
    }

    @Test("sync prune and db info: the outbox's size; keep-days outside 0…36500 is bad_keep_days")
    func retention() throws {
        let cli = try CLI()
        #expect(try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", HPVContractTests.roster)]).status == 0)
        let prune = try cli.run(["--db", cli.db, "sync", "prune", "--keep-days", "0"])
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.hasPrefix("0 acknowledged payloads older than 0 days dropped; outbox: "), "\(prune.stdout)")
        let info = try cli.run(["--db", cli.db, "db", "info", "--format", "json"]).object()
        let outbox = try #require(info["outbox"] as? [String: Int])
        #expect(outbox["pending"] ?? 0 > 0 && outbox["acknowledged"] == 0 && outbox["pruned"] == 0 && outbox["dead"] == 0)
        #expect(outbox["payload_bytes"] ?? 0 > 100)
        let table = try cli.run(["--db", cli.db, "db", "info"])
        #expect(table.stdout.contains("outbox: \(outbox["pending"] ?? -1) pending, 0 acknowledged, 0 pruned"), "\(table.stdout)")
        for bad in ["-1", "36501", "99999999999999999999"] {
            let r = try cli.run(["--db", cli.db, "sync", "prune", "--keep-days=\(bad)"])
            #expect(r.status != 0, "\(bad)")
            if bad != "99999999999999999999" { #expect(r.stderr.contains("error: bad_keep_days"), "\(bad): \(r.stderr)") }
        }
    }
}
