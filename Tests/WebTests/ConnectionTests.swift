import Foundation
import Testing
@testable import Server

/// What a connection may hold: idle and header-read timeouts, a cap on connections, TLS, and the
/// client address through a trusted proxy.
@Suite(.serialized)
struct ConnectionTests {
    static func shortTimeouts(_ c: inout ServerConfiguration) {
        c.limits.idleTimeout = .seconds(1)
        c.limits.headerTimeout = .seconds(1)
    }

    /// 50 clients that sent half a request line are closed after the (shortened) timeout; a normal
    /// request goes through while they are open.
    @Test func halfOpenConnectionsAreClosed() async throws {
        let clinic = try await TestClinic.start(configure: Self.shortTimeouts)
        defer { Task { await clinic.stop() } }
        let connections = try (1...50).map { _ in try RawConnection(port: clinic.port) }
        for c in connections { try c.send("GET /heal") }
        #expect(try await clinic.call("GET", "/healthz").status == 200)
        let start = Date()
        for c in connections {
            let (text, closed) = c.read(for: max(0.1, 5 - Date().timeIntervalSince(start)))
            #expect(closed && text.isEmpty)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    /// Headers trickling in a byte at a time keep the connection busy but not alive: the header
    /// deadline closes it though the idle timeout is long.
    @Test func headersMustArriveWithinTheHeaderTimeout() async throws {
        let clinic = try await TestClinic.start { c in
            c.limits.idleTimeout = .seconds(60)
            c.limits.headerTimeout = .seconds(1)
        }
        defer { Task { await clinic.stop() } }
        let connection = try RawConnection(port: clinic.port)
        let start = Date()
        var closed = false
        for byte in "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + String(repeating: "a", count: 100) {
            try? connection.send(String(byte))
            let read = connection.read(for: 0.2)
            if read.closed { closed = true; break }
        }
        #expect(closed)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.9 && elapsed < 3, "closed after \(elapsed) s")
        // A whole request in one go is still answered on a fresh connection.
        let whole = try RawConnection(port: clinic.port)
        try whole.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(whole.read(until: "\"ok\"", within: 5).hasPrefix("HTTP/1.1 200"))
    }

    /// A kept-alive connection that asks nothing more is closed after the idle timeout.
    @Test func idleConnectionsAreClosed() async throws {
        let clinic = try await TestClinic.start(configure: Self.shortTimeouts)
        defer { Task { await clinic.stop() } }
        let connection = try RawConnection(port: clinic.port)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(connection.read(until: "\"ok\"", within: 5).hasPrefix("HTTP/1.1 200"))
        let start = Date()
        let (_, closed) = connection.read(for: 5)
        #expect(closed && Date().timeIntervalSince(start) < 3)
    }

    /// Past the cap a new connection waits (in the listen backlog) until one closes.
    @Test func connectionsPastTheCapWait() async throws {
        let clinic = try await TestClinic.start { c in c.limits.maxConnections = 4 }
        defer { Task { await clinic.stop() } }
        var held = try (1...4).map { _ in try RawConnection(port: clinic.port) }
        // Each held connection has been accepted once it answers a request.
        for c in held {
            try c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(c.read(until: "\"ok\"", within: 5).hasPrefix("HTTP/1.1 200"))
        }
        let waiting = try RawConnection(port: clinic.port)
        try waiting.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        // Not answered while the four are open.
        #expect(waiting.read(for: 0.5).text.isEmpty)
        held.removeAll()
        #expect(waiting.read(until: "\"ok\"", within: 5).hasPrefix("HTTP/1.1 200"))
    }

    @Test func servesHTTPSWithItsCertificate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let clinic = try await TestClinic.start { c in c.tls = try TLSFiles(certificate: cert, key: key) }
        defer { Task { await clinic.stop() } }
        #expect(clinic.base.hasPrefix("https://"))
        let r = try await clinic.call("GET", "/healthz", caFile: cert)
        #expect(r.status == 200 && r.bodyText.contains("ok"))
        let login = try await clinic.call("POST", "/api/v1/session", headers: ["Content-Type: application/json"],
                                          body: #"{"username":"liu","password":"\#(TestClinic.password)"}"#, caFile: cert)
        #expect(login.status == 200 && login.header("Cache-Control") == "no-store")
        // Without the certificate's CA the client refuses; plain HTTP on the TLS port gets no page.
        await #expect(throws: (any Error).self) { try await clinic.call("GET", "/healthz") }
        let plain = try RawConnection(port: clinic.port)
        try plain.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(!plain.read(for: 2).text.contains("\"ok\""))
        // Files that are not a certificate and key are refused with the file named.
        #expect(throws: ServeSetupError.self) { try TLSFiles(certificate: key, key: key) }
        #expect(throws: ServeSetupError.self) { try TLSFiles(certificate: cert, key: cert) }
        #expect(throws: ServeSetupError.self) { try TLSFiles(certificate: folder.appendingPathComponent("none.pem").path, key: key) }
    }

    struct Forwarding: CustomTestStringConvertible, Sendable {
        let peer: String
        let header: String?
        let client: String
        var testDescription: String { "\(peer) \(header ?? "-")" }
    }

    static let forwarding: [Forwarding] = [
        .init(peer: "127.0.0.1", header: "203.0.113.9", client: "203.0.113.9"),
        .init(peer: "127.0.0.1", header: "198.51.100.1, 203.0.113.9", client: "203.0.113.9"),   // the client's own claim is left of it
        .init(peer: "127.0.0.1", header: "203.0.113.9, 10.0.0.2", client: "203.0.113.9"),       // through two trusted proxies
        .init(peer: "127.0.0.1", header: nil, client: "127.0.0.1"),
        .init(peer: "127.0.0.1", header: "not-an-address", client: "127.0.0.1"),
        .init(peer: "127.0.0.1", header: "", client: "127.0.0.1"),
        .init(peer: "127.0.0.1", header: "10.0.0.2", client: "10.0.0.2"),                      // only proxies: the nearest
        .init(peer: "192.0.2.7", header: "203.0.113.9", client: "192.0.2.7"),                   // not a trusted peer: ignored
        .init(peer: "127.0.0.1", header: " 2001:db8::1 ", client: "2001:db8::1"),
    ]

    @Test(arguments: forwarding)
    func clientAddressThroughTrustedProxies(_ f: Forwarding) throws {
        let proxies = try TrustedProxies(["127.0.0.1", "10.0.0.2"])
        #expect(proxies.client(peer: f.peer, forwardedFor: f.header) == f.client)
        #expect(TrustedProxies().client(peer: f.peer, forwardedFor: f.header) == f.peer)
    }

    @Test func theEdgeSetsTheClientAddressFromATrustedProxy() async throws {
        let echo = RouteRegistration(name: "echo") { router, _ in
            router.get("test/client") { _, context in JSONAnswer.ok("\"\(ClientAddress.current ?? "")|\(ClientAddress.of(context) ?? "")\"") }
        }
        for (trusted, expected) in [(["127.0.0.1"], "203.0.113.9"), ([], "127.0.0.1")] {
            let clinic = try await TestClinic.start(configure: { c in c.trustedProxies = try TrustedProxies(trusted) }, extra: [echo])
            defer { Task { await clinic.stop() } }
            let r = try await clinic.call("GET", "/test/client", headers: ["X-Forwarded-For: 198.51.100.1, 203.0.113.9"])
            #expect(r.bodyText == "\"\(expected)|\(expected)\"")
        }
        #expect(throws: ServeSetupError.self) { try TrustedProxies(["proxy.example"]) }
    }

    @Test(arguments: [("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("::1", true), ("0.0.0.0", false),
                      ("::", false), ("192.168.1.5", false), ("registry.example", false), ("128.0.0.1", false)])
    func loopbackHosts(_ host: String, _ loopback: Bool) {
        #expect(ServerConfiguration.isLoopback(host) == loopback)
    }

    /// `serve` on an address other machines reach needs TLS or a proxy in front; exit 1 says how.
    @Test func servePlainHTTPOnAPublicHostIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = folder.appendingPathComponent("token").path
        try Data("a-service-token-of-at-least-32-characters\n".utf8).write(to: URL(fileURLWithPath: token))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let db = folder.appendingPathComponent("r.sqlite").path
        let cases: [([String], String)] = [
            (["--host", "0.0.0.0"], "--tls-cert"),
            (["--host", "0.0.0.0", "--tls-cert", token], "--tls-key"),
            (["--host", "0.0.0.0", "--tls-cert", token, "--tls-key", token], token),
            (["--trusted-proxy", "127.0.0.1"], "--behind-proxy"),
            (["--behind-proxy", "--trusted-proxy", "nginx.local"], "nginx.local"),
        ]
        for (args, mention) in cases {
            let r = try runCLIWithErrors(["serve", "--port", "0", "--db", db] + args)
            #expect(r.status == 1 && r.stderr.contains(mention), "\(args): \(r.status) \(r.stderr)")
        }
    }
}

/// `runCLI` with its standard error, for commands that fail before they print anything.
func runCLIWithErrors(_ args: [String]) throws -> (status: Int32, stderr: String) {
    let repo = schemasURL.deletingLastPathComponent()
    let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screenvax"),
                      repo.appendingPathComponent(".build/debug/screenvax")]
    let process = Process()
    process.executableURL = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["SCREENVAX_SCHEMAS"] = schemasURL.path
    process.environment = env
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
