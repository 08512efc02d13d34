import Foundation
import Testing

/// The interface the product side tests against (issue "AI-assist interface"): `assist` and `serve`.
@Suite("screenvax assist and serve: the command-line contract")
struct AssistContractTests {
    static let girl = makeID("2011-05-10")
    static let roster = """
        序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种
        1,东湖区,王小红,2011-05-10,\(girl),东湖区第一中学,初一(1)班,王伟,13812345678,无,是

        """

    func registry() throws -> CLI {
        let cli = try CLI()
        try cli.run(["--db", cli.db, "hpv", "import", try cli.file("roster.csv", Self.roster)])
        let dose = try cli.run(["--db", cli.db, "hpv", "dose", "--id", Self.girl, "--date", "2023-10-10", "--product", "cecolin",
                                "--lot", "C2023101", "--expiry", "2025-06-30"])
        #expect(dose.status == 0, "\(dose.stderr)")
        return cli
    }

    @Test("assist --patient ID --format json: {\"cards\": [...]} with the CDS Hooks card shape; --service narrows it")
    func cards() throws {
        let cli = try registry()
        let r = try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--as-of", "2024-04-15", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let cards = try #require(try r.object()["cards"] as? [[String: Any]])
        #expect(cards.count == 1)
        #expect(cards[0]["indicator"] as? String == "info")
        #expect((cards[0]["summary"] as? String)?.contains("第2剂") == true)
        #expect((cards[0]["source"] as? [String: Any])?["label"] is String)
        #expect((cards[0]["uuid"] as? String)?.count == 36)
        let en = try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--as-of", "2024-04-15", "--language", "en", "--format", "json"])
        #expect((try en.object()["cards"] as? [[String: Any]])?.first?["summary"] as? String == "HPV dose 2 is due; it can be given today")
        let recall = try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--service", "recall-alert", "--format", "json"])
        #expect(recall.status == 0)
        #expect(recall.stdout.filter { !$0.isWhitespace } == #"{"cards":[]}"#)
    }

    @Test("assist: an unknown patient exits 1 with a coded message; a bad service or date exits 2 or 1")
    func errors() throws {
        let cli = try registry()
        let unknown = try cli.run(["--db", cli.db, "assist", "--patient", makeID("1980-01-01"), "--format", "json"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown_patient"))
        #expect(!unknown.stderr.contains(makeID("1980-01-01")))
        #expect(try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--service", "nope"]).status == 2)
        #expect(try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--as-of", "2024-13-45"]).status == 1)
        #expect(try cli.run(["--db", cli.db, "assist"]).status == 2)
    }

    @Test("assist audit lists every call with the patient masked")
    func audit() throws {
        let cli = try registry()
        try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--as-of", "2024-04-15"])
        try cli.run(["--db", cli.db, "assist", "--patient", Self.girl, "--service", "recall-alert"])
        let r = try cli.run(["--db", cli.db, "assist", "audit", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let entries = try r.array()
        #expect(entries.count == 2)
        #expect(entries.map { $0["service"] as? String } == ["recall-alert", "ai-assist"])
        #expect(entries.allSatisfy { $0["patient_masked"] as? String == "360102********" + Self.girl.suffix(4) })
        #expect(entries[1]["card_ids"] as? [String] != nil && (entries[1]["card_ids"] as! [String]).count == 1)
        #expect(entries.allSatisfy { $0["ai_called"] as? Bool == false && $0["origin"] as? String == "cli" })
        let table = try cli.run(["--db", cli.db, "assist", "audit"])
        #expect(!table.stdout.contains(Self.girl))
        #expect(table.stdout.contains("hook_instance"))
    }

    @Test("serve: flags checked before it starts; the shared token and the one JWT issuer are gone")
    func serveFlags() throws {
        let cli = try CLI()
        let help = try cli.run(["serve", "--help"])
        for flag in ["--host", "--port", "--ai-url", "--ai-token-file", "--ai-timeout-ms", "--public-url"] {
            #expect(help.stdout.contains(flag), "\(flag) missing from serve --help")
        }
        #expect(!help.stdout.contains("--token-file") && !help.stdout.contains("--jwt-issuer"))
        let token = try cli.secret("token", String(repeating: "5f", count: 32) + "\n")
        let shared = try cli.run(["--db", cli.db, "serve", "--token-file", token])
        #expect(shared.status == 1)
        #expect(shared.stderr.contains("serve_token_removed") && shared.stderr.contains("screenvax client add"), "\(shared.stderr)")
        let jwt = try cli.run(["--db", cli.db, "serve", "--jwt-issuer", "https://his.example", "--jwt-jwks", token])
        #expect(jwt.status == 1 && jwt.stderr.contains("serve_jwt_removed") && jwt.stderr.contains("--jwt-issuer ISS --jwks FILE"))
        #expect(try cli.run(["--db", cli.db, "serve", "--port", "70000"]).status == 2)
        #expect(try cli.run(["--db", cli.db, "serve", "--ai-timeout-ms", "0"]).status == 2)
        let plainAI = try cli.run(["--db", cli.db, "serve", "--ai-url", "http://ai.example.com/advice"])
        #expect(plainAI.status == 1)
        #expect(plainAI.stderr.contains("bad_ai_url"))
        // The AI token file follows the one token-file rule.
        let open = try cli.secret("ai.token", String(repeating: "a", count: 40) + "\n", mode: 0o644)
        let loose = try cli.run(["--db", cli.db, "serve", "--ai-url", "https://ai.example.com/advice", "--ai-token-file", open])
        #expect(loose.status == 1 && loose.stderr.contains("token_file_mode") && loose.stderr.contains("chmod 600"), "\(loose.stderr)")
        let short = try cli.secret("short.token", "s3cret-token\n")
        let weak = try cli.run(["--db", cli.db, "serve", "--ai-url", "https://ai.example.com/advice", "--ai-token-file", short])
        #expect(weak.status == 1 && weak.stderr.contains("token_too_short") && weak.stderr.contains("openssl rand -hex 32"))
        #expect(!weak.stderr.contains("s3cret-token"))
    }

    @Test("serve: listens on the given port, answers /healthz and CDS Hooks with a client's token, stops on SIGTERM with exit 0")
    func serveRuns() throws {
        let cli = try registry()
        let secret = "s3cret-token-" + String(repeating: "7e", count: 16)
        let token = try cli.secret("token", secret + "\n")
        let added = try cli.run(["--db", cli.db, "client", "add", "--name", "his-donghu", "--scope", "cds", "--area", "360102", "--token-file", token])
        #expect(added.status == 0, "\(added.stderr)")
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["--db", cli.db, "serve", "--port", "0"]
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        environment["SCREENVAX_TODAY"] = "2024-04-15"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = ""
        let deadline = Date().addingTimeInterval(30)
        while !printed.contains("\n"), Date() < deadline {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = try #require(printed.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(printed.hasPrefix("serving on http://127.0.0.1:"))
        let base = "http://127.0.0.1:\(port)"
        #expect(try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/healthz"]) == "200")
        #expect(try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/cds-services"]) == "401")
        let body = #"{"hook":"patient-view","hookInstance":"c0ffee00-0000-4000-8000-000000000001","context":{"patientId":"\#(Self.girl)"}}"#
        let cards = try curl(["-s", "-H", "Authorization: Bearer \(secret)", "-H", "Content-Type: application/json", "-d", body,
                              base + "/cds-services/hpv-reminder"])
        #expect(cards.contains("\"indicator\":\"info\""), "\(cards)")
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let logs = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!logs.contains(secret))
        #expect(!logs.contains(Self.girl))
    }

    func curl(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["--max-time", "10"] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
