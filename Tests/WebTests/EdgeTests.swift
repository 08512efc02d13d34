import Foundation
import Testing
@testable import Server

/// What the server's edge answers on its own: 405 with Allow, 413, no-store on the API, and 503
/// with Retry-After while another process holds the database's write lock.
@Suite(.serialized)
struct EdgeTests {
    @Test func unknownMethodOnAKnownPathIs405WithAllow() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let cases: [(method: String, path: String, allow: String)] = [
            ("DELETE", "/work", "GET, HEAD"),
            ("PUT", "/api/v1/hpv/due", "GET, HEAD"),
            ("PATCH", "/api/v1/session", "POST, DELETE"),
            ("POST", "/healthz", "GET, HEAD"),
            ("GET", "/doses", "POST"),
            ("DELETE", "/girls/some-person", "GET, HEAD"),
            ("PUT", "/api/v1/calls/abc/attempts", "POST"),
        ]
        for c in cases {
            let r = try await clinic.call(c.method, c.path)
            #expect(r.status == 405 && r.header("Allow") == c.allow, "\(c.method) \(c.path): \(r.status) \(r.header("Allow") ?? "-")")
        }
        let api = try await clinic.call("PUT", "/api/v1/hpv/due")
        #expect((try api.json() as? [String: Any]).flatMap { $0["error"] as? [String: Any] }?["code"] as? String == "method_not_allowed")
        let options = try await clinic.call("OPTIONS", "/api/v1/session")
        #expect(options.status == 204 && options.header("Allow") == "POST, DELETE")
        // Unknown paths stay 404.
        #expect(try await clinic.call("DELETE", "/no-such-page").status == 404)
        #expect(try await clinic.call("GET", "/api/v1/no-such-route").status == 404)
    }

    @Test func everyAPIAnswerIsNoStore() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let liu = try await clinic.token("liu")
        let answers = [
            try await clinic.json("GET", "/api/v1/me", token: liu),
            try await clinic.json("GET", "/api/v1/hpv/due", token: liu),
            try await clinic.json("GET", "/api/v1/me"),                          // 401
            try await clinic.json("GET", "/api/v1/hpv/girls/360102201105100028", token: liu),  // 404
            try await clinic.json("GET", "/api/v1/calls/next?limit=5", token: TestClinic.voiceToken),
            try await clinic.json("GET", "/api/v1/hpv/due?limit=0", token: liu),   // 400
            try await clinic.call("PUT", "/api/v1/me"),                          // 405
            try await clinic.json("GET", "/api/v1/no-such-route", token: liu),   // the router's 404
        ]
        for r in answers { #expect(r.header("Cache-Control") == "no-store", "\(r.status)") }
        #expect(try await clinic.call("GET", "/static/app.css").header("Cache-Control") == "max-age=3600")
    }

    @Test func bodiesOverTheirCapAre413() async throws {
        let clinic = try await TestClinic.start()
        defer { Task { await clinic.stop() } }
        let big = String(repeating: "x", count: BodyLimit.form + 1)
        let login = try await clinic.json("POST", "/api/v1/session", body: #"{"username":"liu","password":"\#(big)"}"#)
        #expect(login.status == 413 && login.bodyText.contains("body_too_large"))
        let liu = try await clinic.token("liu")
        let roster = try await clinic.call("POST", "/api/v1/hpv/roster", headers: ["Authorization: Bearer \(liu)"],
                                           bytes: [UInt8](repeating: 0x41, count: BodyLimit.upload + 1))
        #expect(roster.status == 413)
        let (cookie, csrf) = try await WebPageTests.login(clinic, "liu")
        let form = try await clinic.call("POST", "/doses", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)&lot=" + big)
        #expect(form.status == 413 && form.bodyText.contains("提交的内容过大"))
        // Announced and never sent: answered without waiting for the body (which never comes).
        for (path, length) in [("/api/v1/session", BodyLimit.form + 1), ("/roster", BodyLimit.upload + 1), ("/healthz-nope", 1 << 30)] {
            let connection = try RawConnection(port: clinic.port)
            try connection.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n")
            let answer = connection.read(until: "\r\n\r\n", within: 5)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(path): \(answer.prefix(40))")
        }
        #expect(try await clinic.call("GET", "/healthz").status == 200)
    }

    /// Another process (the sqlite3 shell) holds the write lock: `/healthz` answers at once, reads
    /// answer, a write waits the busy timeout and answers 503 with Retry-After; after the lock is
    /// released the same write goes through.
    @Test func aLockedDatabaseAnswers503AndHealthzStaysFast() async throws {
        let clinic = try await TestClinic.start(busyTimeout: 2)
        defer { Task { await clinic.stop() } }
        // Logged in before the lock: a login writes its session.
        let liu = try await clinic.token("liu")
        let (cookie, csrf) = try await WebPageTests.login(clinic, "fang", landing: "/calls")
        let lock = try SQLiteLock(path: clinic.database.path)
        defer { lock.release() }
        let consent = #"{"id":"\#(People.wang)","decision":"given"}"#
        async let write = timed { try await clinic.json("POST", "/api/v1/hpv/consent", token: liu, body: consent) }
        // While the write waits on the lock, every other request still answers.
        var times: [Double] = []
        for _ in 1...5 {
            let (health, seconds) = try await timed { try await clinic.call("GET", "/healthz") }
            #expect(health.status == 200)
            times.append(seconds)
        }
        // The fastest: a frozen server answers none of them in time; one sample may meet a busy
        // moment of the shared machine (the test runs beside other suites).
        #expect(times.min() ?? 1 < 0.1, "healthz took \(times) s")
        let (read, readSeconds) = try await timed { try await clinic.json("GET", "/api/v1/hpv/girls", token: liu) }
        #expect(read.status == 200 && readSeconds < 1)
        let (busy, seconds) = try await write
        #expect(busy.status == 503 && busy.header("Retry-After") == "2", "\(busy.status) \(busy.bodyText)")
        // The busy timeout is 2 s; past it, the time is the shared machine's (the old 10 s timeout
        // answered after 10 s).
        #expect(seconds >= 1.5 && seconds < 4.5, "503 after \(seconds) s")
        #expect(busy.bodyText.contains("db_busy") || busy.bodyText.contains("\"busy\""))
        // The page says it in Chinese, with the same header.
        let page = try await clinic.call("POST", "/logout", headers: ["Cookie: \(cookie)"], body: "csrf=\(csrf)")
        #expect(page.status == 503 && page.header("Retry-After") == "2" && page.bodyText.contains("系统正忙"))
        lock.release()
        #expect(try await clinic.json("POST", "/api/v1/hpv/consent", token: liu, body: consent).status == 200)
    }

    func timed<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> (T, Double) {
        let start = Date()
        let value = try await body()
        return (value, Date().timeIntervalSince(start))
    }
}

/// The sqlite3 shell holding `BEGIN IMMEDIATE` on a database: another process's write lock.
final class SQLiteLock: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    init(path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("PRAGMA busy_timeout = 5000;\nBEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        // Held once the shell says so (it answers the SELECT only after BEGIN IMMEDIATE succeeded).
        let deadline = Date().addingTimeInterval(10)
        var seen = ""
        while !seen.contains("locked"), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        guard seen.contains("locked") else { throw TestFailure("sqlite3 did not take the lock: \(seen)") }
    }

    func release() {
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
