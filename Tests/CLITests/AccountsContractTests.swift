import Foundation
import Testing

extension CLI {
    /// A secret file (token, password) with a given mode; 600 unless told.
    func secret(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = try file(name, text)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// The latest audit entries (the sqlite3 shell, as an administrator would look).
    func audit(_ limit: Int = 1) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, "SELECT operator || '|' || action || '|' || detail FROM audit_log ORDER BY id DESC LIMIT \(limit)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

/// `screenvax user ...` and `screenvax client ...`: the administrator's commands.
@Suite("screenvax user and client: the command-line contract")
struct AccountsContractTests {
    static let password = "a long enough password"

    func withUser() throws -> CLI {
        let cli = try CLI()
        let pw = try cli.secret("pw", Self.password + "\n")
        let r = try cli.run(["--db", cli.db, "user", "add", "--username", "liu", "--password-file", pw, "--role", "vaccinator", "--area", "360102"])
        #expect(r.status == 0, "\(r.stderr)")
        return cli
    }

    /// Password file → exit code and error code: 11 characters, blank, over 72 bytes are refused.
    @Test(arguments: [
        ("elevenchars", "weak_password"),
        ("twelve chars", nil),
        ("            ", "blank_password"),
        (String(repeating: "密", count: 24), nil),
        (String(repeating: "密", count: 24) + "a", "password_too_long"),
    ] as [(String, String?)])
    func passwordRules(password: String, code: String?) throws {
        let cli = try CLI()
        let pw = try cli.secret("pw", password + "\n")
        let r = try cli.run(["--db", cli.db, "user", "add", "--username", "liu", "--password-file", pw, "--role", "admin", "--area", "360000"])
        #expect(r.status == (code == nil ? 0 : 1), "\(r.stderr)")
        if let code { #expect(r.stderr.contains("error: \(code): ")) }
        #expect(!r.stderr.contains(password) || password.allSatisfy(\.isWhitespace))
    }

    @Test func disableEnablePasswdUnlockSessionsAreAudited() throws {
        let cli = try withUser()
        let disabled = try cli.run(["--db", cli.db, "--operator", "admin.wu", "user", "disable", "--username", "liu"])
        #expect(disabled.status == 0 && disabled.stdout.contains("disabled liu: 0 sessions ended"))
        #expect(try cli.audit() == ["admin.wu|user_disable|liu: disabled, 0 sessions ended"])
        let list = try cli.run(["--db", cli.db, "user", "list", "--format", "json"])
        #expect((try list.array().first?["disabled"] as? Bool) == true)
        #expect(try cli.run(["--db", cli.db, "--operator", "admin.wu", "user", "enable", "--username", "liu"]).status == 0)
        #expect(try cli.audit() == ["admin.wu|user_enable|liu: enabled"])
        let pw = try cli.secret("new", "another long password\n")
        let passwd = try cli.run(["--db", cli.db, "--operator", "admin.wu", "user", "passwd", "--username", "liu", "--password-file", pw])
        #expect(passwd.status == 0, "\(passwd.stderr)")
        #expect(try cli.audit() == ["admin.wu|user_passwd|liu: password changed, 0 sessions ended"])
        #expect(try cli.run(["--db", cli.db, "--operator", "admin.wu", "user", "unlock", "--username", "liu"]).status == 0)
        #expect(try cli.audit() == ["admin.wu|user_unlock|liu: 0 failure counters cleared"])
        let sessions = try cli.run(["--db", cli.db, "user", "sessions", "--username", "liu", "--format", "json"])
        #expect(try sessions.status == 0 && sessions.array().isEmpty, "\(sessions.stdout)")
        let revoke = try cli.run(["--db", cli.db, "--operator", "admin.wu", "user", "sessions", "--username", "liu", "--revoke"])
        #expect(revoke.status == 0 && revoke.stdout.contains("ended 0 sessions of liu"))
        #expect(try cli.audit() == ["admin.wu|user_sessions_revoke|liu: 0 sessions ended"])
        let unknown = try cli.run(["--db", cli.db, "user", "disable", "--username", "ghost"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown_user"))
        let garbage = try cli.run(["--db", cli.db, "user", "unlock", "--username", String(repeating: "x", count: 5000)])
        #expect(garbage.status == 1 && garbage.stderr.contains("bad_username") && garbage.stderr.count < 300)
        #expect(try cli.audit(10).allSatisfy { $0.count < 200 })
        #expect(try cli.audit(10).allSatisfy { !$0.contains(Self.password) && !$0.contains("another long password") })
    }

    /// Token file mode and length → client add's exit and error code.
    @Test(arguments: [
        (0o600, 64, nil), (0o400, 32, nil), (0o640, 64, "token_file_mode"), (0o604, 64, "token_file_mode"),
        (0o620, 64, "token_file_mode"), (0o600, 31, "token_too_short"),
    ] as [(Int, Int, String?)])
    func clientTokenFiles(mode: Int, length: Int, code: String?) throws {
        let cli = try CLI()
        let token = try cli.secret("t", String(repeating: "c", count: length) + "\n", mode: mode)
        let r = try cli.run(["--db", cli.db, "client", "add", "--name", "his", "--scope", "cds", "--area", "360102", "--token-file", token])
        #expect(r.status == (code == nil ? 0 : 1), "\(r.stderr)")
        if let code {
            #expect(r.stderr.contains(code) && (r.stderr.contains("chmod 600") || r.stderr.contains("openssl rand -hex 32")))
        }
        #expect(!r.stdout.contains(String(repeating: "c", count: 31)) && !r.stderr.contains(String(repeating: "c", count: 31)))
    }

    @Test func clientAddListDisable() throws {
        let cli = try CLI()
        let token = try cli.secret("t", String(repeating: "ab", count: 32) + "\n")
        let added = try cli.run(["--db", cli.db, "--operator", "admin.wu", "client", "add", "--name", "voice-1", "--scope", "voice",
                                 "--area", "360100", "--token-file", token, "--format", "json"])
        #expect(added.status == 0, "\(added.stderr)")
        let object = try added.object()
        #expect(object["scope"] as? String == "voice" && object["area"] as? String == "360100" && object["credential"] as? String == "token")
        #expect(try cli.audit() == ["admin.wu|client_add|voice-1 scope=voice area=360100 token"])
        #expect(try cli.run(["--db", cli.db, "client", "add", "--name", "x1", "--scope", "sms", "--area", "360100", "--token-file", token])
            .stderr.contains("bad_scope"))
        #expect(try cli.run(["--db", cli.db, "client", "add", "--name", "x2", "--scope", "cds", "--area", "36", "--token-file", token])
            .stderr.contains("unknown_area"))
        #expect(try cli.run(["--db", cli.db, "client", "add", "--name", "x3", "--scope", "voice", "--area", "360000",
                             "--jwt-issuer", "https://his", "--jwks", token]).stderr.contains("bad_scope"))
        let jwks = try cli.file("keys.json", #"{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}"#)
        let badKeys = try cli.run(["--db", cli.db, "client", "add", "--name", "x4", "--scope", "cds", "--area", "360000",
                                   "--jwt-issuer", "https://his", "--jwks", jwks])
        #expect(badKeys.status == 1 && badKeys.stderr.contains("jwt_jwks"))
        #expect(try cli.run(["--db", cli.db, "--operator", "admin.wu", "client", "disable", "--name", "voice-1"]).status == 0)
        #expect(try cli.audit() == ["admin.wu|client_disable|voice-1"])
        let list = try cli.run(["--db", cli.db, "client", "list", "--format", "json"]).array()
        #expect(list.count == 1 && list[0]["name"] as? String == "voice-1" && list[0]["disabled"] as? String != nil)
        let table = try cli.run(["--db", cli.db, "client", "list"]).stdout
        #expect(!table.contains(String(repeating: "ab", count: 32)))
        #expect(try cli.run(["--db", cli.db, "client", "add", "--name", "x5", "--scope", "cds", "--area", "360000"]).status == 2)
    }
}
